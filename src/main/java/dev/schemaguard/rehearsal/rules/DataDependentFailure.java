package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;
import dev.schemaguard.sql.Statement;

import java.util.List;

/**
 * An up that failed on the data (a data exception or a constraint violation) while tables held the rows the rehearsal
 * generated, and applied once those rows were removed: it fails on a database holding rows like them, which
 * production may or may not have. A hazard that depends on the data is a warning, never {@code migration-failed}.
 */
@RuleSpec(id = "data-dependent-failure", group = RuleGroup.REHEARSAL, severity = Severity.WARNING,
        summary = "A migration fails on rows like the ones the rehearsal generated, and applies without them.")
public final class DataDependentFailure implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace trace = context.trace();
        if (trace.withoutGeneratedRows() == null || !trace.withoutGeneratedRows().up().succeeded()) {
            return;
        }
        Execution.Failure f = trace.up().failure();
        Statement statement = context.statements().statementAt(context.migration(), f.line());
        List<String> examples = trace.withoutGeneratedRows().examples();
        context.report(f.file(), f.line(), "migration " + context.migration().id() + " fails on data like "
                        + (examples.isEmpty() ? "the rows the rehearsal generated" : String.join(", ", examples)
                        + " (rows the rehearsal generated)")
                        + (statement == null ? "" : ", at " + statement.summary()) + ": " + f.describe()
                        + "; without them (" + String.join(", ", trace.withoutGeneratedRows().emptiedTables())
                        + " emptied) it applies, so a database holding rows like these fails the same way",
                "Make the migration hold for every row the table may contain: fix the rows that would fail first "
                        + "(a backfill or a cleanup before it), or write the statement so it handles them (a USING "
                        + "expression for a type change, deduplication before a unique index, a default before NOT "
                        + "NULL). If no such row can exist, suppress it and say why.", List.of());
    }
}
