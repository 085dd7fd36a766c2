package dev.schemaguard.rehearsal;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.MigrationStatements;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.function.Consumer;

/** What a rehearsal rule sees of one migration: its trace, what the project requires, and where to report. */
public final class TraceContext extends RuleReports {

    private final MigrationTrace trace;
    private final Rehearsal.Settings settings;
    private final MigrationStatements statements;

    TraceContext(MigrationTrace trace, Rehearsal.Settings settings, MigrationStatements statements,
                 Consumer<Finding> sink) {
        super(sink);
        this.trace = trace;
        this.settings = settings;
        this.statements = statements;
    }

    /** This context, reporting for {@code rule} from now on. */
    TraceContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    public MigrationTrace trace() {
        return trace;
    }

    public Migration migration() {
        return trace.migration();
    }

    /** {@code require.down_migrations}: every migration must have a down. */
    public boolean requireDown() {
        return settings.requireDown();
    }

    /** {@code require.rerunnable}: every migration must survive running twice. */
    public boolean requireRerunnable() {
        return settings.requireRerunnable();
    }

    /** The migration's statements, split and typed. */
    public MigrationStatements statements() {
        return statements;
    }

    /** Reports a finding at a file and line of the migration, at the rule's default severity. */
    public void report(String file, int line, String message, String fix, List<Evidence> evidence) {
        report(severity(), file, line, message, fix, evidence);
    }

    /** Reports at another severity than the default: the rule's spec says when ({@code otherwise}). */
    public void report(Severity severity, String file, int line, String message, String fix, List<Evidence> evidence) {
        emit(severity, trace.migration().id(), file, line, message, fix, evidence);
    }
}
