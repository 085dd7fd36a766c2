package dev.schemaguard.graph.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.NearestIds;
import dev.schemaguard.graph.UpgradeContext;

import java.util.List;

/** A database stamped with an id no migration declares: the runner cannot tell where it stands. */
@RuleSpec(id = "unknown-stamp", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "The database's version table names a revision that no migration of this project declares.")
public final class UnknownStamp implements GraphRule {

    @Override
    public void checkUpgrade(UpgradeContext context) {
        MigrationGraph g = context.graph();
        for (String stamp : context.plan().unknownStamps()) {
            List<String> nearest = NearestIds.of(g, stamp, 3);
            List<Evidence> evidence = nearest.stream()
                    .map(id -> Evidence.at(g.migration(id).displayFile(), g.migration(id).line(), "revision " + id))
                    .toList();
            context.report("the database is stamped '" + stamp + "', which is no revision of this project"
                            + (nearest.isEmpty() ? "" : " (nearest ids: " + String.join(", ", nearest) + ")")
                            + ". An upgrade fails with \"Can't locate revision identified by '" + stamp + "'\".",
                    "Find which migration the database really is at, then restore that migration's file or stamp "
                            + "the database with the id it has in this project (alembic stamp <id>).",
                    evidence);
        }
    }
}
