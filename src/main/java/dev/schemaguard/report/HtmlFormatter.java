package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.CoverageReport;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphRenderer;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One self-contained HTML page a reviewer opens: the verdict and its counts; the revision graph drawn, each migration
 * coloured by its worst finding, forks and merges tinted, the stamp and the upgrade path from it highlighted; the
 * findings by migration with the source lines around each; the rehearsal's timeline (time per migration, the ACCESS
 * EXCLUSIVE locks it held); the consumer matrix (table × column × consumer, read or write, and which migration breaks
 * it). Nothing is loaded from elsewhere: styles and script are inline, and the page's content security policy allows
 * nothing else. Every text from the project is escaped.
 */
public final class HtmlFormatter implements Formatter {

    /** Source lines shown on each side of a finding's line. */
    private static final int CONTEXT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Locations locations;

    /** @param locations where the report's files are: the source around each finding is read from them */
    public HtmlFormatter(Locations locations) {
        this.locations = locations;
    }

    @Override
    public String format(Report report) {
        StringBuilder out = new StringBuilder(1 << 16);
        String title = "SchemaGuard " + report.command() + ": " + Verdicts.outcome(report);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(h(title)).append("</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n");
        header(out, report);
        out.append("<nav><a href=\"#graph\">Revision graph</a> <a href=\"#findings\">Findings</a>")
                .append(report.rehearsal().isPresent() ? " <a href=\"#rehearsal\">Rehearsal</a>" : "")
                .append(report.consumers().isPresent() ? " <a href=\"#consumers\">Consumers</a>" : "")
                .append("</nav>\n");
        Map<String, Severity> worst = worst(report);
        Set<String> path = path(report);
        graph(out, report, worst, path);
        findings(out, report);
        report.rehearsal().ifPresent(r -> rehearsal(out, report, r));
        report.consumers().ifPresent(scan -> consumers(out, report, scan));
        out.append("<script type=\"application/json\" id=\"sg-data\">").append(data(path)).append("</script>\n")
                .append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, Report report) {
        out.append("<header>\n<h1>SchemaGuard <span class=\"command\">").append(h(report.command()))
                .append("</span></h1>\n<p class=\"verdict ").append(report.fails() ? "failed" : "passed").append("\">")
                .append(h(Verdicts.outcome(report))).append("</p>\n<p class=\"counts\">");
        for (Severity severity : Severity.values()) {
            long n = report.count(severity);
            out.append("<span class=\"count ").append(severity.label()).append("\" id=\"count-")
                    .append(severity.label()).append("\" data-count=\"").append(n).append("\">")
                    .append(h(Verdicts.plural(n, severity.label()))).append("</span> ");
        }
        out.append("</p>\n<p class=\"read\" id=\"migrations\" data-count=\"").append(report.graph().size())
                .append("\">").append(h(report.graph().source().summary())).append("</p>\n<ul class=\"notes\">");
        report.graph().source().notes().forEach(note -> out.append("<li>").append(h(note)).append("</li>"));
        report.scope().ifPresent(scope -> scope.sentences(report.graph().size())
                .forEach(sentence -> out.append("<li class=\"scope\">").append(h(sentence)).append("</li>")));
        out.append("</ul>\n</header>\n");
    }

