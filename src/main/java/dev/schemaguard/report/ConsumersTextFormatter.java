package dev.schemaguard.report;

import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.CoverageReport;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.finding.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumers command's report for people: each consumer's queries with the tables and columns they read and
 * write, the columns used through star selects, the tables the consumers own, then the findings.
 */
public final class ConsumersTextFormatter implements Formatter {

    private static final int SQL_SHOWN = 100;

    @Override
    public String format(Report report) {
        ConsumerScan scan = report.consumers().orElseThrow();
        StringBuilder out = new StringBuilder();
        Map<String, List<ConsumerScan.Query>> byConsumer = new TreeMap<>();
        scan.queries().forEach(q -> byConsumer.computeIfAbsent(q.consumer(), c -> new ArrayList<>()).add(q));
        for (Map.Entry<String, List<ConsumerScan.Query>> consumer : byConsumer.entrySet()) {
            out.append(consumer.getKey()).append(": ").append(consumer.getValue().size())
                    .append(consumer.getValue().size() == 1 ? " query" : " queries").append('\n');
            for (ConsumerScan.Query q : consumer.getValue()) {
                out.append("  ").append(q.file()).append(':').append(q.line()).append("  ")
                        .append(oneLine(q.sql())).append('\n');
                for (Reference r : q.references()) {
                    out.append("      ").append(r.access() == Reference.Access.WRITE ? "writes " : "reads  ")
                            .append(r.table()).append(r.star() ? ".*" : r.column() == null ? "" : "." + r.column())
                            .append('\n');
                }
            }
            out.append('\n');
        }
        List<ConsumerScan.Use> viaStar = scan.uses().stream().filter(ConsumerScan.Use::viaStar).toList();
        if (!viaStar.isEmpty()) {
            out.append("Columns used through a star select (member reads on its rows):\n");
            viaStar.forEach(u -> out.append("  ").append(u.consumer()).append(": ").append(u.table()).append('.')
                    .append(u.column()).append("  ").append(u.file()).append(':').append(u.line())
                    .append(" (SELECT ").append(u.table()).append(".* at line ").append(u.queryLine()).append(")\n"));
            out.append('\n');
        }
        if (!scan.ownTables().isEmpty()) {
            out.append("Tables the consumers own (no migration manages them):\n");
            scan.ownTables().stream().map(t -> "  " + t.consumer() + ": " + t.table()).distinct().sorted()
                    .forEach(line -> out.append(line).append('\n'));
            out.append('\n');
        }
        out.append("Coverage:\n");
        CoverageReport.lines(scan, "    ").forEach(line -> out.append("  ").append(line).append('\n'));
        out.append('\n');
        for (Finding f : report.findings()) {
            out.append(f.severity().label()).append("  ").append(f.rule()).append("  ").append(f.file()).append(':')
                    .append(f.line()).append("\n  ").append(f.message()).append('\n');
        }
        int findings = report.findings().size();
        out.append(scan.queries().size()).append(scan.queries().size() == 1 ? " query, " : " queries, ")
                .append(findings).append(findings == 1 ? " finding" : " findings").append('\n');
        return out.toString();
    }

    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > SQL_SHOWN ? line.substring(0, SQL_SHOWN - 3) + "..." : line;
    }
}
