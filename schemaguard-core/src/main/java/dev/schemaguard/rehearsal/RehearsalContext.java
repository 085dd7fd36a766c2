package dev.schemaguard.rehearsal;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.function.Consumer;

/** What a rehearsal rule sees of the whole rehearsal: its trace, the migrations, and where to report. */
public final class RehearsalContext extends RuleReports {

    private final RehearsalTrace trace;
    private final MigrationGraph graph;
    private final MigrationStatements statements;

    RehearsalContext(RehearsalTrace trace, MigrationGraph graph, MigrationStatements statements,
                     Consumer<Finding> sink) {
        super(sink);
        this.trace = trace;
        this.graph = graph;
        this.statements = statements;
    }

    /** This context, reporting for {@code rule} from now on. */
    RehearsalContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    public RehearsalTrace trace() {
        return trace;
    }

    public MigrationGraph graph() {
        return graph;
    }

    /** The migrations' statements, split and typed. */
    public MigrationStatements statements() {
        return statements;
    }

    /** Reports a finding on migration {@code m}, at a file and line, at the rule's default severity. */
    public void report(Migration m, String file, int line, String message, String fix, List<Evidence> evidence) {
        emit(severity(), m.id(), file, line, message, fix, evidence);
    }
}