    /** Each migration's worst finding. */
    private static Map<String, Severity> worst(Report report) {
        Map<String, Severity> worst = new HashMap<>();
        for (Finding f : report.findings()) {
            if (f.migration() != null) {
                worst.merge(f.migration(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
            }
        }
        return worst;
    }

    /** The stamps and the migrations the upgrade from them runs, when a stamp was given. */
    private static Set<String> path(Report report) {
        Set<String> path = new LinkedHashSet<>();
        report.upgrade().ifPresent(plan -> {
            path.addAll(plan.stamps());
            path.addAll(plan.pending());
        });
        return path;
    }

    private static void graph(StringBuilder out, Report report, Map<String, Severity> worst, Set<String> path) {
        MigrationGraph g = report.graph();
        GraphAnalysis a = report.analysis();
        Set<String> stamps = new HashSet<>();
        Set<String> pending = new HashSet<>();
        report.upgrade().ifPresent(plan -> {
            stamps.addAll(plan.stamps());
            pending.addAll(plan.pending());
        });
        Set<String> judged = report.scope().filter(Scope::partial).map(s -> Set.copyOf(s.judged())).orElse(null);
        Map<String, String> outcomes = new HashMap<>();
        report.rehearsal().ifPresent(r -> r.migrations().forEach(e -> outcomes.put(e.id(), e.outcome())));
        Set<String> heads = Set.copyOf(a.heads());
        Set<String> merges = Set.copyOf(a.merges());
        Set<String> forks = new HashSet<>();
        a.forks().forEach(f -> forks.add(f.at()));
        String svg = GraphRenderer.svg(g, a, id -> {
            List<String> classes = new ArrayList<>();
            Severity severity = worst.get(id);
            classes.add(severity == null ? "clean" : "sev-" + severity.label());
            if (heads.contains(id)) {
                classes.add("head");
            }
            if (merges.contains(id)) {
                classes.add("merge");
            }
            if (forks.contains(id)) {
                classes.add("fork");
            }
            if (stamps.contains(id)) {
                classes.add("stamp");
            }
            if (pending.contains(id)) {
                classes.add("pending");
            }
            if (judged != null && judged.contains(id)) {
                classes.add("judged");
            }
            String outcome = outcomes.get(id);
            if (outcome != null) {
                classes.add("rehearsal-" + outcome.replace(' ', '-'));
            }
            return classes;
        });
        out.append("<section id=\"graph\">\n<h2>Revision graph</h2>\n<p>").append(h(describe(a)))
                .append("</p>\n<p class=\"legend\"><span class=\"key sev-error\">error</span> "
                        + "<span class=\"key sev-warning\">warning</span> <span class=\"key sev-info\">info</span> "
                        + "<span class=\"key clean\">no finding</span> <span class=\"key head\">head</span>")
                .append(path.isEmpty() ? "" : " <span class=\"key stamp\">stamp</span> "
                        + "<span class=\"key pending\">upgrade path</span>")
                .append(judged == null ? "" : " <span class=\"key judged\">judged</span>")
                .append(" (click a migration to see its findings)</p>\n<div class=\"svg\">").append(svg)
                .append("</div>\n</section>\n");
    }

    private static String describe(GraphAnalysis a) {
        List<String> parts = new ArrayList<>();
        parts.add("roots: " + String.join(", ", a.roots()));
        parts.add("heads: " + String.join(", ", a.heads()));
        for (GraphAnalysis.Fork fork : a.forks()) {
            parts.add("fork at " + fork.at() + " (" + String.join(", ", fork.children()) + ")"
                    + (fork.merged() ? ", merged at " + fork.mergedAt() : ", never merged"));
        }
        return String.join("; ", parts);
    }

    private void findings(StringBuilder out, Report report) {
        out.append("<section id=\"findings\">\n<h2>Findings by migration</h2>\n<p class=\"filters\">");
        for (Severity severity : Severity.values()) {
            out.append("<label><input type=\"checkbox\" checked data-filter=\"").append(severity.label())
                    .append("\"> ").append(severity.label()).append("</label> ");
        }
        out.append("</p>\n");
        if (report.findings().isEmpty()) {
            out.append("<p>No findings.</p>\n");
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            byFile.computeIfAbsent(f.file() == null ? "" : f.file(), k -> new ArrayList<>()).add(f);
        }
        Map<String, String> sources = new HashMap<>();
        for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
            String file = entry.getKey();
            String migration = entry.getValue().get(0).migration();
            out.append("<article class=\"file\"").append(migration == null ? ""
                            : " data-migration=\"" + h(migration) + "\"").append(">\n<h3>")
                    .append(h(file.isEmpty() ? "(project)" : locations.shown(null, file)))
                    .append(migration == null ? "" : " <span class=\"id\">" + h(migration) + "</span>")
                    .append(judgedBadge(report, migration)).append("</h3>\n");
            for (Finding f : entry.getValue()) {
                out.append("<div class=\"finding ").append(f.severity().label()).append("\" data-rule=\"")
                        .append(h(f.rule())).append("\">\n<p><span class=\"severity\">").append(f.severity().label())
                        .append("</span> <a class=\"rule\" href=\"").append(h(Version.ruleDocument(f.rule())))
                        .append("\">").append(h(f.rule())).append("</a>")
                        .append(f.line() > 0 ? " <span class=\"line\">line " + f.line() + "</span>" : "")
                        .append("</p>\n<p class=\"message\">").append(h(f.message())).append("</p>\n");
                if (f.fix() != null) {
                    out.append("<p class=\"fix\"><b>Fix:</b> ").append(h(f.fix())).append("</p>\n");
                }
                if (!file.isEmpty() && f.line() > 0) {
                    String text = sources.computeIfAbsent(file, this::read);
                    if (text != null) {
                        snippet(out, text, f.line());
                    }
                }
                if (!f.evidence().isEmpty()) {
                    out.append("<ul class=\"evidence\">");
                    for (Evidence e : f.evidence()) {
                        out.append("<li>").append(e.consumer() == null ? "" : "<b>" + h(e.consumer()) + "</b>: ")
                                .append(e.file() == null ? "" : h(locations.shown(e.consumer(), e.file())
                                        + (e.line() > 0 ? ":" + e.line() : "")))
                                .append(e.note() == null ? "" : " — " + h(e.note())).append("</li>");
                    }
                    out.append("</ul>\n");
                }
                out.append("</div>\n");
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private static String judgedBadge(Report report, String migration) {
        return migration != null && report.scope().filter(Scope::partial).map(s -> s.judged().contains(migration))
                .orElse(false) ? " <span class=\"badge\">changed</span>" : "";
    }

    /** A file's text, or {@code null} when it cannot be read (the snippet is then left out). */
    private String read(String file) {
        Path path = locations.absolute(null, file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The lines around {@code line}, numbered, the line itself marked. */
    private static void snippet(StringBuilder out, String text, int line) {
        String[] lines = text.split("\r?\n", -1);
        if (line > lines.length) {
            return;
        }
        int from = Math.max(1, line - CONTEXT);
        int to = Math.min(lines.length, line + CONTEXT);
        out.append("<pre class=\"source\">");
        for (int n = from; n <= to; n++) {
            out.append("<span class=\"").append(n == line ? "hit" : "ctx").append("\"><span class=\"n\">").append(n)
                    .append("</span>").append(h(lines[n - 1])).append("</span>");
        }
        out.append("</pre>\n");
    }

    private static void rehearsal(StringBuilder out, Report report, RehearsalSummary r) {
        out.append("<section id=\"rehearsal\">\n<h2>Rehearsal</h2>\n");
        if (r.skipped() != null) {
            out.append("<p>Skipped: ").append(h(r.skipped())).append("</p>\n</section>\n");
            return;
        }
        Map<String, List<String>> locks = new HashMap<>();
        for (Finding f : report.findings()) {
            if (f.rule().equals("exclusive-lock") && f.migration() != null) {
                locks.computeIfAbsent(f.migration(), k -> new ArrayList<>()).add(f.message());
            }
        }
        long longest = Math.max(1, r.migrations().stream().mapToLong(RehearsalSummary.Entry::millis).max().orElse(1));
        out.append("<p>On ").append(h(r.server())).append(String.format(Locale.ROOT, " in %.1f s", r.millis() / 1000.0))
                .append(".</p>\n<table class=\"timeline\"><thead><tr><th>migration</th><th>outcome</th>"
                        + "<th>time (up / whole rehearsal)</th><th>locks held</th><th>changes</th></tr></thead><tbody>\n");
        for (RehearsalSummary.Entry e : r.migrations()) {
            double width = 100.0 * e.millis() / longest;
            double up = 100.0 * e.upMillis() / longest;
            out.append("<tr class=\"").append(h(e.outcome().replace(' ', '-'))).append("\"><td>").append(h(e.id()))
                    .append("</td><td>").append(h(e.outcome())).append(e.note().isEmpty() ? "" : ": " + h(e.note()))
                    .append("</td><td><div class=\"bar\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", width)).append("%\"><div class=\"up\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", width == 0 ? 0 : 100.0 * up / width))
                    .append("%\"></div></div><span>").append(e.upMillis()).append(" ms / ").append(e.millis())
                    .append(" ms</span></td><td>");
            for (String lock : locks.getOrDefault(e.id(), List.of())) {
                out.append("<div class=\"lock\">").append(h(lock)).append("</div>");
            }
            out.append("</td><td>").append(e.changes().size()).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /** Table × column × consumer: how each consumer uses each managed column, and what breaks it. */
    private void consumers(StringBuilder out, Report report, ConsumerScan scan) {
        Map<String, String> brokenBy = new HashMap<>();
        for (Finding f : report.findings()) {
            if (f.rule().equals("consumer-breaking-change")) {
                for (Evidence e : f.evidence()) {
                    if (e.consumer() != null) {
                        brokenBy.putIfAbsent(e.consumer() + '\0' + e.file() + '\0' + e.line(),
                                f.migration() == null ? "?" : f.migration());
                    }
                }
            }
        }
        TreeSet<String> consumers = new TreeSet<>();
        Map<String, Map<String, Cell>> rows = new TreeMap<>();
        for (ConsumerScan.Use u : scan.uses()) {
            consumers.add(u.consumer());
            String row = u.table() + '\0' + (u.column() == null ? "" : u.column());
            Cell cell = rows.computeIfAbsent(row, k -> new TreeMap<>()).computeIfAbsent(u.consumer(), k -> new Cell());
            if (u.access() == Reference.Access.READ) {
                cell.read = true;
            } else {
                cell.write = true;
            }
            String migration = brokenBy.get(u.consumer() + '\0' + u.file() + '\0' + u.line());
            if (migration != null) {
                cell.brokenBy.add(migration);
            }
            cell.places.add(locations.shown(u.consumer(), u.file()) + ":" + u.line());
        }
        out.append("<section id=\"consumers\">\n<h2>Consumers</h2>\n");
        // What could not be seen comes first: a matrix read as complete when it is not is the registry's failure.
        for (ConsumerScan.Coverage coverage : scan.coverage()) {
            List<String> lines = CoverageReport.lines(scan, coverage, "");
            out.append("<p class=\"coverage\">").append(h(lines.get(0))).append("</p>\n");
            if (lines.size() > 1) {
                out.append("<details><summary>").append(lines.size() - 1)
                        .append(" queries not analysed in full</summary><ul>\n");
                lines.stream().skip(1).forEach(line -> out.append("<li>").append(h(line)).append("</li>\n"));
                out.append("</ul></details>\n");
            }
        }
        if (rows.isEmpty()) {
            out.append("<p>No use of a table the migrations manage was found in what could be analysed.</p>\n"
                    + "</section>\n");
            return;
        }
        out.append("<table class=\"matrix\"><thead><tr><th>table</th><th>column</th>");
        consumers.forEach(c -> out.append("<th>").append(h(c)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (Map.Entry<String, Map<String, Cell>> row : rows.entrySet()) {
            String[] key = row.getKey().split("\0", -1);
            out.append("<tr><td>").append(h(key[0])).append("</td><td>").append(key[1].isEmpty() ? "<i>(table)</i>"
                    : h(key[1])).append("</td>");
            for (String consumer : consumers) {
                Cell cell = row.getValue().get(consumer);
                if (cell == null) {
                    out.append("<td></td>");
                    continue;
                }
                out.append("<td class=\"").append(cell.brokenBy.isEmpty() ? "used" : "broken").append("\" title=\"")
                        .append(h(String.join("\n", cell.places))).append("\">")
                        .append(cell.read ? "R" : "").append(cell.write ? "W" : "");
                if (!cell.brokenBy.isEmpty()) {
                    out.append(" <span class=\"breaks\">broken by ").append(h(String.join(", ", cell.brokenBy)))
                            .append("</span>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /** How one consumer uses one column. */
    private static final class Cell {
        boolean read;
        boolean write;
        final Set<String> brokenBy = new TreeSet<>();
        final Set<String> places = new TreeSet<>();
    }

    /** The page's data for its script, safe inside a script element. */
    private static String data(Set<String> path) {
        try {
            return JSON.writeValueAsString(Map.of("path", List.copyOf(path))).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text escaped for HTML content and attribute values. */
    static String h(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;\
            max-width:1200px;padding:0 20px 40px;color:#1f2328}
            header h1{margin:16px 0 4px}.command{color:#57606a;font-weight:normal}
            .verdict{font-size:18px;font-weight:bold;margin:4px 0}.verdict.failed{color:#cf222e}\
            .verdict.passed{color:#1a7f37}
            .count{display:inline-block;padding:1px 8px;border-radius:10px;margin-right:4px;background:#eee}
            .count.error{background:#ffebe9;color:#a40e26}.count.warning{background:#fff8c5;color:#7d4e00}\
            .count.info{background:#ddf4ff;color:#0a3069}
            .read{color:#57606a}.notes{color:#57606a;margin:0;padding-left:20px}
            nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #d0d7de;padding:8px 0;z-index:1}
            nav a{margin-right:16px}
            h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
            .svg{overflow:auto;max-height:640px;border:1px solid #d0d7de;border-radius:6px}
            g.node{cursor:pointer}g.node.clean rect{fill:#fff}g.node.sev-info rect{fill:#ddf4ff}\
            g.node.sev-warning rect{fill:#fff1b8}g.node.sev-error rect{fill:#ffcecb}
            g.node.merge rect,g.node.fork rect{stroke-dasharray:5 2}g.node.head rect{stroke-width:3px}
            g.node.stamp rect{stroke:#8250df;stroke-width:4px}g.node.pending rect{stroke:#0969da;stroke-width:3px}
            g.node.judged text{font-weight:bold;text-decoration:underline}
            g.node.rehearsal-not-reached rect{opacity:.45}
            line.edge.path{stroke:#0969da;stroke-width:3px}
            .key{display:inline-block;padding:0 6px;border:1px solid #333;border-radius:4px;margin-right:2px}
            .key.sev-error{background:#ffcecb}.key.sev-warning{background:#fff1b8}.key.sev-info{background:#ddf4ff}\
            .key.head{border-width:3px}.key.stamp{border:3px solid #8250df}.key.pending{border:3px solid #0969da}\
            .key.judged{font-weight:bold;text-decoration:underline}
            article.file{border:1px solid #d0d7de;border-radius:6px;margin:12px 0;padding:4px 12px}
            article.file h3{margin:8px 0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:14px}
            .id{color:#57606a;font-weight:normal}.badge{background:#0969da;color:#fff;border-radius:8px;\
            padding:0 6px;font-size:12px;font-family:system-ui,sans-serif}
            .finding{border-left:4px solid #d0d7de;padding:2px 10px;margin:10px 0}
            .finding.error{border-color:#cf222e}.finding.warning{border-color:#bf8700}.finding.info{border-color:#54aeff}
            .finding p{margin:4px 0}.severity{font-weight:bold;text-transform:uppercase;font-size:12px}
            .finding.error .severity{color:#cf222e}.finding.warning .severity{color:#9a6700}\
            .finding.info .severity{color:#0969da}
            .rule{font-family:ui-monospace,monospace}.line{color:#57606a}.fix{color:#1a7f37}
            pre.source{background:#f6f8fa;border-radius:6px;padding:6px 0;overflow:auto;font-size:12px}
            pre.source>span{display:block;padding:0 8px}pre.source .hit{background:#fff8c5}
            pre.source .n{display:inline-block;width:4em;color:#8c959f;user-select:none}
            .evidence{color:#57606a;margin:4px 0}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:3px 6px;\
            text-align:left;vertical-align:top}
            .timeline .bar{display:inline-block;height:10px;background:#d0d7de;margin-right:6px;min-width:1px}
            .timeline .bar .up{height:10px;background:#0969da}
            .timeline tr.failed td{background:#ffebe9}.timeline tr.not-reached td{color:#8c959f}
            .lock{color:#9a6700;font-size:12px}
            .matrix td.used{background:#f6f8fa}.matrix td.broken{background:#ffcecb;font-weight:bold}
            .breaks{font-weight:normal;font-size:12px}
            """;

    private static final String SCRIPT = """
            (function () {
              var data = JSON.parse(document.getElementById('sg-data').textContent);
              var path = new Set(data.path);
              document.querySelectorAll('line.edge').forEach(function (line) {
                if (path.has(line.getAttribute('data-from')) && path.has(line.getAttribute('data-to'))) {
                  line.classList.add('path');
                }
              });
              document.querySelectorAll('input[data-filter]').forEach(function (box) {
                box.addEventListener('change', function () {
                  document.querySelectorAll('.finding.' + box.getAttribute('data-filter')).forEach(function (f) {
                    f.hidden = !box.checked;
                  });
                });
              });
              var articles = {};
              document.querySelectorAll('article[data-migration]').forEach(function (a) {
                articles[a.getAttribute('data-migration')] = a;
              });
              document.querySelectorAll('g.node').forEach(function (node) {
                node.addEventListener('click', function () {
                  var target = articles[node.getAttribute('data-id')];
                  if (target) {
                    target.scrollIntoView({behavior: 'smooth'});
                  }
                });
              });
              document.body.setAttribute('data-ready', 'true');
            })();
            """;
}
