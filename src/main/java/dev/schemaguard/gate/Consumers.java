package dev.schemaguard.gate;

import dev.schemaguard.consumers.ConsumerDeclarations;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.ConsumerScanner;
import dev.schemaguard.consumers.QueryFailure;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.io.TextFiles;
import dev.schemaguard.rehearsal.Rehearsal;

import java.nio.file.Path;
import java.util.List;

/** The consumer analysis of a project, for the commands that run it. */
public final class Consumers {

    private Consumers() {
    }

    /** Scans the declared consumers; what could not be read is noted on {@code notes}, never fatal. */
    public static ConsumerScan scan(Project project, SchemaHistory schema, java.io.PrintStream notes) {
        ConsumerScan scan = ConsumerScanner.scan(project.directory(), project.config().consumers(), schema);
        // Unreadable files and queries are skipped, never fatal; the user hears of them on stderr.
        for (ConsumerScan.Problem p : scan.problems()) {
            notes.println("schemaguard: note: " + p.consumer() + ": " + p.file() + (p.line() > 0 ? ":" + p.line() : "")
                    + ": " + p.message());
        }
        return scan;
    }

    /** Where the project's configuration declares its consumers, for findings about a consumer as a whole. */
    public static ConsumerDeclarations declarations(Project project) {
        if (project.configFile() == null) {
            return new ConsumerDeclarations(null, java.util.Map.of());
        }
        String shown = project.directory().toAbsolutePath().normalize().relativize(project.configFile()).toString()
                .replace('\\', '/');
        return ConsumerDeclarations.in(shown, TextFiles.read(project.configFile(), Path.of(shown)));
    }

    /** What the rehearsal saw of the consumers' queries, as the consumer rules judge it. */
    static List<QueryFailure> failures(List<Rehearsal.BrokenQuery> broken) {
        return broken.stream().map(b -> new QueryFailure(b.migration(), b.probe().consumer(), b.probe().file(),
                b.probe().line() + b.failure().line(), b.failure().describe())).toList();
    }

    /** The consumers' queries, for the rehearsal to prepare after each migration. */
    static List<Rehearsal.QueryProbe> probes(ConsumerScan scan) {
        return scan.queries().stream().map(q -> new Rehearsal.QueryProbe(q.consumer(), q.file(), q.line(), q.sql()))
                .toList();
    }
}
