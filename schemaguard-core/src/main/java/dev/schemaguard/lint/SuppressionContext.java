package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a rule about suppressions sees of a migration once every rule has checked it: its {@code schemaguard:ignore}
 * comments, whether each silenced a finding, and which rules ran. Its findings are never suppressed themselves.
 */
public final class SuppressionContext {

    private RuleCatalogue.Entry rule;
    private final Migration migration;
    private final List<Suppressions.Suppression> suppressions;
    private final Set<String> rulesThatRan;
    private final Consumer<Finding> sink;

    SuppressionContext(Migration migration, List<Suppressions.Suppression> suppressions, Set<String> rulesThatRan,
                       Consumer<Finding> sink) {
        this.migration = migration;
        this.suppressions = suppressions;
        this.rulesThatRan = rulesThatRan;
        this.sink = sink;
    }

    /** This context, reporting for {@code rule} from now on. */
    SuppressionContext forRule(RuleCatalogue.Entry rule) {
        this.rule = rule;
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
        sink.accept(new Finding(rule.id(), rule.severity(), migration.id(), migration.displayFile(), line, message, fix,
                List.of()));
    }
}
