package dev.schemaguard.gate;

import dev.schemaguard.change.MigrationChanges;
import dev.schemaguard.finding.Baseline;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.NearestIds;
import dev.schemaguard.io.InputException;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.Scope;
import dev.schemaguard.source.Migration;
import org.jgrapht.Graphs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Narrows a report to the migrations the user asked to judge ({@code --since}, {@code migrations.judge_from}) and
 * leaves out the findings a baseline accepts. The analyses have run on the whole history by then: an old migration's
 * table is known when a new one alters it; only the old migrations' own findings are left out, and counted.
 */
final class Judging {

    private Judging() {
    }

    /**
     * The report as the user asked to judge it.
     *
     * @param changes what changed since {@code --since}, or {@code null} without it
     */
    static Report apply(Report report, Project project, MigrationChanges changes, Options.Changes options,
                        java.io.PrintStream err) {
        String judgeFrom = project.config().migrations().judgeFrom();
        Set<String> judged = null;
        if (changes != null) {
            judged = new LinkedHashSet<>(changes.ids());
        }
        if (judgeFrom != null) {
            Set<String> fromOn = fromOn(project, judgeFrom);
            if (judged == null) {
                judged = fromOn;
            } else {
                judged.retainAll(fromOn);
            }
        }
        List<Finding> kept = report.findings();
        int notJudged = 0;
        if (judged != null) {
            kept = judgedFindings(report, judged);
            notJudged = report.findings().size() - kept.size();
        }
        Path baselineFile = options.writeBaseline() != null ? options.writeBaseline() : options.baselineFindings();
        int accepted = 0;
        if (baselineFile != null) {
            if (options.writeBaseline() != null) {
                Baseline.write(options.writeBaseline(), kept);
                err.println("schemaguard: wrote " + kept.size() + (kept.size() == 1 ? " finding" : " findings")
                        + " to " + options.writeBaseline() + "; give it with --baseline-findings to accept them");
            }
            Baseline.Applied applied = Baseline.read(baselineFile).apply(kept);
            kept = applied.kept();
            accepted = applied.accepted();
        }
        if (judged == null && baselineFile == null) {
            return report;
        }
        List<String> ids = judged == null ? null
                : report.graph().migrations().stream().map(Migration::id).filter(judged::contains).toList();
        return report.scoped(kept, new Scope(changes == null ? null : changes.ref(),
                changes == null ? null : changes.base(), judgeFrom, ids, notJudged,
                baselineFile == null ? null : baselineFile.toString().replace('\\', '/'), accepted));
    }

    /**
     * The findings about a judged migration: at one (its file), or about the history as a whole (no migration), or
     * with evidence in one (a second head that a new migration made, reported at the older head), and every finding
     * about the change itself. When the rehearsal never reached a judged migration, the failure that stopped it is
     * kept too, wherever it is: a gate that rehearsed less than it was asked to must not pass in silence.
     */
    private static List<Finding> judgedFindings(Report report, Set<String> judged) {
        MigrationGraph graph = report.graph();
        Set<String> files = new HashSet<>();
        judged.forEach(id -> files.add(graph.migration(id).displayFile()));
        boolean unreached = report.rehearsal().map(r -> r.migrations().stream()
                .anyMatch(e -> e.outcome().equals("not reached") && judged.contains(e.id()))).orElse(false);
        List<Finding> kept = new ArrayList<>();
        for (Finding f : report.findings()) {
            boolean keep = f.migration() == null || judged.contains(f.migration())
                    || RuleCatalogue.contains(f.rule()) && RuleCatalogue.get(f.rule()).kind() == RuleKind.CHANGE
                    || unreached && f.rule().equals("migration-failed");
            for (Evidence e : f.evidence()) {
                keep |= e.consumer() == null && e.file() != null && files.contains(e.file());
            }
            if (keep) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** The migrations from {@code judgeFrom} on: every one but those it comes after (its ancestors). */
    private static Set<String> fromOn(Project project, String judgeFrom) {
        MigrationGraph graph = project.graph();
        if (graph.migration(judgeFrom) == null) {
            throw new InputException(project.configFile(), lineOf(project.configFile(), "judge_from:"),
                    "migrations.judge_from: no migration has the id '" + judgeFrom + "'"
                            + nearest(graph, judgeFrom));
        }
        Set<String> before = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(Graphs.predecessorListOf(graph.graph(), judgeFrom));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (before.add(id)) {
                todo.addAll(Graphs.predecessorListOf(graph.graph(), id));
            }
        }
        Set<String> judged = new LinkedHashSet<>();
        graph.migrations().stream().map(Migration::id).filter(id -> !before.contains(id)).forEach(judged::add);
        return judged;
    }

    private static String nearest(MigrationGraph graph, String id) {
        List<String> nearest = NearestIds.of(graph, id, 3);
        return nearest.isEmpty() ? "" : " (nearest: " + String.join(", ", nearest) + ")";
    }

    private static int lineOf(Path file, String key) {
        if (file == null) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(key)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return 0; // it was read a moment ago; without the line, the message still names the key
        }
        return 0;
    }
}
