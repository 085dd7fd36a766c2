package dev.schemaguard.consumers;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the consumer rules ({@code dev.schemaguard.consumers.rules}) over what is known of the consumers' queries.
 * A {@code -- schemaguard:ignore RULE reason} above the migration's statement silences their findings, as it does
 * every other finding on that statement.
 */
public final class ConsumerBreakage {

    private ConsumerBreakage() {
    }

    /**
     * @param scan       what the scan of the consumers' code found, or {@code null} when only the rehearsal is judged
     * @param declarations where the consumers are declared: where a finding about a consumer as a whole points
     * @param prepared   migrations after which the rehearsal prepared the consumers' queries on a real server
     * @param failures   the queries it saw fail there
     */
    public static List<Finding> of(MigrationGraph graph, SchemaHistory schema, ConsumerScan scan, ConsumerDeclarations declarations,
                                   Set<String> prepared, List<QueryFailure> failures) {
        List<Finding> findings = new ArrayList<>();
        MigrationStatements statements = new MigrationStatements(graph);
        ConsumerContext context = new ConsumerContext(graph, schema, scan, declarations, prepared, failures, statements,
                finding -> {
            if (finding.migration() == null || !statements.suppressed(graph.migration(finding.migration()), finding)) {
                findings.add(finding);
            }
        });
        for (ConsumerRule rule : RuleCatalogue.instances(RuleKind.CONSUMER, ConsumerRule.class)) {
            rule.check(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
        return findings;
    }
}
