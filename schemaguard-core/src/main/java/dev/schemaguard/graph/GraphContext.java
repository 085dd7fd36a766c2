package dev.schemaguard.graph;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.util.List;
import java.util.function.Consumer;

/** What a graph rule sees: the migrations, the graph's shape, and where to report. */
public final class GraphContext extends RuleReports {

    private final MigrationGraph graph;
    private final GraphAnalysis analysis;

    GraphContext(MigrationGraph graph, GraphAnalysis analysis, Consumer<Finding> sink) {
        super(sink);
        this.graph = graph;
        this.analysis = analysis;
    }

    /** This context, reporting for {@code rule} from now on. */
    GraphContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    public MigrationGraph graph() {
        return graph;
    }

    public GraphAnalysis analysis() {
        return analysis;
    }

    /** Whether the history is Alembic's: the fixes then name Alembic's commands. */
    public boolean alembic() {
        return graph.source().format() == MigrationFormat.ALEMBIC;
    }

    /** Whether the history is Django's: heads are counted per app and the fixes name manage.py's commands. */
    public boolean django() {
        return graph.source().format() == MigrationFormat.DJANGO;
    }

    /** Reports a finding about migration {@code m}, at a line of its file, at the rule's default severity. */
    public void report(Migration m, int line, String message, String fix, List<Evidence> evidence) {
        report(severity(), m, line, message, fix, evidence);
    }

    /** Reports at another severity than the default: the rule's spec says when ({@code otherwise}). */
    public void report(Severity severity, Migration m, int line, String message, String fix, List<Evidence> evidence) {
        emit(severity, m.id(), m.displayFile(), line, message, fix, evidence);
    }
}
