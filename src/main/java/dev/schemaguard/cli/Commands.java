package dev.schemaguard.cli;

import dev.schemaguard.change.ChangeFindings;
import dev.schemaguard.change.GitChanges;
import dev.schemaguard.change.MigrationChanges;
import dev.schemaguard.consumers.ConsumerBreakage;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.rehearsal.Rehearsal;
import dev.schemaguard.graph.GraphFindings;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.lint.Linter;
import dev.schemaguard.lint.Phase;
import dev.schemaguard.lint.RuleRegistry;
import dev.schemaguard.report.RehearsalSummary;
import dev.schemaguard.report.Report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** What the reporting commands share: running the graph analysis and choosing a formatter. */
final class Commands {

    private Commands() {
    }

    static Report graphReport(String command, Project project, List<String> stamps, ReportOptions options) {
        return report(command, project, stamps, options, new ArrayList<>(GraphFindings.of(project.graph(), project.analysis())),
                Map.of());
    }

    /** The rehearsal's findings alone, narrowed to the migrations the user asked to judge. */
    static Report rehearsalReport(Project project, RehearsalOptions rehearsal, ReportOptions options,
                                  ChangeOptions change) {
        MigrationChanges changes = changes(project, change);
        SchemaHistory schema = project.config().consumers().isEmpty() ? null : SchemaHistory.of(project.graph());
        List<Rehearsal.QueryProbe> probes = schema == null ? List.of()
                : Consumers.probes(Consumers.scan(project, schema));
        Rehearse.Outcome outcome = Rehearse.run(project, rehearsal, probes);
        List<Finding> findings = new ArrayList<>(outcome.findings());
        if (changes != null) {
            findings.addAll(ChangeFindings.of(project.graph(), changes));
        }
        if (schema != null) {
            // The consumers' queries as the server saw them; their code's uses are the consumers command's and check's.
            findings.addAll(ConsumerBreakage.of(project.graph(), schema, null, Consumers.declarations(project),
                    java.util.Set.of(),
                    Consumers.failures(outcome.brokenQueries())));
        }
        List<Finding> kept = options.severityPolicy(project.config()).apply(findings);
        return Judging.apply(new Report("rehearse", project.graph(), project.analysis(), kept, Optional.empty(),
                options.failOnSeverity(), Map.of(), Optional.of(outcome.summary())), project, changes, change);
    }

    /** What changed since {@code --since}, or {@code null} without it. */
    private static MigrationChanges changes(Project project, ChangeOptions change) {
        return change.since == null ? null
                : GitChanges.since(project.graph(), project.config().migrations(), change.since);
    }

    /**
     * The graph findings (unless only lint was asked for), every static rule's findings, and the rehearsal's when
     * {@code rehearsal} is not {@code null}, narrowed to the migrations the user asked to judge.
     */
    static Report checkReport(String command, Project project, List<String> stamps, ReportOptions options,
                              boolean withGraph, RehearsalOptions rehearsal, ChangeOptions change) {
        MigrationChanges changes = changes(project, change);
        List<Finding> findings = new ArrayList<>();
        if (changes != null) {
            findings.addAll(ChangeFindings.of(project.graph(), changes));
        }
        if (withGraph) {
            findings.addAll(GraphFindings.of(project.graph(), project.analysis()));
        } else {
            // Lint judges one file per id: a second file with the same id is not linted, and must say so.
            GraphFindings.of(project.graph(), project.analysis()).stream()
                    .filter(f -> f.rule().equals("duplicate-revision")).forEach(findings::add);
        }
        Linter.Result lint = new Linter(RuleRegistry.all(), project.config().require().rerunnable(),
                project.config().require().downMigrations(), project.config().migrations().transaction())
                .lint(project.graph());
        findings.addAll(lint.findings());
        SchemaHistory schema = null;
        ConsumerScan consumers = null;
        if (withGraph && !project.config().consumers().isEmpty()) {
            schema = SchemaHistory.of(project.graph());
            consumers = Consumers.scan(project, schema);
        }
        Map<String, List<String>> phases = new HashMap<>();
        lint.phases().forEach((id, list) -> phases.put(id, list.stream().map(Phase::label).toList()));
        Optional<RehearsalSummary> summary = Optional.empty();
        List<Rehearsal.BrokenQuery> brokenQueries = List.of();
        if (rehearsal != null) {
            Rehearse.Outcome outcome = Rehearse.run(project, rehearsal,
                    consumers == null ? List.of() : Consumers.probes(consumers));
            // The rehearsal's down-missing says what the down has to undo: it replaces the static one it repeats.
            java.util.Set<String> rehearsedMissing = outcome.findings().stream()
                    .filter(f -> f.rule().equals("down-missing")).map(Finding::migration)
                    .collect(java.util.stream.Collectors.toSet());
            findings.removeIf(f -> f.rule().equals("down-missing") && rehearsedMissing.contains(f.migration()));
            findings.addAll(outcome.findings());
            summary = Optional.of(outcome.summary());
            brokenQueries = outcome.brokenQueries();
            // Where the text alone told nothing (Python code, dynamic SQL), what the database saw decides.
            for (RehearsalSummary.Entry entry : outcome.summary().migrations()) {
                if (phases.getOrDefault(entry.id(), List.of()).isEmpty() && !entry.phases().isEmpty()) {
                    phases.put(entry.id(), entry.phases());
                }
            }
        }
        if (consumers != null) {
            // The rehearsal prepared the queries on a real server; what it cannot see (columns read from the rows of
            // a star select) and everything, when it did not run, is judged from the static references.
            java.util.Set<String> prepared = new java.util.HashSet<>();
            summary.ifPresent(s -> s.migrations().stream().filter(e -> e.outcome().equals("applied"))
                    .forEach(e -> prepared.add(e.id())));
            findings.addAll(ConsumerBreakage.of(project.graph(), schema, consumers, Consumers.declarations(project),
                    prepared,
                    Consumers.failures(brokenQueries)));
        }
        Report report = report(command, project, stamps, options, findings, phases, summary,
                Optional.ofNullable(consumers));
        return Judging.apply(report, project, changes, change);
    }

    private static Report report(String command, Project project, List<String> stamps, ReportOptions options,
                                 List<Finding> findings, Map<String, List<String>> phases) {
        return report(command, project, stamps, options, findings, phases, Optional.empty(), Optional.empty());
    }

    private static Report report(String command, Project project, List<String> stamps, ReportOptions options,
                                 List<Finding> findings, Map<String, List<String>> phases,
                                 Optional<RehearsalSummary> rehearsal, Optional<ConsumerScan> consumers) {
        Optional<UpgradePlan> plan = Optional.empty();
        if (stamps != null) {
            UpgradePlan upgrade = UpgradePlan.from(project.graph(), project.analysis(), stamps);
            findings.addAll(GraphFindings.ofUpgrade(project.graph(), upgrade));
            plan = Optional.of(upgrade);
        }
        List<Finding> kept = options.severityPolicy(project.config()).apply(findings);
        return new Report(command, project.graph(), project.analysis(), kept, plan, options.failOnSeverity(), phases,
                rehearsal, Optional.empty(), consumers);
    }

    static int exitCode(Report report) {
        return report.fails() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
