package dev.schemaguard.lint;

import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;

import java.util.List;

/** Every static rule: each {@link Rule} class of {@code dev.schemaguard.lint.rules}, as the catalogue finds it. */
public final class RuleRegistry {

    private RuleRegistry() {
    }

    /** One instance of every rule, sorted by id. */
    public static List<Rule> all() {
        return RuleCatalogue.instances(RuleKind.STATIC, Rule.class);
    }
}
