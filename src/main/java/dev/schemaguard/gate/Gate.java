package dev.schemaguard.gate;

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

/**
 * The pipeline as a library: reads nothing but the project it is given, prints nothing but progress and notes on
 * {@link Options#messages()}, and returns the report that every front end (the command line, a build plugin, a
 * user's own test) formats and judges as it likes. What feeds what is decided here: the consumer scan feeds the
 * rehearsal's probes, the rehearsal's phases fill the static ones, the changed-only options narrow the findings.
 *
 * <pre>{@code
 * Report report = Gate.check(Project.load(Path.of("."), null), Options.check(System.err));
 * assertThat(report.fails()).as(report.findings().toString()).isFalse();
 * }</pre>
 */
public final class Gate {

    private Gate() {
    }

    /** The revision-graph analysis alone (and the upgrade from {@link Options#stamps()}). */
    public static Report graph(Project project, Options options) {
        return report(options.command(), project, options.stamps(), options,
                new ArrayList<>(GraphFindings.of(project.graph(), project.analysis())), Map.of());
    }

    /** The rehearsal's findings alone, narrowed to the migrations the user asked to judge. */
    public static Report rehearse(Project project, Options options) {
        MigrationChanges changes = changes(project, options.changes());
        SchemaHistory schema = project.config().consumers().isEmpty() ? null : SchemaHistory.of(project.graph());
        List<Rehearsal.QueryProbe> probes = schema == null ? List.of()
                : Consumers.probes(Consumers.scan(project, schema, options.messages()));
        Rehearse.Outcome outcome = Rehearse.run(project, options.rehearsal(), probes, options.messages());
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
        return Judging.apply(new Report(options.command(), project.graph(), project.analysis(), kept,
                Optional.empty(), options.failOn(), Map.of(), Optional.of(outcome.summary())), project, changes,
                options.changes(), options.messages());
    }

    /** What changed since {@code --since}, or {@code null} without it. */
    private static MigrationChanges changes(Project project, Options.Changes change) {
        return change.since() == null ? null
                : GitChanges.since(project.graph(), project.config().migrations(), change.since());
    }

    /**
     * The graph findings (unless {@link Options#graph()} is false: lint), every static rule's findings, the
     * consumers', and the rehearsal's unless {@link Options#rehearsal()} is {@code null}, narrowed to the migrations
     * the user asked to judge.
     */
    public static Report check(Project project, Options options) {
        boolean withGraph = options.graph();
        Options.Rehearsing rehearsal = options.rehearsal();
        MigrationChanges changes = changes(project, options.changes());
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
            consumers = Consumers.scan(project, schema, options.messages());
        }
        Map<String, List<String>> phases = new HashMap<>();
        lint.phases().forEach((id, list) -> phases.put(id, list.stream().map(Phase::label).toList()));
        Optional<RehearsalSummary> summary = Optional.empty();
        List<Rehearsal.BrokenQuery> brokenQueries = List.of();
        if (rehearsal != null) {
            Rehearse.Outcome outcome = Rehearse.run(project, rehearsal,
                    consumers == null ? List.of() : Consumers.probes(consumers), options.messages());
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
        Report report = report(options.command(), project, options.stamps(), options, findings, phases, summary,
                Optional.ofNullable(consumers));
        return Judging.apply(report, project, changes, options.changes(), options.messages());
    }

    private static Report report(String command, Project project, List<String> stamps, Options options,
                                 List<Finding> findings, Map<String, List<String>> phases) {
        return report(command, project, stamps, options, findings, phases, Optional.empty(), Optional.empty());
    }

    private static Report report(String command, Project project, List<String> stamps, Options options,
                                 List<Finding> findings, Map<String, List<String>> phases,
                                 Optional<RehearsalSummary> rehearsal, Optional<ConsumerScan> consumers) {
        Optional<UpgradePlan> plan = Optional.empty();
        if (stamps != null) {
            UpgradePlan upgrade = UpgradePlan.from(project.graph(), project.analysis(), stamps);
            findings.addAll(GraphFindings.ofUpgrade(project.graph(), upgrade));
            plan = Optional.of(upgrade);
        }
        List<Finding> kept = options.severityPolicy(project.config()).apply(findings);
        return new Report(command, project.graph(), project.analysis(), kept, plan, options.failOn(), phases,
                rehearsal, Optional.empty(), consumers);
    }
}
