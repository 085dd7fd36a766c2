package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a rule about suppressions sees of a migration once every rule has checked it: its {@code schemaguard:ignore}
 * comments, whether each silenced a finding, and which rules ran. Its findings are never suppressed themselves.
 */
public final class SuppressionContext extends RuleReports {

    private final Migration migration;
    private final List<Suppressions.Suppression> suppressions;
    private final Set<String> rulesThatRan;

    SuppressionContext(Migration migration, List<Suppressions.Suppression> suppressions, Set<String> rulesThatRan,
                       Consumer<Finding> sink) {
        super(sink);
        this.migration = migration;
        this.suppressions = suppressions;
        this.rulesThatRan = rulesThatRan;
    }

    /** This context, reporting for {@code rule} from now on. */
    SuppressionContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    /** The migration's suppressions, in the order they are written. */
    public List<Suppressions.Suppression> suppressions() {
        return suppressions;
    }

    /**
     * Whether the static rule ran, so that a suppression of it that silenced nothing really is unused; a rehearsal
     * or consumer rule may yet use its suppression.
     */
    public boolean ran(String ruleId) {
        return rulesThatRan.contains(ruleId);
    }

    /** Reports a finding at a line of the migration, at the rule's default severity. */
    public void report(int line, String message, String fix) {
        emit(severity(), migration.id(), migration.displayFile(), line, message, fix, List.of());
    }
}
