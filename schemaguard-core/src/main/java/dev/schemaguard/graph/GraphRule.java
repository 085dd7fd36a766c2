package dev.schemaguard.graph;

/**
 * One rule about the revision graph. A rule is one class in {@code dev.schemaguard.graph.rules} with a public
 * no-argument constructor and its {@link dev.schemaguard.finding.RuleSpec}, as a static rule is: the catalogue finds
 * it. It judges the facts {@link GraphAnalysis} and {@link UpgradePlan} establish, and overrides the hooks it needs.
 */
public interface GraphRule {

    /** Judges the graph's shape: heads, forks, missing parents, duplicates, cycles. */
    default void check(GraphContext context) {
    }

    /** Judges an upgrade from a database's stamps, when one was asked for. */
    default void checkUpgrade(UpgradeContext context) {
    }
}
