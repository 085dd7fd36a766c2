package dev.schemaguard.change;

/**
 * One rule about what changed since a git revision ({@code --since}). A rule is one class in
 * {@code dev.schemaguard.change.rules} with a public no-argument constructor and its
 * {@link dev.schemaguard.finding.RuleSpec}, as a static rule is: the catalogue finds it.
 */
public interface ChangeRule {

    void check(ChangeContext context);
}
