package dev.schemaguard.change;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.function.Consumer;

/** What a change rule sees: the migrations now, how they differ from the merge base, and where to report. */
public final class ChangeContext extends RuleReports {

    private final MigrationGraph graph;
    private final MigrationChanges changes;

    ChangeContext(MigrationGraph graph, MigrationChanges changes, Consumer<Finding> sink) {
        super(sink);
        this.graph = graph;
        this.changes = changes;
    }

    /** This context, reporting for {@code rule} from now on. */
    ChangeContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    public MigrationGraph graph() {
        return graph;
    }

    public MigrationChanges changes() {
        return changes;
    }

    /** Reports a finding about migration {@code m} at the rule's default severity. */
    public void report(Migration m, int line, String message, String fix, List<Evidence> evidence) {
        report(severity(), m, line, message, fix, evidence);
    }

    /** Reports at another severity than the default: the rule's spec says when ({@code otherwise}). */
    public void report(Severity severity, Migration m, int line, String message, String fix, List<Evidence> evidence) {
        report(severity, m, m.displayFile(), line, message, fix, evidence);
    }

    /** Reports about migration {@code m} at a line of another of its files (its down script). */
    public void report(Severity severity, Migration m, String file, int line, String message, String fix,
                       List<Evidence> evidence) {
        emit(severity, m.id(), file, line, message, fix, evidence);
    }

    /** A file of the project as reports show it: relative to the project, with forward slashes. */
    public String display(java.nio.file.Path file) {
        return graph.source().projectDir().toAbsolutePath().normalize()
                .relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
