package dev.schemaguard.graph;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;

import java.util.List;
import java.util.function.Consumer;

/** What a graph rule sees of an upgrade from a database's stamps: the migrations, the plan, and where to report. */
public final class UpgradeContext {

    private RuleCatalogue.Entry rule;
    private final MigrationGraph graph;
    private final UpgradePlan plan;
    private final Consumer<Finding> sink;

    UpgradeContext(MigrationGraph graph, UpgradePlan plan, Consumer<Finding> sink) {
        this.graph = graph;
        this.plan = plan;
        this.sink = sink;
    }

    /** This context, reporting for {@code rule} from now on. */
    UpgradeContext forRule(RuleCatalogue.Entry rule) {
        this.rule = rule;
        return this;
    }

    public MigrationGraph graph() {
        return graph;
    }

    public UpgradePlan plan() {
        return plan;
    }

    /** Reports a finding about the database rather than a file, at the rule's default severity. */
    public void report(String message, String fix, List<Evidence> evidence) {
        sink.accept(new Finding(rule.id(), rule.severity(), null, null, 0, message, fix, evidence));
    }
}
