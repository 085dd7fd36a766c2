package dev.schemaguard.cli;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.SeverityPolicy;
import dev.schemaguard.graph.GraphFindings;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.report.Formatter;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.TextFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the reporting commands share: running the graph analysis and choosing a formatter. */
final class Commands {

    private Commands() {
    }

    static Report graphReport(String command, Project project, List<String> stamps, ReportOptions options) {
        List<Finding> findings = new ArrayList<>(GraphFindings.of(project.graph(), project.analysis()));
        Optional<UpgradePlan> plan = Optional.empty();
        if (stamps != null) {
            UpgradePlan upgrade = UpgradePlan.from(project.graph(), project.analysis(), stamps);
            findings.addAll(GraphFindings.ofUpgrade(project.graph(), upgrade));
            plan = Optional.of(upgrade);
        }
        List<Finding> kept = new SeverityPolicy(project.config().rules()).apply(findings);
        return new Report(command, project.graph(), project.analysis(), kept, plan, options.failOnSeverity());
    }

    static Formatter formatter(String format, ReportOptions options, List<String> supported) {
        if (!supported.contains(format)) {
            throw new UsageException("--format " + format + " is not available here; choose one of "
                    + String.join(", ", supported));
        }
        return switch (format) {
            case "json" -> new JsonFormatter();
            case "text" -> new TextFormatter(options.quiet);
            default -> throw new UsageException("--format " + format + " is not available here");
        };
    }

    static int exitCode(Report report) {
        return report.fails() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
