package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.SuppressionContext;
import dev.schemaguard.lint.Suppressions;

/** A suppression without a reason cannot be reviewed: nobody can tell later whether the hazard still does not apply. */
@RuleSpec(id = "suppression-without-reason", group = RuleGroup.META, severity = Severity.WARNING,
        summary = "A schemaguard:ignore comment names a rule but gives no reason for ignoring it.")
public final class SuppressionWithoutReason implements Rule {

    @Override
    public void checkSuppressions(SuppressionContext context) {
        for (Suppressions.Suppression s : context.suppressions()) {
            if (s.reason().isEmpty()) {
                context.report(s.line(), "suppression of " + String.join(", ", s.rules()) + " gives no reason",
                        "Say why the hazard does not apply here, after the rule id: -- schemaguard:ignore "
                                + s.rules().get(0) + " table is empty until the next release");
            }
        }
    }
}
