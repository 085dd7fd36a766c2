package dev.schemaguard.testing;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.rehearsal.Rehearsal;
import dev.schemaguard.source.MigrationSource;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Rehearses a project through the public API on the tests' shared embedded PostgreSQL: what {@code rehearse} does,
 * without starting a server of its own for every project, for the tests that rehearse many small ones.
 */
public final class Rehearsals {

    private Rehearsals() {
    }

    /**
     * The rehearsal rules' findings on {@code project}, with its own {@code schemaguard.yml}. A project the rehearsal
     * skips (Alembic without a Python that has it) aborts the test: it cannot show anything here.
     */
    public static List<Finding> findings(Path project) {
        Config config = new ConfigLoader(new HashSet<>(RuleCatalogue.ids())).load(project, null);
        MigrationGraph graph = MigrationGraph.of(new MigrationSource().load(project, config.migrations()));
        Rehearsal.Preparation preparation = Rehearsal.prepare(graph, project, config);
        Assumptions.assumeTrue(preparation.skipped() == null, () -> "rehearsal skipped: " + preparation.skipped());
        return Rehearsal.run(graph, TestPostgres.server(), preparation.settings(), (done, total, id) -> { })
                .findings();
    }
}
