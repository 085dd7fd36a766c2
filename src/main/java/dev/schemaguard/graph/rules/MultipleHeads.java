package dev.schemaguard.graph.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphContext;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.util.ArrayList;
import java.util.List;

/** More than one head: an upgrade to "head" has no single target, and a database on one branch never gets the others. */
@RuleSpec(id = "multiple-heads", group = RuleGroup.GRAPH, severity = Severity.ERROR,
        summary = "The revision graph has more than one head, so an upgrade to \"head\" has no single target.",
        otherwise = "info when the runner applies every head (folder-per-migration layouts with metadata.yaml)")
public final class MultipleHeads implements GraphRule {

    @Override
    public void check(GraphContext context) {
        List<String> heads = context.analysis().heads();
        if (heads.size() < 2) {
            return;
        }
        MigrationGraph g = context.graph();
        if (context.django()) {
            GraphAnalysis.headsByApp(heads).forEach((app, leaves) -> {
                if (leaves.size() > 1) {
                    reportDjango(context, app, leaves);
                }
            });
            return;
        }
        Migration newest = g.migration(heads.stream().max(g.fileOrder()).orElseThrow());
        List<Evidence> evidence = new ArrayList<>();
        for (String head : heads) {
            Migration h = g.migration(head);
            evidence.add(Evidence.at(h.displayFile(), h.line(), "head " + head));
        }
        if (g.source().format() == MigrationFormat.FOLDER_DAG) {
            // This runner upgrades to every head: several heads are branches applied in an order, not a failure.
            context.report(Severity.INFO, newest, newest.parentsLine(),
                    heads.size() + " heads: " + String.join(", ", heads) + ". The runner applies every head, the "
                            + "branches in the order of their ids, which the team may never have tested the other "
                            + "way round.",
                    "Nothing to do if the branches touch different tables; otherwise add a migration whose parents "
                            + "are the heads.",
                    evidence);
            return;
        }
        boolean alembic = context.alembic();
        context.report(newest, newest.parentsLine(),
                heads.size() + " heads: " + String.join(", ", heads) + ". An upgrade to 'head' fails"
                        + (alembic ? " ('Multiple head revisions are present')" : "")
                        + " and a database stamped on one branch never gets the others.",
                alembic ? "Add a merge revision whose down_revision names every head (alembic merge heads), "
                        + "or make one branch revise the other's last migration if neither is deployed yet."
                        : "Give each migration a distinct version so the history is one line.",
                evidence);
    }

    /** One app with several leaf nodes: Django's migrate and makemigrations both stop on it. */
    private static void reportDjango(GraphContext context, String app, List<String> leaves) {
        MigrationGraph g = context.graph();
        Migration newest = g.migration(leaves.stream().max(g.fileOrder()).orElseThrow());
        List<Evidence> evidence = leaves.stream()
                .map(id -> Evidence.at(g.migration(id).displayFile(), g.migration(id).line(), "leaf " + id)).toList();
        String names = String.join(", ", leaves.stream().map(id -> id.substring(id.indexOf('.') + 1)).toList());
        context.report(newest, newest.parentsLine(),
                "app " + app + " has " + leaves.size() + " leaf migrations: " + String.join(", ", leaves)
                        + ". manage.py migrate refuses to run ('Conflicting migrations detected; multiple leaf nodes "
                        + "in the migration graph: (" + names + " in " + app + ")').",
                "Run python manage.py makemigrations --merge " + app + " to add a merge migration whose dependencies "
                        + "name every leaf, or make one branch depend on the other's last migration if neither is "
                        + "deployed yet.",
                evidence);
    }
}
