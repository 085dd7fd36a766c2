package dev.schemaguard.testing;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every rule promises of its findings, checked wherever a test sees them. */
public final class RuleChecks {

    private RuleChecks() {
    }

    /**
     * A rule reports at its default severity unless its spec says when not ({@code otherwise}): a severity that
     * changes without a documented reason is a rule that lies about how bad a finding is.
     */
    public static void assertDefaultSeverity(RuleCatalogue.Entry rule, List<Finding> findings) {
        if (rule.otherwise().isEmpty()) {
            assertThat(findings.stream().filter(f -> f.rule().equals(rule.id())).map(Finding::severity))
                    .as("%s has no other severity than its default in its spec", rule.id())
                    .allMatch(severity -> severity == rule.severity());
        }
    }
}
