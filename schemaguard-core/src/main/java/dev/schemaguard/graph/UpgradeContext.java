package dev.schemaguard.graph;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;

import java.util.List;
import java.util.function.Consumer;

/** What a graph rule sees of an upgrade from a database's stamps: the migrations, the plan, and where to report. */
public final class UpgradeContext extends RuleReports {

    private final MigrationGraph graph;
    private final UpgradePlan plan;

    UpgradeContext(MigrationGraph graph, UpgradePlan plan, Consumer<Finding> sink) {
        super(sink);
        this.graph = graph;
        this.plan = plan;
    }

    /** This context, reporting for {@code rule} from now on. */
    UpgradeContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
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
        emit(severity(), null, null, 0, message, fix, evidence);
    }
}
