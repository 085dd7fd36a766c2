package dev.schemaguard.change;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;
import dev.schemaguard.graph.MigrationGraph;

import java.util.ArrayList;
import java.util.List;

/** Runs the change rules ({@code dev.schemaguard.change.rules}) over what changed since a revision. */
public final class ChangeFindings {

    private ChangeFindings() {
    }

    public static List<Finding> of(MigrationGraph graph, MigrationChanges changes) {
        List<Finding> findings = new ArrayList<>();
        ChangeContext context = new ChangeContext(graph, changes, findings::add);
        for (ChangeRule rule : RuleCatalogue.instances(RuleKind.CHANGE, ChangeRule.class)) {
            rule.check(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
        return findings;
    }
}
