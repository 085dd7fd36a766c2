package dev.schemaguard.rehearsal;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the rehearsal rules ({@code dev.schemaguard.rehearsal.rules}) over what the rehearsal records, and keeps
 * their findings. A {@code -- schemaguard:ignore RULE reason} above a statement silences them as it silences the
 * static rules' findings on that statement.
 */
final class RehearsalRules {

    private final List<RehearsalRule> rules = RuleCatalogue.instances(RuleKind.REHEARSAL, RehearsalRule.class);
    private final MigrationGraph graph;
    private final Rehearsal.Settings settings;
    private final MigrationStatements statements;
    private final List<Finding> findings = new ArrayList<>();
    private final Consumer<Finding> sink;

    RehearsalRules(MigrationGraph graph, Rehearsal.Settings settings, MigrationStatements statements) {
        this.graph = graph;
        this.settings = settings;
        this.statements = statements;
        this.sink = finding -> {
            if (!statements.suppressed(graph.migration(finding.migration()), finding)) {
                findings.add(finding);
            }
        };
    }

    void judge(MigrationTrace trace) {
        TraceContext context = new TraceContext(trace, settings, statements, sink);
        for (RehearsalRule rule : rules) {
            rule.check(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
    }

    void judge(RehearsalTrace trace) {
        RehearsalContext context = new RehearsalContext(trace, graph, statements, sink);
        for (RehearsalRule rule : rules) {
            rule.checkRehearsal(context.forRule(RuleCatalogue.of(rule.getClass())));
        }
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}
