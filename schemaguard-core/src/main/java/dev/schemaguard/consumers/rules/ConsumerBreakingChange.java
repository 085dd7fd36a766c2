package dev.schemaguard.consumers.rules;

import dev.schemaguard.consumers.ConsumerContext;
import dev.schemaguard.consumers.ConsumerRule;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.QueryFailure;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.source.Migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration removes what a declared consumer still uses. Statically: a table or column a consumer's code uses that
 * a migration drops or renames and no later migration brings back, reported on the removing statement with every use
 * as evidence. In the rehearsal: a query that prepared on the real schema before the migration and fails after it.
 */
@RuleSpec(id = "consumer-breaking-change", group = RuleGroup.BREAKING, severity = Severity.ERROR,
        summary = "A migration breaks a query of a declared consumer: another service that reads or writes the same "
                + "database.")
public final class ConsumerBreakingChange implements ConsumerRule {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Override
    public void check(ConsumerContext context) {
        judgeUses(context);
        judgeRehearsal(context);
    }

    /**
     * The static uses. For removals after which the rehearsal prepared the queries on a real server, only the uses no
     * prepared query holds (member reads on star-selected rows, helper and client calls) are judged here: the server
     * saw the rest.
     */
    private static void judgeUses(ConsumerContext context) {
        SchemaHistory schema = context.schema();
        Map<SchemaHistory.Removal, List<ConsumerScan.Use>> broken = new LinkedHashMap<>();
        for (ConsumerScan.Use use : context.uses()) {
            if (schema.existsAtHead(use.table(), use.column())) {
                continue;
            }
            SchemaHistory.Removal removal = schema.removalOf(use.table(), use.column());
            if (removal != null && !(context.prepared(removal.migration()) && context.seenByRehearsal(use))) {
                broken.computeIfAbsent(removal, r -> new ArrayList<>()).add(use);
            }
        }
        broken.forEach((removal, uses) -> report(context, removal, uses));
    }

    private static void report(ConsumerContext context, SchemaHistory.Removal removal, List<ConsumerScan.Use> uses) {
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
        context.report(removal.migration(), removal.file(), removal.line(), message, fix, evidence);
    }

    private static String note(ConsumerScan.Use use, String object) {
        if (use.viaStar()) {
            return "reads " + use.column() + " from the rows of a SELECT " + use.table() + ".* at line " + use.queryLine();
        }
        return (use.access() == Reference.Access.WRITE ? "writes " : "reads ") + object;
    }

    /** The queries the rehearsal saw stop preparing, each at the migration's statement that names what broke it. */
    private static void judgeRehearsal(ConsumerContext context) {
        for (QueryFailure failure : context.failures()) {
            Migration m = context.graph().migration(failure.migration());
            Matcher quoted = QUOTED.matcher(failure.error());
            String object = quoted.find() ? quoted.group(1).substring(quoted.group(1).lastIndexOf('.') + 1) : null;
            context.report(m.id(), m.displayFile(),
                    object == null ? m.line() : context.statements().lineMentioning(m, object),
                    "after migration " + m.id() + ", the query of " + failure.consumer() + " at " + failure.file() + ":"
                            + failure.line() + " no longer runs: " + failure.error(),
                    "Change " + failure.consumer() + " first (stop using what this migration removes or changes, and "
                            + "deploy it), then apply this migration; or keep the old shape until then.",
                    List.of(new Evidence(failure.consumer(), failure.file(), failure.line(),
                            "prepared before " + m.id() + ", fails after it")));
        }
    }
}
