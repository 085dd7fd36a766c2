package dev.schemaguard.rehearsal;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationSource;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Alembic migrations through the real Alembic on a real PostgreSQL. Tests that need Alembic are skipped,
 * with the reason, where no Python has it (CI installs it).
 */
class AlembicExecutorTest {

    private static final Path EXAMPLE = Path.of("examples/alembic-fork");
    private static final Path BRANCHES = Path.of("schemaguard-core/src/test/resources/rehearsal/alembic-branches");
    private static final Config.Alembic DEFAULTS = new Config.Alembic(null, null, null);

    @Test
    void replayFromEmptyRunsTheExampleInGraphOrderUntil008FailsOnTheExistingType() {
        Map<String, Migration> m = migrations(EXAMPLE, null);
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(EXAMPLE, db)) {
            assertThat(alembic.urlVariables()).containsExactly("LEAGUE_DATABASE_URL");
            for (String id : List.of("001", "002", "003", "004", "005", "e09c9e678004", "007")) {
                Execution up = alembic.up(m.get(id), Map.of());
                assertThat(up.failure()).as(id).isNull();
                assertThat(heads(db)).containsExactly(id);
            }

            Execution up008 = alembic.up(m.get("008"), Map.of());

            assertThat(up008.succeeded()).isFalse();
            assertThat(up008.failure().sqlState()).isEqualTo("42710");
            assertThat(up008.failure().describe()).isEqualTo("ERROR 42710: type \"division\" already exists");
            assertThat(up008.failure().file()).isEqualTo("alembic/versions/008_add_team_model.py");
            assertThat(up008.failure().line()).isEqualTo(32);
            assertThat(heads(db)).containsExactly("007");
        }
    }

    @Test
    void downThenUpRoundTripsARevision() {
        Map<String, Migration> m = migrations(EXAMPLE, null);
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(EXAMPLE, db)) {
            upAll(alembic, m, "001", "002", "003", "004", "005", "e09c9e678004", "007");
            assertThat(alembic.hasDown(m.get("007"))).isTrue();

            assertThat(alembic.down(m.get("007")).failure()).isNull();
            assertThat(heads(db)).containsExactly("e09c9e678004");
            assertThat(relations(db)).doesNotContainValue("email_log");

            assertThat(alembic.up(m.get("007"), Map.of()).failure()).isNull();
            assertThat(heads(db)).containsExactly("007");
            assertThat(relations(db)).containsValue("email_log");
        }
    }

    @Test
    void addColumnOnAnExistingTableTakesAnAccessExclusiveLockAtItsLine() {
        Map<String, Migration> m = migrations(EXAMPLE, null);
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(EXAMPLE, db)) {
            upAll(alembic, m, "001", "002", "003", "004", "005");

            Execution up = alembic.up(m.get("e09c9e678004"), relations(db));

            assertThat(up.failure()).isNull();
            assertThat(up.locks()).containsExactly(new Execution.Lock("players",
                    "alembic/versions/e09c9e678004_add_division_column_to_players.py", 25,
                    "ALTER TABLE players ADD COLUMN division division", 25));
        }
    }

    @Test
    void rerunOfANonIdempotentRevisionFailsAndLeavesTheVersionTableAsItWas() {
        Map<String, Migration> m = migrations(EXAMPLE, null);
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(EXAMPLE, db)) {
            upAll(alembic, m, "001", "002");

            Execution rerun = alembic.rerun(m.get("002"));

            assertThat(rerun.failure()).isNotNull();
            assertThat(rerun.failure().sqlState()).isEqualTo("42P07");
            assertThat(rerun.failure().message()).isEqualTo("relation \"parents\" already exists");
            assertThat(rerun.failure().file()).isEqualTo("alembic/versions/002_add_parents.py");
            assertThat(rerun.failure().line()).isEqualTo(20);
            assertThat(heads(db)).containsExactly("002");
            assertThat(alembic.down(m.get("002")).failure()).isNull();
            assertThat(heads(db)).containsExactly("001");
        }
    }

    @Test
    void aBranchOfAForkGoesUpAndDownWithoutTouchingTheOtherBranch() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(BRANCHES, db)) {
            assertThat(alembic.urlVariables()).containsExactly("SHOP_DSN");
            upAll(alembic, m, "0001", "0002", "0003");

            assertThat(alembic.up(m.get("0004"), Map.of()).failure()).isNull();
            assertThat(heads(db)).containsExactly("0003", "0004");
            assertThat(alembic.down(m.get("0004")).failure()).isNull();
            assertThat(heads(db)).containsExactly("0003");

            upAll(alembic, m, "0004", "0005");
            assertThat(heads(db)).containsExactly("0005");
            assertThat(alembic.down(m.get("0005")).failure()).isNull();
            assertThat(heads(db)).containsExactly("0003", "0004");
        }
    }

    @Test
    void aLockHeldThroughTheBackfillIsReportedUntilTheBackfillsLine() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(BRANCHES, db)) {
            upAll(alembic, m, "0001");

            Execution up = alembic.up(m.get("0002"), relations(db));

            assertThat(up.locks()).containsExactly(new Execution.Lock("items", "migrations/versions/0002_price.py",
                    10, "ALTER TABLE items ADD COLUMN price NUMERIC", 11));
            assertThat(up.locks().get(0).heldAcrossStatements()).isTrue();
        }
    }

    @Test
    void whereEnvPyRunsOneTransactionARerunSucceedsWhenIdempotentAndKeepsTheVersionsWhenNot() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(BRANCHES, db)) {
            upAll(alembic, m, "0001", "0002", "0003", "0004");

            assertThat(alembic.rerun(m.get("0003")).failure()).isNull();
            Execution.Failure failure = alembic.rerun(m.get("0004")).failure();

            assertThat(failure.describe()).isEqualTo("ERROR 42P07: relation \"notes\" already exists");
            assertThat(failure.line()).isEqualTo(10);
            assertThat(heads(db)).containsExactly("0003", "0004");
        }
    }

    @Test
    void aDowngradeThatOnlyPassesOrHasOnlyADocstringIsNoDown() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(BRANCHES, db)) {
            assertThat(alembic.hasDown(m.get("0003"))).isFalse();
            assertThat(alembic.hasDown(m.get("0005"))).isFalse();
            assertThat(alembic.hasDown(m.get("0002"))).isTrue();
        }
    }

    @Test
    void nothingRunsWhenEnvPyConnectsToAnotherDatabaseThanTheScratchOne() {
        Path project = Path.of("schemaguard-core/src/test/resources/rehearsal/alembic-elsewhere");
        Map<String, Migration> m = migrations(project, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(project, db)) {
            Execution.Failure failure = alembic.up(m.get("0001"), Map.of()).failure();

            assertThat(failure.message()).startsWith("env.py connected to the database 'postgres' instead of "
                    + "SchemaGuard's scratch database; set alembic.url_env");
            assertThat(failure.file()).isEqualTo("migrations/env.py");
        }
    }

    @Test
    void aPythonErrorInAMigrationNamesItsFileAndLine() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase(); AlembicExecutor alembic = start(BRANCHES, db)) {
            upAll(alembic, m, "0001", "0002", "0003", "0004", "0005");

            Execution.Failure failure = alembic.up(m.get("0006"), Map.of()).failure();

            assertThat(failure.sqlState()).isEmpty();
            assertThat(failure.message()).startsWith("ModuleNotFoundError: No module named 'shop_models_not_installed'")
                    .contains("set alembic.python");
            assertThat(failure.file()).isEqualTo("migrations/versions/0006_needs_models.py");
            assertThat(failure.line()).isEqualTo(9);
            assertThat(heads(db)).containsExactly("0005");
        }
    }

    @Test
    void aStepThatHangsFailsAtTheTimeoutAndStopsTheDriver() {
        Map<String, Migration> m = migrations(BRANCHES, "migrations/versions");
        try (ScratchDatabase db = TestPostgres.newDatabase();
             AlembicExecutor alembic = start(BRANCHES, db, Duration.ofSeconds(3))) {
            upAll(alembic, m, "0001", "0002", "0003", "0004", "0005");

            long start = System.nanoTime();
            Execution.Failure failure = alembic.up(m.get("0007"), Map.of()).failure();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(failure.message()).startsWith("upgrade() of 0007 did not finish within 3 seconds");
            assertThat(alembic.down(m.get("0005")).failure().message()).startsWith("not run: upgrade() of 0007");
        }
    }

    @Test
    void anInterpreterThatCannotRunIsExplained() {
        var availability =
                AlembicExecutor.availability(EXAMPLE, new Config.Alembic(null, null, "/nonexistent/python3"));

        assertThat(availability.available()).isFalse();
        assertThat(availability.problem()).isEqualTo("alembic.python '/nonexistent/python3' in schemaguard.yml "
                + "cannot be run; set it to the Python interpreter that has the project's Alembic");
        assertThatThrownBy(() -> AlembicExecutor.start(EXAMPLE,
                new Config.Alembic(null, null, "/nonexistent/python3"), null))
                .isInstanceOf(InputException.class).hasMessage(availability.problem());
    }

    @Test
    void settingsTakeOneVariableOrAListAndDefaultWhenAbsent() {
        ConfigLoader loader = new ConfigLoader(Set.of());
        Path file = Path.of("schemaguard.yml");

        Config.Alembic one = loader.parse("alembic:\n  url_env: APP_DB_URL\n  python: .venv/bin/python\n", file)
                .alembic();
        Config.Alembic list = loader.parse("alembic:\n  config: db/alembic.ini\n  url_env: [A_URL, B_DSN]\n", file)
                .alembic();

        assertThat(one).isEqualTo(new Config.Alembic("alembic.ini", List.of("APP_DB_URL"), ".venv/bin/python"));
        assertThat(list).isEqualTo(new Config.Alembic("db/alembic.ini", List.of("A_URL", "B_DSN"), null));
        assertThat(Config.defaults().alembic()).isEqualTo(DEFAULTS);
        assertThatThrownBy(() -> loader.parse("alembic:\n  urlenv: X\n", file))
                .isInstanceOf(InputException.class).extracting(e -> ((InputException) e).describe())
                .isEqualTo("schemaguard.yml:2: unknown key 'urlenv' in 'alembic'; known keys: config, python, url_env");
        assertThatThrownBy(() -> loader.parse("alembic:\n  url_env: \"not a name\"\n", file))
                .isInstanceOf(InputException.class).extracting(e -> ((InputException) e).describe())
                .isEqualTo("schemaguard.yml:2: alembic.url_env: 'not a name' is not an environment variable name");
    }

    private static AlembicExecutor start(Path project, ScratchDatabase db) {
        return start(project, db, AlembicExecutor.STEP_TIMEOUT);
    }

    private static AlembicExecutor start(Path project, ScratchDatabase db, Duration timeout) {
        var availability = AlembicExecutor.availability(project, DEFAULTS);
        assumeTrue(availability.available(), availability::problem);
        return AlembicExecutor.start(project, DEFAULTS, db, timeout);
    }

    private static Map<String, Migration> migrations(Path project, String path) {
        return new MigrationSource().load(project, new Config.Migrations(path, "alembic")).migrations().stream()
                .collect(Collectors.toMap(Migration::id, m -> m));
    }

    private static void upAll(AlembicExecutor alembic, Map<String, Migration> m, String... ids) {
        for (String id : ids) {
            Execution up = alembic.up(m.get(id), Map.of());
            assertThat(up.failure()).as(id).isNull();
        }
    }

    private static List<String> heads(ScratchDatabase db) {
        return query(db, "SELECT version_num FROM alembic_version ORDER BY 1").stream()
                .map(row -> row.get(0)).toList();
    }

    /** The tables of the public schema by oid: what a rehearsal passes to trace locks on. */
    private static Map<Long, String> relations(ScratchDatabase db) {
        Map<Long, String> relations = new HashMap<>();
        for (List<String> row : query(db, "SELECT oid::bigint, relname FROM pg_class "
                + "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")) {
            relations.put(Long.parseLong(row.get(0)), row.get(1));
        }
        return relations;
    }

    private static List<List<String>> query(ScratchDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
