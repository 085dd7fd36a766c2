package dev.schemaguard.consumers;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code consumer-breaking-change} from the static references: a table or column a consumer uses that a migration
 * removes (drops or renames) and no later migration brings back. The finding is on the removing statement, with
 * every use as evidence.
 */
public final class ConsumerBreakage {

    private ConsumerBreakage() {
    }

    public static List<Finding> of(ConsumerScan scan, SchemaHistory schema) {
        return of(scan, schema, java.util.Set.of());
    }

    /**
     * @param prepared migrations after which the rehearsal prepared the consumers' queries on a real server: for
     *                 removals there, only the columns known from member reads on star-selected rows are judged here
     */
    public static List<Finding> of(ConsumerScan scan, SchemaHistory schema, java.util.Set<String> prepared) {
        Map<SchemaHistory.Removal, List<ConsumerScan.Use>> broken = new LinkedHashMap<>();
        for (ConsumerScan.Use use : scan.uses()) {
            if (schema.existsAtHead(use.table(), use.column())) {
                continue;
            }
            SchemaHistory.Removal removal = schema.removalOf(use.table(), use.column());
            if (removal != null && !(prepared.contains(removal.migration()) && !use.viaStar())) {
                broken.computeIfAbsent(removal, r -> new ArrayList<>()).add(use);
            }
        }
        List<Finding> findings = new ArrayList<>();
        broken.forEach((removal, uses) -> findings.add(finding(removal, uses)));
        return findings;
    }

    private static Finding finding(SchemaHistory.Removal removal, List<ConsumerScan.Use> uses) {
        String object = removal.column() == null ? removal.table() : removal.table() + "." + removal.column();
        List<String> consumers = uses.stream().map(ConsumerScan.Use::consumer).distinct().toList();
        ConsumerScan.Use first = uses.get(0);
        boolean writes = uses.stream().anyMatch(u -> u.access() == Reference.Access.WRITE);
        boolean onlyRows = uses.stream().allMatch(ConsumerScan.Use::viaStar);
        String message = "migration " + removal.migration() + " " + removal.how() + ", which "
                + Words.and(consumers) + " still " + (writes ? "use" : "read") + (consumers.size() == 1 ? "s" : "")
                + " (" + first.file() + ":" + first.line()
                + (uses.size() > 1 ? " and " + (uses.size() - 1) + " more" : "") + "): "
                + (onlyRows ? "the code reads it from the rows of a star select, which then lack it"
                : "the queries fail once this migration runs");
        String fix = "Contract only after the consumers stop using " + object + ": ship their change first (expand: "
                + "add the replacement, make them read it), then drop " + object + " in a later migration.";
        List<Evidence> evidence = uses.stream().map(u -> new Evidence(u.consumer(), u.file(), u.line(), note(u, object)))
                .toList();
        return new Finding("consumer-breaking-change", Severity.ERROR, removal.migration(), removal.file(), removal.line(),
                message, fix, evidence);
    }

    private static String note(ConsumerScan.Use use, String object) {
        if (use.viaStar()) {
            return "reads " + use.column() + " from the rows of a SELECT " + use.table() + ".* at line " + use.queryLine();
        }
        return (use.access() == Reference.Access.WRITE ? "writes " : "reads ") + object;
    }
}
