package dev.schemaguard.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies the per-rule severity overrides of {@code schemaguard.yml} ({@code off} drops the finding). */
public final class SeverityPolicy {

    private final Map<String, String> overrides;

    public SeverityPolicy(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public List<Finding> apply(List<Finding> findings) {
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String override = overrides.get(finding.rule());
            if (override == null) {
                result.add(finding);
            } else if (!override.equals("off")) {
                result.add(finding.withSeverity(Severity.fromLabel(override)));
            }
        }
        return result;
    }
}
