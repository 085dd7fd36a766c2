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

/** Two files declare one revision id: which one runs depends on the runner, and a stamp cannot tell them apart. */
@RuleSpec(id = "duplicate-revision", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "Two migration files declare the same revision id or version.")
public final class DuplicateRevision implements GraphRule {

    @Override
    public void check(GraphContext context) {
        for (MigrationGraph.Duplicate duplicate : context.analysis().duplicates()) {
            List<Migration> declaring = context.graph().source().migrations().stream()
                    .filter(x -> x.id().equals(duplicate.id())).toList();
            Migration second = declaring.get(1);
            List<Evidence> evidence = declaring.stream()
                    .map(x -> Evidence.at(x.displayFile(), x.line(), "declares " + duplicate.id())).toList();
            context.report(second, second.line(), "revision '" + duplicate.id() + "' is declared by " + declaring.size()
                            + " files: " + String.join(", ", duplicate.files()) + ". Which one runs depends on the "
                            + "runner, and a database stamped with it cannot tell them apart.",
                    "Give the newer migration a new id (and re-point whatever revises it).", evidence);
        }
    }
}
