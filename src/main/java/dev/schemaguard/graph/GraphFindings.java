package dev.schemaguard.graph;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.util.ArrayList;
import java.util.List;

/** Turns a graph analysis into findings: the graph rules of the catalogue. */
public final class GraphFindings {

    private GraphFindings() {
    }

    public static List<Finding> of(MigrationGraph g, GraphAnalysis a) {
        List<Finding> findings = new ArrayList<>();
        boolean alembic = g.source().format() == MigrationFormat.ALEMBIC;
        // This runner upgrades to every head: several heads are branches applied in an order, not a failure.
        boolean everyHead = g.source().format() == MigrationFormat.FOLDER_DAG;
        if (a.heads().size() > 1 && everyHead) {
            String newest = a.heads().stream().max(g.fileOrder()).orElseThrow();
            Migration m = g.migration(newest);
            findings.add(new Finding("multiple-heads", Severity.INFO, newest, m.displayFile(), m.parentsLine(),
                    a.heads().size() + " heads: " + String.join(", ", a.heads()) + ". The runner applies every "
                            + "head, the branches in the order of their ids, which the team may never have tested "
                            + "the other way round.",
                    "Nothing to do if the branches touch different tables; otherwise add a migration whose parents "
                            + "are the heads.",
                    a.heads().stream().map(head -> Evidence.at(g.migration(head).displayFile(),
                            g.migration(head).line(), "head " + head)).toList()));
        } else if (a.heads().size() > 1) {
            String newest = a.heads().stream().max(g.fileOrder()).orElseThrow();
            Migration m = g.migration(newest);
            List<Evidence> evidence = new ArrayList<>();
            for (String head : a.heads()) {
                Migration h = g.migration(head);
                evidence.add(Evidence.at(h.displayFile(), h.line(), "head " + head));
            }
            findings.add(new Finding("multiple-heads", Severity.ERROR, newest, m.displayFile(), m.parentsLine(),
                    a.heads().size() + " heads: " + String.join(", ", a.heads()) + ". An upgrade to 'head' fails"
                            + (alembic ? " ('Multiple head revisions are present')" : "")
                            + " and a database stamped on one branch never gets the others.",
                    alembic ? "Add a merge revision whose down_revision names every head (alembic merge heads), "
                            + "or make one branch revise the other's last migration if neither is deployed yet."
                            : "Give each migration a distinct version so the history is one line.",
                    evidence));
        }
        for (GraphAnalysis.Fork fork : a.forks()) {
            findings.add(fork(g, fork, alembic, everyHead));
        }
        for (MigrationGraph.MissingParent missing : a.missingParents()) {
            Migration m = g.migration(missing.migration());
            List<String> nearest = NearestIds.of(g, missing.parent(), 3);
            String kind = missing.kind() == RevisionEdge.Kind.PARENT ? "revises" : "depends on";
            findings.add(new Finding("missing-parent", Severity.ERROR, m.id(), m.displayFile(), m.parentsLine(),
                    m.id() + " " + kind + " '" + missing.parent() + "', which no migration declares"
                            + (nearest.isEmpty() ? "" : " (nearest ids: " + String.join(", ", nearest) + ")")
                            + ". The runner stops there.",
                    "Point it at an existing revision, or restore the missing migration file.", List.of()));
        }
        for (MigrationGraph.Duplicate duplicate : a.duplicates()) {
            List<Migration> declaring = g.source().migrations().stream()
                    .filter(x -> x.id().equals(duplicate.id())).toList();
            Migration second = declaring.get(1);
            List<Evidence> evidence = declaring.stream()
                    .map(x -> Evidence.at(x.displayFile(), x.line(), "declares " + duplicate.id())).toList();
            findings.add(new Finding("duplicate-revision", Severity.ERROR, duplicate.id(), second.displayFile(),
                    second.line(), "revision '" + duplicate.id() + "' is declared by " + declaring.size() + " files: "
                            + String.join(", ", duplicate.files()) + ". Which one runs depends on the runner, and "
                            + "a database stamped with it cannot tell them apart.",
                    "Give the newer migration a new id (and re-point whatever revises it).", evidence));
        }
        for (List<String> cycle : a.cycles()) {
            Migration m = g.migration(cycle.get(0));
            findings.add(new Finding("cycle", Severity.ERROR, m.id(), m.displayFile(), m.parentsLine(),
                    "cycle: " + String.join(" → ", cycle) + ". No order can apply these migrations.",
                    "Break the cycle: one of these migrations must revise an earlier one instead.",
                    cycle.stream().distinct().map(id -> Evidence.at(g.migration(id).displayFile(),
                            g.migration(id).parentsLine(), id)).toList()));
        }
        return findings;
    }

    private static Finding fork(MigrationGraph g, GraphAnalysis.Fork fork, boolean alembic, boolean everyHead) {
        // The fork is made by the newest of the revisions that revise the same parent.
        String newest = fork.children().stream().max(g.fileOrder()).orElseThrow();
        Migration m = g.migration(newest);
        List<Evidence> evidence = fork.children().stream()
                .map(id -> Evidence.at(g.migration(id).displayFile(), g.migration(id).parentsLine(),
                        id + " revises " + fork.at())).toList();
        String both = Words.and(fork.children()) + (fork.children().size() == 2 ? " both" : " all") + " revise " + fork.at();
        if (fork.merged() || everyHead && fork.acyclic()) {
            return new Finding("fork", Severity.INFO, newest, m.displayFile(), m.parentsLine(),
                    both + (fork.merged() ? "; the branches merge at " + fork.mergedAt() : "; the runner applies "
                            + "both branches") + ". A database stamped inside one branch "
                            + "upgrades through the other's migrations in an order the team never tested.",
                    "Nothing to do if the branches touch different tables; rehearse both orders if they do not.",
                    evidence);
        }
        String why = fork.acyclic() ? "no merge revision joins the branches" : "a cycle makes the merge point unknown";
        return new Finding("fork", Severity.ERROR, newest, m.displayFile(), m.parentsLine(),
                both + " and " + why + ": the history has more than one head.",
                alembic ? "Add a merge revision whose down_revision names the head of each branch (alembic merge "
                        + "heads), or make " + newest + " revise the other branch's last revision if it is not "
                        + "deployed anywhere yet."
                        : "Renumber one branch so the history is one line.",
                evidence);
    }

    /** The {@code unknown-stamp} findings of an upgrade plan: stamps that name no revision. */
    public static List<Finding> ofUpgrade(MigrationGraph g, UpgradePlan plan) {
        List<Finding> findings = new ArrayList<>();
        for (String stamp : plan.unknownStamps()) {
            List<String> nearest = NearestIds.of(g, stamp, 3);
            List<Evidence> evidence = nearest.stream()
                    .map(id -> Evidence.at(g.migration(id).displayFile(), g.migration(id).line(), "revision " + id))
                    .toList();
            findings.add(new Finding("unknown-stamp", Severity.ERROR, null, null, 0,
                    "the database is stamped '" + stamp + "', which is no revision of this project"
                            + (nearest.isEmpty() ? "" : " (nearest ids: " + String.join(", ", nearest) + ")")
                            + ". An upgrade fails with \"Can't locate revision identified by '" + stamp + "'\".",
                    "Find which migration the database really is at, then restore that migration's file or stamp "
                            + "the database with the id it has in this project (alembic stamp <id>).",
                    evidence));
        }
        return findings;
    }
}
