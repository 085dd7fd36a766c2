package dev.schemaguard.consumers.rules;

import dev.schemaguard.consumers.ConsumerContext;
import dev.schemaguard.consumers.ConsumerRule;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the scan of a consumer could not see, said where it matters (seed 001: a registry silently incomplete is worse
 * than none). A consumer of which nothing could be analysed, or less than its {@code min_coverage}, fails the gate;
 * a migration that removes a table or column that a query the scan could not analyse names is reported as a use
 * that cannot be judged.
 */
@RuleSpec(id = "consumer-coverage", group = RuleGroup.BREAKING, severity = Severity.ERROR,
        summary = "Part of a declared consumer's SQL could not be analysed, so the uses it holds cannot be judged.",
        otherwise = "warning on a migration that removes a table or column named by a query that could not be "
                + "analysed in full (the error is for a consumer below its min_coverage, or of which nothing could "
                + "be analysed)")
public final class ConsumerCoverage implements ConsumerRule {

    /** Evidence listed per finding; the consumers command lists every query. */
    private static final int SHOWN = 20;

    @Override
    public void check(ConsumerContext context) {
        for (ConsumerScan.Coverage coverage : context.coverage()) {
            judgeConsumer(context, coverage);
        }
        for (SchemaHistory.Removal removal : context.schema().removals()) {
            judgeRemoval(context, removal);
        }
    }

    private static void judgeConsumer(ConsumerContext context, ConsumerScan.Coverage coverage) {
        String why;
        if (coverage.files() == 0) {
            why = "no file of consumer " + coverage.consumer() + " was scanned: its path and include globs select "
                    + "no file of a language SchemaGuard reads";
        } else if (coverage.blind()) {
            why = (coverage.queries() == 1 ? "the one query" : "none of the " + coverage.queries() + " queries")
                    + " of consumer " + coverage.consumer() + (coverage.queries() == 1 ? " could not" : " could")
                    + " be analysed, so what it uses is unknown";
        } else if (coverage.belowMinimum()) {
            why = "consumer " + coverage.consumer() + " has " + String.format(Locale.ROOT, "%.1f", coverage.percent())
                    + " % of its queries analysed in full, below its min_coverage of " + coverage.minCoverage()
                    + " %";
        } else {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        for (ConsumerScan.Query query : context.queries()) {
            if (query.consumer().equals(coverage.consumer()) && query.analysis() != ConsumerScan.Analysis.FULL
                    && evidence.size() < SHOWN) {
                evidence.add(new Evidence(query.consumer(), query.file(), query.line(), state(query)));
            }
        }
        context.report(Severity.ERROR, null, context.declarations().file(),
                context.declarations().lineOf(coverage.consumer()),
                why + " (" + coverage.summary() + "). A migration that breaks those queries would pass unseen.",
                "Run `schemaguard consumers` to see each query that was not analysed and why; declare the consumer's "
                        + "placeholder syntax or exclude its queries in another dialect, or lower min_coverage "
                        + "knowingly.", evidence);
    }

    /** A removal named by queries the analysis could not resolve: a use that cannot be judged, said as such. */
    private static void judgeRemoval(ConsumerContext context, SchemaHistory.Removal removal) {
        String table = removal.table().substring(removal.table().lastIndexOf('.') + 1);
        Pattern tableName = word(table);
        Pattern columnName = removal.column() == null ? null : word(removal.column());
        List<ConsumerScan.Query> unseen = new ArrayList<>();
        for (ConsumerScan.Query query : context.queries()) {
            if (query.analysis() == ConsumerScan.Analysis.FULL || !tableName.matcher(query.sql()).find()
                    || columnName != null && !columnName.matcher(query.sql()).find()
                    || resolved(query, removal)) {
                continue;
            }
            unseen.add(query);
        }
        if (unseen.isEmpty()) {
            return;
        }
        String object = removal.column() == null ? removal.table() : removal.table() + "." + removal.column();
        List<Evidence> evidence = unseen.stream().limit(SHOWN).map(q -> new Evidence(q.consumer(), q.file(), q.line(),
                "names " + object + ", " + state(q))).toList();
        ConsumerScan.Query first = unseen.get(0);
        context.report(Severity.WARNING, removal.migration(), removal.file(), removal.line(),
                "migration " + removal.migration() + " " + removal.how() + "; " + unseen.size()
                        + (unseen.size() == 1 ? " query" : " queries") + " of " + first.consumer()
                        + (unseen.stream().map(ConsumerScan.Query::consumer).distinct().count() > 1 ? " and others" : "")
                        + (unseen.size() == 1 ? " names" : " name") + " it but could not be analysed in full (" + first.file() + ":" + first.line()
                        + "), so whether they break is unknown",
                "Read the queries listed: if they use " + object + ", change them first, as for "
                        + "consumer-breaking-change; if the analysis misread them, declare the consumer's conventions "
                        + "or suppress this finding with the reason.", evidence);
    }

    /**
     * Whether the analysis accounted for the name in that query: it attributed the removed object (then
     * consumer-breaking-change judges it), or the column name to another table it reads (website_event.event_id, not
     * the event_data.event_id a migration renamed).
     */
    private static boolean resolved(ConsumerScan.Query query, SchemaHistory.Removal removal) {
        for (Reference reference : query.references()) {
            boolean sameName = removal.column() == null ? reference.column() == null
                    : removal.column().equals(reference.column());
            if (sameName && (reference.table().equals(removal.table()) || removal.column() != null)) {
                return true;
            }
        }
        return false;
    }

    private static String state(ConsumerScan.Query query) {
        return (query.analysis() == ConsumerScan.Analysis.NONE ? "not analysed" : "analysed in part")
                + (query.gaps().isEmpty() ? "" : ": " + query.gaps().get(0));
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(name) + "\"?(?![\\w$])");
    }
}
