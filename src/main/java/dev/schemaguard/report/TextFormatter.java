package dev.schemaguard.report;

import dev.schemaguard.consumers.CoverageReport;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.source.Migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.schemaguard.source.MigrationFormat;
import java.util.List;
import java.util.Map;

import static dev.schemaguard.finding.Words.and;

/**
 * The report for people: the history explained in words, then the findings grouped by file, each
 * with its rule, line, message and fix.
 */
public final class TextFormatter implements Formatter {

    /** Lines longer than this many migrations are shortened in the middle. */
    private static final int LONG_LINE = 40;
    private static final int OUT_OF_SEQUENCE_SHOWN = 20;

    private final boolean quiet;
    private final TextStyle style;

    /** @param quiet leave out the explanation of the history */
    public TextFormatter(boolean quiet) {
        this(quiet, TextStyle.PLAIN);
    }

    /**
     * @param quiet leave out the explanation of the history
     * @param style how severities and rule ids are marked (colours and links on a terminal)
     */
    public TextFormatter(boolean quiet, TextStyle style) {
        this.quiet = quiet;
        this.style = style;
    }

    @Override
    public String format(Report report) {
        StringBuilder out = new StringBuilder();
        if (!quiet) {
            history(out, report);
        } else {
            // what was read comes first even when nothing else of the history is shown
            sources(out, report);
            out.append('\n');
        }
        // The upgrade plan is the answer to --stamp, so even a quiet report shows it.
        report.upgrade().ifPresent(plan -> upgrade(out, report.graph(), plan));
        report.database().ifPresent(database -> database(out, report.graph(), database));
        findings(out, report);
        report.rehearsal().ifPresent(rehearsal -> rehearsal(out, rehearsal, quiet));
        report.consumers().ifPresent(scan -> {
            out.append("Consumers' coverage:\n");
            CoverageReport.lines(scan, "    ").forEach(line -> out.append("  ").append(line).append('\n'));
            out.append('\n');
        });
        verdict(out, report);
        return out.toString();
    }

    private static final int TIMINGS_SHOWN = 12;

