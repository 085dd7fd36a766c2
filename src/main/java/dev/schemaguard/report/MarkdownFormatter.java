package dev.schemaguard.report;

import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.CoverageReport;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull-request comment: the verdict, the failing findings as a table linked to their files and lines, the revision
 * graph as a Mermaid diagram when it forks, the rehearsal's outcome and what breaks for the consumers, then the whole
 * report collapsed in a {@code <details>} block. It fits GitHub's comment limit ({@value #LIMIT} characters): what does
 * not fit of the full report is cut, and the cut is said.
 */
public final class MarkdownFormatter implements Formatter {

    /** GitHub refuses a comment body longer than this many characters. */
    static final int LIMIT = 65_536;
    /** Rows of the failing-findings table; the rest are counted. */
    private static final int TABLE_ROWS = 50;
    /** A message longer than this is shortened in the table (the full report has it whole). */
    private static final int CELL = 240;
    /** GitHub does not draw a Mermaid diagram larger than this; a larger graph is left out, and the omission said. */
    private static final int MERMAID_LIMIT = 15_000;
    /** Room kept for the end of the comment after the full report is cut. */
    private static final int RESERVE = 400;

    private final Locations locations;
    private final FileLinks links;

    /**
     * @param locations where the report's files are, and the repository root links start from
     * @param links     where the CI's web interface shows files
     */
    public MarkdownFormatter(Locations locations, FileLinks links) {
        this.locations = locations;
        this.links = links;
    }

    @Override
    public String format(Report report) {
        StringBuilder out = new StringBuilder();
        boolean failed = report.fails();
        out.append("## SchemaGuard ").append(report.command()).append(": ").append(failed ? "❌ " : "✅ ")
                .append(Verdicts.outcome(report)).append("\n\n");
        out.append(Verdicts.counts(report)).append(" · ").append(report.graph().source().summary()).append('\n');
        report.scope().ifPresent(scope -> scope.sentences(report.graph().size())
                .forEach(sentence -> out.append("\n_").append(cell(sentence)).append("_\n")));
        out.append('\n');
        failing(out, report);
        upgrade(out, report);
        graph(out, report);
        rehearsal(out, report);
        consumers(out, report);
        coverage(out, report);
        full(out, report);
        if (out.length() > LIMIT) {
            // Only a table of long cells with a large diagram gets here: the cut is said, never silent.
            int cut = out.lastIndexOf("\n", LIMIT - RESERVE);
            out.setLength(cut);
            out.append("\n\n…cut to fit GitHub's comment limit: run `schemaguard ").append(report.command())
                    .append("` or see the HTML report for the rest.\n");
        }
        return out.toString();
    }

    /** The findings that decide the verdict (errors and warnings when nothing fails), as a table. */
    private void failing(StringBuilder out, Report report) {
        Severity threshold = report.failOn() != null ? report.failOn() : Severity.WARNING;
        List<Finding> shown = report.findings().stream().filter(f -> f.severity().atLeast(threshold)).toList();
        out.append("### ").append(report.failOn() != null ? "Failing findings (at or above " + threshold.label() + ")"
                : "Errors and warnings").append("\n\n");
        if (shown.isEmpty()) {
            out.append("None.\n\n");
            return;
        }
        out.append("| severity | rule | where | migration | finding |\n|---|---|---|---|---|\n");
        for (Finding f : shown.subList(0, Math.min(TABLE_ROWS, shown.size()))) {
            out.append("| ").append(severity(f.severity())).append(" | [`").append(f.rule()).append("`](")
                    .append(Version.ruleDocument(f.rule())).append(") | ").append(where(null, f.anchor()))
                    .append(" | ").append(f.migration() == null ? "" : cell(f.migration())).append(" | ")
                    .append(cell(shorten(f.message()))).append(" |\n");
        }
        if (shown.size() > TABLE_ROWS) {
            out.append("\n…and ").append(shown.size() - TABLE_ROWS).append(" more in the full report below.\n");
        }
        out.append('\n');
    }

    private void upgrade(StringBuilder out, Report report) {
        report.upgrade().ifPresent(plan -> {
            out.append("### Upgrade from ").append(plan.stamps().isEmpty() ? "an empty database"
                    : "stamp " + String.join(", ", plan.stamps())).append("\n\n");
            if (!plan.blockers().isEmpty()) {
                plan.blockers().forEach(b -> out.append("- ❌ ").append(cell(b)).append('\n'));
            } else {
                out.append("Runs ").append(plan.pending().size()).append(" migrations: ")
                        .append(cell(String.join(" → ", plan.pending()))).append('\n');
            }
            out.append('\n');
        });
    }

    /** The revision graph as Mermaid, when it has forks or heads to look at. */
    private static void graph(StringBuilder out, Report report) {
        GraphAnalysis a = report.analysis();
        if (a.forks().isEmpty() && a.heads().size() <= 1) {
            return;
        }
        out.append("### Revision graph\n\n");
        for (GraphAnalysis.Fork fork : a.forks()) {
            out.append("- fork at ").append(cell(fork.at())).append(": ").append(cell(String.join(", ", fork.children())))
                    .append(fork.merged() ? "; merged at " + cell(fork.mergedAt()) : "; **never merged**").append('\n');
        }
        out.append("- heads: ").append(cell(String.join(", ", a.heads()))).append("\n\n");
        String mermaid = GraphRenderer.mermaid(report.graph(), a);
        if (mermaid.length() > MERMAID_LIMIT) {
            out.append("_The diagram of ").append(report.graph().size()).append(" migrations is too large for a "
                    + "comment: see `schemaguard graph --format svg` or the HTML report._\n\n");
        } else {
            out.append("```mermaid\n").append(mermaid).append("```\n\n");
        }
    }

