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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** undefined_column, undefined_table, undefined_function, undefined_object: what the server did not find. */
    private static final Set<String> MISSING = Set.of("42703", "42P01", "42883", "42704");
    /** The missing object's name: quoted ({@code column "x"}) or qualified by an alias ({@code column r.x}). */
    private static final Pattern MISSING_NAME = Pattern.compile(
            "(?:column|relation|function|type) (?:\"([^\"]+)\"|(?:[\\w$]+\\.)?([\\w$]+))(?:\\(| does not exist)");

    /** The migration of another branch that adds what the failed migration did not find, and its line. */
    private record Provider(Migration migration, String object, int line) {
    }

    /**
     * The first migration, in apply order, of the branches other than the failed migration's whose statements name
     * the object the server did not find; {@code null} when the failure is not a missing object or no such migration
     * names it.
     */
    private static Provider provider(RehearsalContext context, RehearsalTrace.BranchOrders orders,
                                     RehearsalTrace.Applied failed) {
        Matcher name = MISSING_NAME.matcher(failed.failure().message());
        if (!MISSING.contains(failed.failure().sqlState()) || !name.find()) {
            return null;
        }
        String object = name.group(1) != null ? name.group(1) : name.group(2);
        Pattern word = Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(object) + "\"?(?![\\w$])");
        for (List<String> branch : orders.branches()) {
            if (branch.contains(failed.failedId())) {
                continue;
            }
            for (String id : branch) {
                Migration m = context.graph().migration(id);
                for (var step : context.statements().of(m)) {
                    if (word.matcher(step.statement().text()).find()) {
                        return new Provider(m, object, step.statement().line());
                    }
                }
            }
        }
        return null;
    }

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
            String message = "the branches of the fork at " + fork.at() + " only work in one order: applied as "
                    + orderText + ", migration " + failed.failedId() + " fails: " + failed.failure().describe();
            Provider provider = provider(context, orders, failed);
            if (provider == null) {
                context.report(merge, failed.failure().file(), failed.failure().line(), message, FIX, evidence);
                return;
            }
            Migration needs = graph.migration(failed.failedId());
            Migration gives = provider.migration();
            List<Evidence> withProvider = new ArrayList<>(evidence);
            withProvider.add(Evidence.at(gives.displayFile(), provider.line(), "adds " + provider.object()));
            context.report(merge, failed.failure().file(), failed.failure().line(), message + "; " + provider.object()
                            + " is added by migration " + gives.id() + " (" + gives.displayFile() + "), on another "
                            + "branch, which " + needs.id() + " does not declare as a parent",
                    "Declare " + gives.id() + " a parent of " + needs.id() + " (it uses " + provider.object()
                            + ", which " + gives.id() + " adds), so that every environment applies " + gives.id()
                            + " first.", withProvider);
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