    private static void rehearsal(StringBuilder out, RehearsalSummary r, boolean quiet) {
        if (r.skipped() != null) {
            out.append("Rehearsal skipped: ").append(r.skipped()).append("\n\n");
            return;
        }
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (RehearsalSummary.Entry e : r.migrations()) {
            outcomes.merge(e.outcome(), 1L, Long::sum);
        }
        out.append("Rehearsal on ").append(r.server()).append(": ");
        out.append(String.join(", ", outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        out.append(String.format(" in %.1f s%n", r.millis() / 1000.0));
        if (quiet || r.migrations().isEmpty()) {
            out.append('\n');
            return;
        }
        List<RehearsalSummary.Entry> shown = new ArrayList<>(r.migrations());
        String heading = "  time per migration (up alone / whole rehearsal: snapshots, round trip, re-run):";
        if (shown.size() > TIMINGS_SHOWN) {
            shown.sort(java.util.Comparator.comparingLong(RehearsalSummary.Entry::millis).reversed());
            shown = shown.subList(0, TIMINGS_SHOWN);
            heading = "  the " + TIMINGS_SHOWN + " slowest migrations (up alone / whole rehearsal):";
        }
        out.append(heading).append('\n');
        for (RehearsalSummary.Entry e : shown) {
            out.append(String.format("    %-16s %6d ms / %6d ms  %s%n", e.id(), e.upMillis(), e.millis(),
                    e.outcome().equals("applied") ? e.changes().size() + (e.changes().size() == 1 ? " change" : " changes")
                            + (e.note().isEmpty() ? "" : ", " + e.note())
                            : e.outcome() + (e.note().isEmpty() ? "" : ": " + e.note())));
        }
        out.append('\n');
    }

    /**
     * How many migrations were read, of which format, from which folders, what reading them passed over, and which
     * of them are judged.
     */
    private static void sources(StringBuilder out, Report report) {
        MigrationGraph g = report.graph();
        out.append(g.source().summary()).append('\n');
        for (String note : g.source().notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        report.scope().ifPresent(scope -> scope.sentences(g.size())
                .forEach(sentence -> out.append("  ").append(sentence).append('\n')));
    }

    private static void history(StringBuilder out, Report report) {
        MigrationGraph g = report.graph();
        GraphAnalysis a = report.analysis();
        sources(out, report);
        if (g.size() == 0) {
            out.append("  nothing to analyse yet\n\n");
            return;
        }
        if (report.command().equals("lint")) {
            // lint is about statements; the history is graph's and check's story.
            out.append('\n');
            return;
        }
        out.append("  roots:  ").append(list(a.roots())).append('\n');
        out.append("  heads:  ").append(list(a.heads()));
        if (g.source().format() == MigrationFormat.DJANGO) {
            java.util.Map<String, List<String>> byApp = GraphAnalysis.headsByApp(a.heads());
            List<String> conflicts = byApp.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(e -> e.getKey() + " has " + e.getValue().size()).toList();
            out.append(conflicts.isEmpty() ? "  (one leaf per app, " + byApp.size() + (byApp.size() == 1 ? " app" : " apps")
                    + ": migrate has one target in each)"
                    : "  (" + String.join(", ", conflicts) + " leaves: migrate refuses, makemigrations --merge joins them)");
        } else if (a.heads().size() == 1) {
            out.append("  (exactly one head: an upgrade to head has one target)");
        } else if (a.heads().size() > 1) {
            out.append("  (").append(a.heads().size()).append(" heads: an upgrade to head cannot choose)");
        }
        out.append('\n');
        for (GraphAnalysis.Fork fork : a.forks()) {
            out.append("  fork:   ").append(and(fork.children())).append(fork.children().size() == 2 ? " both" : " all")
                    .append(" revise ").append(fork.at()).append("; ")
                    .append(fork.merged() ? "the branches merge at " + fork.mergedAt()
                            : fork.acyclic() ? "the branches never merge" : "a cycle hides whether they merge")
                    .append('\n');
        }
        for (String merge : a.merges()) {
            out.append("  merge:  ").append(merge).append(" merges ").append(and(g.parents(merge))).append('\n');
        }
        for (MigrationGraph.MissingParent missing : a.missingParents()) {
            out.append("  missing: ").append(missing.migration()).append(" revises ").append(missing.parent())
                    .append(", which no migration declares\n");
        }
        for (List<String> cycle : a.cycles()) {
            out.append("  cycle:  ").append(String.join(" → ", cycle)).append('\n');
        }
        for (MigrationGraph.Duplicate duplicate : a.duplicates()) {
            out.append("  duplicate: ").append(duplicate.id()).append(" in ").append(String.join(", ", duplicate.files()))
                    .append('\n');
        }
        out.append("  lines of history:\n");
        for (GraphAnalysis.Line line : a.lines()) {
            out.append("    ").append(line(line)).append('\n');
        }
        List<GraphAnalysis.Placement> odd = a.outOfSequence();
        for (GraphAnalysis.Placement p : odd.subList(0, Math.min(odd.size(), OUT_OF_SEQUENCE_SHOWN))) {
            out.append("  ").append(placement(p)).append('\n');
        }
        if (odd.size() > OUT_OF_SEQUENCE_SHOWN) {
            out.append("  (").append(odd.size() - OUT_OF_SEQUENCE_SHOWN).append(" more ids named unlike the rest)\n");
        }
        out.append('\n');
    }

    private static String placement(GraphAnalysis.Placement p) {
        String where;
        if (p.parents().isEmpty() && p.children().isEmpty()) {
            where = "it revises nothing and nothing revises it: it is detached from the history";
        } else if (p.children().isEmpty()) {
            where = "it revises " + and(p.parents()) + " and nothing revises it: it is a head";
        } else if (p.parents().isEmpty()) {
            where = "it is a root, revised by " + and(p.children());
        } else {
            where = "it lies between " + and(p.parents()) + " and " + and(p.children()) + " (it revises "
                    + and(p.parents()) + "; " + and(p.children()) + (p.children().size() == 1 ? " revises" : " revise")
                    + " it), so it is part of the history, not an orphan";
        }
        return p.id() + " is named unlike the other ids; " + where + ".";
    }

    private static String line(GraphAnalysis.Line line) {
        List<String> ids = line.ids();
        List<String> shown = new ArrayList<>();
        if (ids.size() > LONG_LINE) {
            shown.addAll(ids.subList(0, 10));
            shown.add("… " + (ids.size() - 20) + " more …");
            shown.addAll(ids.subList(ids.size() - 10, ids.size()));
        } else {
            shown.addAll(ids);
        }
        StringBuilder s = new StringBuilder();
        if (!line.from().isEmpty()) {
            s.append('(').append(String.join(", ", line.from())).append(") → ");
        }
        s.append(String.join(" → ", shown));
        if (!line.to().isEmpty()) {
            s.append(" → (").append(String.join(", ", line.to())).append(')');
        }
        return s.toString();
    }

    private static void upgrade(StringBuilder out, MigrationGraph g, UpgradePlan plan) {
        String from = plan.stamps().isEmpty() ? "an empty database" : "stamp " + String.join(", ", plan.stamps());
        out.append("Upgrade from ").append(from).append(" to ").append(list(plan.targets())).append('\n');
        runs(out, g, plan.pending(), plan.blockers());
        out.append('\n');
    }

    private static void database(StringBuilder out, MigrationGraph g, DatabaseStatus db) {
        out.append("Database ").append(db.url());
        if (db.versionTable() == null) {
            out.append(", no version table (no migration applied, as far as a runner can tell)\n  upgrade");
        } else {
            out.append(", version table ").append(db.versionTable()).append(" (").append(db.runner())
                    .append(db.changed() == null ? "" : ", checksums compared with the files").append(")\n");
            out.append("  stamped ").append(db.stamps().isEmpty() ? "with nothing" : String.join(", ", db.stamps()))
                    .append(Boolean.TRUE.equals(db.dirty()) ? " (dirty)" : "").append("; upgrade");
        }
        out.append(" to ").append(list(db.targets())).append('\n');
        runs(out, g, db.pending(), db.blockers());
        for (String note : db.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        out.append('\n');
    }

    /** Why an upgrade cannot run, then what it runs, in order. */
    private static void runs(StringBuilder out, MigrationGraph g, List<String> pending, List<String> blockers) {
        if (!blockers.isEmpty()) {
            out.append("  cannot upgrade:\n");
            for (String blocker : blockers) {
                out.append("    - ").append(blocker).append('\n');
            }
        }
        if (pending.isEmpty()) {
            out.append(blockers.isEmpty() ? "  already at head: nothing to run\n" : "");
        } else {
            out.append("  ").append(blockers.isEmpty() ? "runs " : "would run ").append(pending.size())
                    .append(pending.size() == 1 ? " migration" : " migrations").append(", in this order:\n");
            int n = 1;
            for (String id : pending) {
                Migration m = g.migration(id);
                out.append(String.format("    %3d. %-14s %s%n", n++, id, m.displayFile()));
            }
        }
    }

    private void findings(StringBuilder out, Report report) {
        if (report.findings().isEmpty()) {
            return;
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            byFile.computeIfAbsent(f.file() == null ? "(project)" : f.file(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
            String migration = entry.getValue().get(0).migration();
            out.append(style.strong(entry.getKey())).append(migration == null ? "" : " (" + migration + ")").append('\n');
            for (Finding f : entry.getValue()) {
                out.append("  ").append(style.severity(f.severity(), String.format("%-8s", f.severity().label())))
                        .append(style.rule(f.rule()));
                if (f.line() > 0) {
                    out.append("  ").append(entry.getKey()).append(':').append(f.line());
                }
                out.append('\n');
                out.append("           ").append(f.message()).append('\n');
                // Info findings are for the curious: the fix is one 'explain RULE' away.
                if (f.fix() != null && f.severity() != Severity.INFO) {
                    out.append("           fix: ").append(f.fix()).append('\n');
                }
                for (Evidence e : f.evidence()) {
                    out.append("           see: ").append(e.consumer() == null ? "" : e.consumer() + ": ")
                            .append(e.file()).append(e.line() > 0 ? ":" + e.line() : "")
                            .append(e.note() == null ? "" : "  " + e.note()).append('\n');
                }
            }
            out.append('\n');
        }
    }

    private void verdict(StringBuilder out, Report report) {
        // The findings that decide the exit code, again, so a long report still ends with what to fix.
        List<Finding> failing = report.failOn() == null ? List.of()
                : report.findings().stream().filter(f -> f.severity().atLeast(report.failOn())).toList();
        if (!failing.isEmpty() && failing.size() < report.findings().size()) {
            out.append("Failing (at or above ").append(report.failOn().label()).append("):\n");
            for (Finding f : failing) {
                out.append("  ").append(f.file() == null ? "(project)" : f.file() + (f.line() > 0 ? ":" + f.line() : ""))
                        .append("  ").append(style.rule(f.rule())).append('\n');
            }
            out.append('\n');
        }
        out.append(Verdicts.counts(report)).append(": ")
                .append(style.outcome(report.fails(), Verdicts.outcome(report))).append('\n');
    }

    private static String list(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
