package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.SuppressionContext;
import dev.schemaguard.lint.Suppressions;

/**
 * A suppression that silences nothing hides the next real finding at its place without anyone deciding so; one
 * that names no rule silences nothing at all.
 */
@RuleSpec(id = "unused-suppression", group = RuleGroup.META, severity = Severity.WARNING,
        summary = "A schemaguard:ignore comment suppressed nothing: its rule reported no finding where it applies.")
public final class UnusedSuppression implements Rule {

    @Override
    public void checkSuppressions(SuppressionContext context) {
        for (Suppressions.Suppression s : context.suppressions()) {
            for (String rule : s.rules()) {
                if (!RuleCatalogue.contains(rule)) {
                    context.report(s.line(), "'" + rule + "' is not a rule id, so this suppression silences nothing",
                            "Correct the rule id (the README lists them) or remove the comment.");
                }
            }
            if (!s.used() && s.rules().stream().allMatch(RuleCatalogue::contains)
                    && s.rules().stream().allMatch(context::ran)) {
                context.report(s.line(), "this suppression of " + String.join(", ", s.rules()) + " silences nothing: "
                                + "no such finding on " + (s.wholeFile() ? "this file" : "the statement below"),
                        "Remove it, so it cannot hide a real finding later.");
            }
        }
    }
}
