package dev.schemaguard.lint;

import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every static rule: each {@link Rule} class of {@code dev.schemaguard.lint.rules}, as the catalogue finds it, and
 * each rehearsal rule that is a {@link Rule} too.
 */
public final class RuleRegistry {

    private RuleRegistry() {
    }

    /**
     * One instance of every rule, sorted by id: the static rules, and the rules of the rehearsal that also judge a
     * fact of the files alone (a missing down migration), so that linting reports it without a server.
     */
    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>(RuleCatalogue.instances(RuleKind.STATIC, Rule.class));
        rules.addAll(RuleCatalogue.alsoPlaying(RuleKind.REHEARSAL, Rule.class));
        rules.sort(Comparator.comparing(rule -> RuleCatalogue.of(rule.getClass()).id()));
        return List.copyOf(rules);
    }
}
