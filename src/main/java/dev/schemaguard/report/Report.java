package dev.schemaguard.report;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.UpgradePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a command found, ready to be formatted.
 *
 * @param command  the command that produced it ("check", "graph", ...)
 * @param graph    the migrations
 * @param analysis the graph's shape
 * @param findings the findings, sorted
 * @param upgrade  the upgrade from a stamp, when one was asked for
 * @param failOn   the severity at which the command fails, or {@code null} for never
 */
public record Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                     Optional<UpgradePlan> upgrade, Severity failOn) {

    public Report {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        findings = List.copyOf(sorted);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether any finding is at or above the failing severity. */
    public boolean fails() {
        return failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
