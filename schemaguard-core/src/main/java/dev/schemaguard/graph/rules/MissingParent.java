package dev.schemaguard.graph.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphContext;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.NearestIds;
import dev.schemaguard.graph.RevisionEdge;
import dev.schemaguard.source.Migration;

import java.util.List;

/** A migration revises, or depends on, a revision no file declares: the runner stops there. */
@RuleSpec(id = "missing-parent", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "A migration revises or depends on a revision id that no migration file declares.")
public final class MissingParent implements GraphRule {

    @Override
    public void check(GraphContext context) {
        MigrationGraph g = context.graph();
        for (MigrationGraph.MissingParent missing : context.analysis().missingParents()) {
            Migration m = g.migration(missing.migration());
            List<String> nearest = NearestIds.of(g, missing.parent(), 3);
            String kind = missing.kind() == RevisionEdge.Kind.PARENT ? "revises" : "depends on";
            context.report(m, m.parentsLine(),
                    m.id() + " " + kind + " '" + missing.parent() + "', which no migration declares"
                            + (nearest.isEmpty() ? "" : " (nearest ids: " + String.join(", ", nearest) + ")")
                            + ". The runner stops there.",
                    "Point it at an existing revision, or restore the missing migration file.", List.of());
        }
    }
}
