package dev.schemaguard.graph.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphContext;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;

import java.util.List;

/** Parent links that lead back to where they started: no order can apply those migrations. */
@RuleSpec(id = "cycle", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "Following parent links from a migration leads back to it, so no order can apply those migrations.")
public final class Cycle implements GraphRule {

    @Override
    public void check(GraphContext context) {
        MigrationGraph g = context.graph();
        for (List<String> cycle : context.analysis().cycles()) {
            Migration m = g.migration(cycle.get(0));
            context.report(m, m.parentsLine(),
                    "cycle: " + String.join(" → ", cycle) + ". No order can apply these migrations.",
                    "Break the cycle: one of these migrations must revise an earlier one instead.",
                    cycle.stream().distinct().map(id -> Evidence.at(g.migration(id).displayFile(),
                            g.migration(id).parentsLine(), id)).toList());
        }
    }
}
