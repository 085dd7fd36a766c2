package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.rehearsal.RehearsalContext;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.RehearsalTrace;
import dev.schemaguard.rehearsal.SchemaDifferences;
import dev.schemaguard.source.Migration;

import java.util.List;

/**
 * The branches of a fork that merges again, applied in both orders on fresh databases, fail in one order or build
 * different schemas: each environment gets the schema of the order its deploys came in.
 */
@RuleSpec(id = "branch-order-dependent", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "The branches of a fork give different schemas, or fail, depending on which branch runs first.")
public final class BranchOrderDependent implements RehearsalRule {

    private static final String FIX = "Make the branches independent (each changing objects the other does not "
            + "touch), or make one branch depend on the other (down_revision or depends_on) so every environment "
            + "applies them in the same order.";

    @Override
    public void checkRehearsal(RehearsalContext context) {
        for (RehearsalTrace.BranchOrders orders : context.trace().branchOrders()) {
            check(context, orders);
        }
    }

    private static void check(RehearsalContext context, RehearsalTrace.BranchOrders orders) {
        MigrationGraph graph = context.graph();
        GraphAnalysis.Fork fork = orders.fork();
        Migration merge = graph.migration(fork.mergedAt());
        String first = String.join(", ", orders.branches().get(0));
        String last = String.join(", ", orders.branches().get(orders.branches().size() - 1));
        List<Evidence> evidence = fork.children().stream()
                .map(id -> Evidence.at(graph.migration(id).displayFile(), graph.migration(id).line(), "branch " + id))
                .toList();
        RehearsalTrace.Applied one = orders.forward();
        RehearsalTrace.Applied other = orders.backward();
        if (one.failure() != null || other.failure() != null) {
            RehearsalTrace.Applied failed = one.failure() != null ? one : other;
            String orderText = failed == one ? first + " before " + last : last + " before " + first;
            context.report(merge, failed.failure().file(), failed.failure().line(),
                    "the branches of the fork at " + fork.at() + " only work in one order: applied as " + orderText
                            + ", migration " + failed.failedId() + " fails: " + failed.failure().describe(),
                    FIX, evidence);
            return;
        }
        List<CatalogChange> differences = SchemaDifferences.between(one.catalog(), other.catalog());
        if (!differences.isEmpty()) {
            context.report(merge, merge.displayFile(), merge.line(),
                    "the branches of the fork at " + fork.at() + " build different schemas in the two orders they can "
                            + "run in: going from " + first + " first to " + last + " first, "
                            + Words.summarise(SchemaDifferences.descriptions(differences)), FIX, evidence);
        }
    }
}
