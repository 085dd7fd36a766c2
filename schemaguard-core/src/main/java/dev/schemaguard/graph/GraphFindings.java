package dev.schemaguard.graph;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;

import java.util.ArrayList;
import java.util.List;

/** Runs the graph rules ({@code dev.schemaguard.graph.rules}) over a graph analysis, or an upgrade plan. */
public final class GraphFindings {

    private GraphFindings() {
    }

    /** The findings of every graph rule on the graph's shape. */
    public static List<Finding> of(MigrationGraph g, GraphAnalysis a) {
        List<Finding> findings = new ArrayList<>();
        GraphContext context = new GraphContext(g, a, findings::add);
        for (GraphRule rule : rules()) {
            rule.check(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
        return findings;
    }

    /** The findings of every graph rule on an upgrade plan: stamps that name no revision. */
    public static List<Finding> ofUpgrade(MigrationGraph g, UpgradePlan plan) {
        List<Finding> findings = new ArrayList<>();
        UpgradeContext context = new UpgradeContext(g, plan, findings::add);
        for (GraphRule rule : rules()) {
            rule.checkUpgrade(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
        return findings;
    }

    private static List<GraphRule> rules() {
        return RuleCatalogue.instances(RuleKind.GRAPH, GraphRule.class);
    }
}
