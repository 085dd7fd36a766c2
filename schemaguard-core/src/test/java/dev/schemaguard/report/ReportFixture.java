package dev.schemaguard.report;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphFindings;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.MigrationSource;
import dev.schemaguard.testing.ProjectBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reports over a real Alembic project, with the graph findings it really has plus any given ones. */
final class ReportFixture {

    /** The line of {@code down_revision = ...} in {@link ProjectBuilder#alembic}'s template. */
    static final int DOWN_REVISION_LINE = 10;

    private ReportFixture() {
    }

    /**
     * 001 → 002 → {003, 004} → 005 (merges 003 and 004) → {006, 007}, never merged. Graph findings: a
     * merged {@code fork} at 002 (info, in 004's file), an unmerged {@code fork} at 005 (error) and
     * {@code multiple-heads} (error), both in 007's file.
     */
    static void forkedProject(Path dir) {
        new ProjectBuilder(dir).alembic("001", "None").alembic("002", "'001'").alembic("003", "'002'")
                .alembic("004", "'002'").alembic("005", "('003', '004')").alembic("006", "'005'")
                .alembic("007", "'005'");
    }

    /** A linear project without findings: 001 → 002. */
    static void linearProject(Path dir) {
        new ProjectBuilder(dir).alembic("001", "None").alembic("002", "'001'");
    }

    /** The "check" report of the project in {@code dir}: its graph findings plus {@code extra}. */
    static Report report(Path dir, List<Finding> extra) {
        return report(dir, Severity.ERROR, extra);
    }

    /** The same, failing at {@code failOn} ({@code null}: never). */
    static Report report(Path dir, Severity failOn, List<Finding> extra) {
        MigrationGraph graph = MigrationGraph.of(new MigrationSource().load(dir, new Config.Migrations(null, "auto")));
        GraphAnalysis analysis = GraphAnalysis.of(graph);
        List<Finding> findings = new ArrayList<>(GraphFindings.of(graph, analysis));
        findings.addAll(extra);
        return new Report("check", graph, analysis, findings, Optional.empty(), failOn);
    }

    static Report report(Path dir, Finding... extra) {
        return report(dir, List.of(extra));
    }

    static String file(String revision) {
        return "alembic/versions/" + revision + "_step.py";
    }
}
