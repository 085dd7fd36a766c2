package dev.schemaguard.report;

import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.UpgradePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param phases   each linted migration's expand/contract phases ("expand", "backfill", ...)
 * @param rehearsal what the rehearsal on a real PostgreSQL did, when the command ran one
 * @param database  where a real database stands and what an upgrade would do to it, when the command read one
 * @param consumers the consumers' queries and what they use, when the command scanned them
 * @param scope     which migrations were judged and which findings a baseline accepted, when not all and none
 */
public record Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                     Optional<UpgradePlan> upgrade, Severity failOn, Map<String, List<String>> phases,
                     Optional<RehearsalSummary> rehearsal, Optional<DatabaseStatus> database,
                     Optional<ConsumerScan> consumers, Optional<Scope> scope) {

    public Report {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        findings = List.copyOf(sorted);
        phases = Map.copyOf(phases);
    }

    /** A report that judged every migration, with no baseline. */
    public Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                  Optional<UpgradePlan> upgrade, Severity failOn, Map<String, List<String>> phases,
                  Optional<RehearsalSummary> rehearsal, Optional<DatabaseStatus> database,
                  Optional<ConsumerScan> consumers) {
        this(command, graph, analysis, findings, upgrade, failOn, phases, rehearsal, database, consumers,
                Optional.empty());
    }

    /** The same report with other findings, judging only what {@code newScope} says. */
    public Report scoped(List<Finding> kept, Scope newScope) {
        return new Report(command, graph, analysis, kept, upgrade, failOn, phases, rehearsal, database, consumers,
                Optional.of(newScope));
    }

    /** A report that scanned no consumers. */
    public Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                  Optional<UpgradePlan> upgrade, Severity failOn, Map<String, List<String>> phases,
                  Optional<RehearsalSummary> rehearsal, Optional<DatabaseStatus> database) {
        this(command, graph, analysis, findings, upgrade, failOn, phases, rehearsal, database, Optional.empty());
    }

    /** A report that read no database. */
    public Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                  Optional<UpgradePlan> upgrade, Severity failOn, Map<String, List<String>> phases,
                  Optional<RehearsalSummary> rehearsal) {
        this(command, graph, analysis, findings, upgrade, failOn, phases, rehearsal, Optional.empty());
    }

    /** A report without a rehearsal. */
    public Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                  Optional<UpgradePlan> upgrade, Severity failOn, Map<String, List<String>> phases) {
        this(command, graph, analysis, findings, upgrade, failOn, phases, Optional.empty());
    }

    /** A report of an analysis that classifies no phases. */
    public Report(String command, MigrationGraph graph, GraphAnalysis analysis, List<Finding> findings,
                  Optional<UpgradePlan> upgrade, Severity failOn) {
        this(command, graph, analysis, findings, upgrade, failOn, Map.of(), Optional.empty());
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether the database read says an upgrade to head would fail; that fails the command whatever --fail-on. */
    public boolean blocked() {
        return database.map(d -> !d.canUpgrade()).orElse(false);
    }

    /** Whether any finding is at or above the failing severity, or the upgrade of the database read would fail. */
    public boolean fails() {
        return blocked() || failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