    private static void rehearsal(StringBuilder out, Report report) {
        report.rehearsal().ifPresent(r -> {
            out.append("### Rehearsal\n\n");
            if (r.skipped() != null) {
                out.append("Skipped: ").append(cell(r.skipped())).append("\n\n");
                return;
            }
            Map<String, Long> outcomes = new LinkedHashMap<>();
            r.migrations().forEach(e -> outcomes.merge(e.outcome(), 1L, Long::sum));
            out.append("On ").append(cell(r.server())).append(": ")
                    .append(String.join(", ", outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .toList())).append(String.format(java.util.Locale.ROOT, " in %.1f s", r.millis() / 1000.0))
                    .append(".\n");
            for (RehearsalSummary.Entry e : r.migrations()) {
                if (e.outcome().equals("failed")) {
                    out.append("- ❌ ").append(cell(e.id())).append(" failed").append(e.note().isEmpty() ? ""
                            : ": " + cell(shorten(e.note()))).append('\n');
                }
            }
            out.append('\n');
        });
    }

    /** What breaks for the consumers: each query a migration breaks, where it is in the consumer's code. */
    private void consumers(StringBuilder out, Report report) {
        List<Finding> broken = report.findings().stream().filter(f -> f.rule().equals("consumer-breaking-change"))
                .toList();
        if (broken.isEmpty()) {
            return;
        }
        out.append("### Consumer impact\n\n| consumer | query | broken by | what |\n|---|---|---|---|\n");
        int rows = 0;
        int queries = 0;
        for (Finding f : broken) {
            for (Evidence e : f.evidence()) {
                if (e.consumer() != null && queries++ < TABLE_ROWS) {
                    rows++;
                    out.append("| ").append(cell(e.consumer())).append(" | ").append(where(e.consumer(), e))
                            .append(" | ").append(f.migration() == null ? "" : cell(f.migration())).append(" | ")
                            .append(cell(shorten(e.note() == null ? f.message() : e.note()))).append(" |\n");
                }
            }
        }
        if (queries > rows) {
            out.append("\n…and ").append(queries - rows).append(" more queries in the full report below.\n");
        }
        out.append('\n');
    }

    /** How much of each consumer was analysed, so that a pass is never read as complete when it is not. */
    private void coverage(StringBuilder out, Report report) {
        report.consumers().ifPresent(scan -> {
            out.append("### Consumers' coverage\n\n");
            for (ConsumerScan.Coverage coverage : scan.coverage()) {
                List<String> lines = CoverageReport.lines(scan, coverage, "");
                out.append("- ").append(cell(lines.get(0))).append('\n');
                lines.stream().skip(1).limit(TABLE_ROWS).forEach(line -> out.append("  - ").append(cell(line))
                        .append('\n'));
                if (lines.size() - 1 > TABLE_ROWS) {
                    out.append("  - …and ").append(lines.size() - 1 - TABLE_ROWS)
                            .append(" more: `schemaguard consumers` lists them\n");
                }
            }
            out.append('\n');
        });
    }

    /** The whole report, collapsed; cut where the comment would grow past the limit. */
    private void full(StringBuilder out, Report report) {
        String close = "\n</details>\n";
        out.append("<details><summary>Full report (").append(report.findings().size())
                .append(report.findings().size() == 1 ? " finding" : " findings").append(")</summary>\n\n");
        int budget = LIMIT - out.length() - close.length() - RESERVE;
        int written = 0;
        for (Finding f : report.findings()) {
            StringBuilder item = new StringBuilder();
            item.append("- ").append(severity(f.severity())).append(" `").append(f.rule()).append("` ")
                    .append(where(null, f.anchor())).append(f.migration() == null ? "" : " (" + cell(f.migration()) + ")")
                    .append("<br>").append(cell(f.message()));
            if (f.fix() != null) {
                item.append("<br>**Fix:** ").append(cell(f.fix()));
            }
            for (Evidence e : f.evidence()) {
                item.append("<br>see: ").append(e.consumer() == null ? "" : cell(e.consumer()) + ": ")
                        .append(e.file() == null ? "" : where(e.consumer(), e))
                        .append(e.note() == null ? "" : " " + cell(e.note()));
            }
            item.append('\n');
            if (item.length() > budget) {
                out.append("\n…").append(report.findings().size() - written).append(" more findings do not fit in a "
                        + "comment: run `schemaguard ").append(report.command()).append("` or see the HTML report.\n");
                break;
            }
            out.append(item);
            budget -= item.length();
            written++;
        }
        out.append(close);
    }

    /** A file and line, linked where the CI shows files; plain when the file is outside the repository. */
    private String where(String consumer, Evidence at) {
        if (at == null || at.file() == null) {
            return "(project)";
        }
        String shown = locations.shown(consumer, at.file()) + (at.line() > 0 ? ":" + at.line() : "");
        String relative = locations.relative(consumer, at.file());
        return relative == null ? "`" + cell(shown) + "`"
                : "[" + cell(shown) + "](" + links.link(relative, at.line()) + ")";
    }

    private static String severity(Severity severity) {
        return switch (severity) {
            case ERROR -> "🔴 error";
            case WARNING -> "🟠 warning";
            case INFO -> "🔵 info";
        };
    }

    private static String shorten(String text) {
        return text.length() <= CELL ? text : text.substring(0, CELL - 1) + "…";
    }

    /** Text in a table cell or a list item: no line breaks, no table separators, no HTML. */
    static String cell(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
                .replace("\r", "").replace("\n", "<br>");
    }
}
