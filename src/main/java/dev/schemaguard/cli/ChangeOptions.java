package dev.schemaguard.cli;

import dev.schemaguard.gate.Options;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the changed-only gate: which migrations to judge, and which findings are already accepted. */
final class ChangeOptions {

    @Option(names = "--since", paramLabel = "REF",
            description = {"Judge only the migrations added or changed since the merge base of HEAD and the git "
                    + "revision REF (origin/main); the whole history still builds the schema, the graph and the "
                    + "rehearsal. A migration that existed at REF and was edited, renamed or removed is itself a "
                    + "finding (modified-applied-migration)."})
    String since;

    @Option(names = "--baseline-findings", paramLabel = "FILE",
            description = "Accept the findings FILE holds (written by --write-baseline): they are left out of the "
                    + "report and the exit code; any other finding still counts.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write every finding of this run to FILE as the accepted baseline, then report as if "
                    + "it were given with --baseline-findings.")
    Path writeBaseline;

    Options.Changes toGate() {
        return new Options.Changes(since, baseline, writeBaseline);
    }
}
