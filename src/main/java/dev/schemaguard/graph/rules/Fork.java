package dev.schemaguard.graph.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphContext;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.util.List;

/**
 * Two or more migrations revise the same parent. Merged later, the branches still run in an order nobody tested;
 * unmerged, the history has more than one head.
 */
@RuleSpec(id = "fork", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "Two or more migrations revise the same parent, so the history branches at that revision.",
        otherwise = "info when a later merge revision joins the branches, or when the runner applies every branch "
                + "(folder-per-migration layouts with metadata.yaml)")
public final class Fork implements GraphRule {

    @Override
    public void check(GraphContext context) {
        for (GraphAnalysis.Fork fork : context.analysis().forks()) {
            check(context, fork);
        }
    }

    private static void check(GraphContext context, GraphAnalysis.Fork fork) {
        MigrationGraph g = context.graph();
        // The fork is made by the newest of the revisions that revise the same parent.
        String newest = fork.children().stream().max(g.fileOrder()).orElseThrow();
        Migration m = g.migration(newest);
        List<Evidence> evidence = fork.children().stream()
                .map(id -> Evidence.at(g.migration(id).displayFile(), g.migration(id).parentsLine(),
                        id + " revises " + fork.at())).toList();
        String both = Words.and(fork.children()) + (fork.children().size() == 2 ? " both" : " all") + " revise " + fork.at();
        // A folder-per-migration runner upgrades to every head: its unmerged branches are all applied.
        boolean everyHead = g.source().format() == MigrationFormat.FOLDER_DAG && fork.acyclic();
        if (fork.merged() || everyHead) {
            context.report(Severity.INFO, m, m.parentsLine(),
                    both + (fork.merged() ? "; the branches merge at " + fork.mergedAt() : "; the runner applies "
                            + "both branches") + ". A database stamped inside one branch "
                            + "upgrades through the other's migrations in an order the team never tested.",
                    "Nothing to do if the branches touch different tables; rehearse both orders if they do not.",
                    evidence);
            return;
        }
        String why = fork.acyclic() ? "no merge revision joins the branches" : "a cycle makes the merge point unknown";
        context.report(m, m.parentsLine(), both + " and " + why + ": the history has more than one head.",
                context.django() ? "Run python manage.py makemigrations --merge to add a merge migration that "
                        + "depends on the last migration of each branch, or make " + newest + " depend on the other "
                        + "branch's last migration if it is not deployed anywhere yet."
                        : context.alembic() ? "Add a merge revision whose down_revision names the head of each branch (alembic "
                        + "merge heads), or make " + newest + " revise the other branch's last revision if it is not "
                        + "deployed anywhere yet."
                        : "Renumber one branch so the history is one line.",
                evidence);
    }
}
