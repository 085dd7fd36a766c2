package dev.schemaguard.source;

import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearFormatsTest {

    @TempDir
    Path dir;

    private MigrationSet load(String format) {
        return new MigrationSource().load(dir, new Config.Migrations(null, format));
    }

    private static List<String> ids(MigrationSet set) {
        return set.migrations().stream().map(Migration::id).toList();
    }

    @Test
    void plainSqlIsOrderedByNumberAndPairsDownFiles() {
        new ProjectBuilder(dir)
                .file("db/migrations/0010_later.sql", "SELECT 10;")
                .file("db/migrations/0002_second.sql", "SELECT 2;")
                .file("db/migrations/0002_second.down.sql", "SELECT -2;")
                .file("db/migrations/0000_initial.sql", "SELECT 0;")
                .file("db/migrations/meta/_journal.json", "{}");
        MigrationSet set = load("auto");
        assertThat(set.format()).isEqualTo(MigrationFormat.SQL);
        assertThat(ids(set)).containsExactly("0000", "0002", "0010");
        assertThat(set.migrations().get(2).parents()).containsExactly("0002");
        assertThat(set.migrations().get(1).down()).map(MigrationScript::text).contains("SELECT -2;");
        assertThat(set.migrations().get(0).down()).isEmpty();
        assertThat(set.migrations().get(0).displayFile()).isEqualTo("db/migrations/0000_initial.sql");
    }

    @Test
    void aDownFileWithoutItsUpFileIsAnError() {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;")
                .file("migrations/0002_b.down.sql", "SELECT 1;");
        assertThatThrownBy(() -> load("sql")).isInstanceOf(InputException.class)
                .hasMessageContaining("down migration without an up migration");
    }

    @Test
    void flywayReadsVersionedUndoAndRepeatableMigrations() {
        new ProjectBuilder(dir)
                .file("src/main/resources/db/migration/V1__init.sql", "CREATE TABLE a (id int);")
                .file("src/main/resources/db/migration/V1_1__more.sql", "ALTER TABLE a ADD b int;")
                .file("src/main/resources/db/migration/U1_1__more.sql", "ALTER TABLE a DROP b;")
                .file("src/main/resources/db/migration/sub/V2__nested.sql", "SELECT 1;")
                .file("src/main/resources/db/migration/V10__ten.sql", "SELECT 1;")
                .file("src/main/resources/db/migration/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;");
        MigrationSet set = load("auto");
        assertThat(set.format()).isEqualTo(MigrationFormat.FLYWAY);
        assertThat(ids(set)).containsExactly("1", "1.1", "2", "10", "R__views");
        assertThat(set.migrations().get(1).down()).isPresent();
        assertThat(set.migrations().get(4).parents()).containsExactly("10");
    }

    @Test
    void flywayVersionsThatMeanTheSameAreDuplicates() {
        new ProjectBuilder(dir).file("db/migrations/V1_1__a.sql", "SELECT 1;")
                .file("db/migrations/V1.1__b.sql", "SELECT 1;")
                .file("db/migrations/V2__c.sql", "SELECT 1;");
        MigrationSet set = load("flyway");
        assertThat(ids(set)).containsExactly("1.1", "1.1", "2");
        assertThat(set.migrations().get(2).parents()).containsExactly("1.1");
    }

    @Test
    void golangMigratePairsUpAndDown() {
        new ProjectBuilder(dir)
                .file("migrations/1_create.up.sql", "CREATE TABLE a (id int);")
                .file("migrations/1_create.down.sql", "DROP TABLE a;")
                .file("migrations/2_index.up.sql", "CREATE INDEX i ON a (id);");
        MigrationSet set = load("auto");
        assertThat(set.format()).isEqualTo(MigrationFormat.GOLANG_MIGRATE);
        assertThat(ids(set)).containsExactly("1", "2");
        assertThat(set.migrations().get(0).down()).map(MigrationScript::text).contains("DROP TABLE a;");
        assertThat(set.migrations().get(1).down()).isEmpty();
    }

    /** Ory Kratos' layout: one file per database and version, as pop and popx name them. */
    @Test
    void popFilesForOtherDatabasesAreLeftOutAndPostgresWinsOverTheCommonFile() {
        new ProjectBuilder(dir)
                .file("migrations/1_networks.postgres.up.sql", "CREATE TABLE networks (id uuid);")
                .file("migrations/1_networks.postgres.down.sql", "DROP TABLE networks;")
                .file("migrations/1_networks.mysql.up.sql", "CREATE TABLE `networks` (`id` char(36));")
                .file("migrations/1_networks.sqlite3.up.sql", "CREATE TABLE \"networks\" (\"id\" TEXT);")
                .file("migrations/1_networks.cockroach.up.sql", "CREATE TABLE networks (id UUID);")
                .file("migrations/2_index.up.sql", "CREATE INDEX i ON networks (id);")
                .file("migrations/2_index.pg.up.sql", "CREATE INDEX CONCURRENTLY i ON networks (id);")
                .file("migrations/3_cleanup.autocommit.up.sql", "DROP INDEX CONCURRENTLY i;")
                .file("migrations/4_comment.up.sql", "COMMENT ON TABLE networks IS 'n';");
        MigrationSet set = load("auto");
        assertThat(set.format()).isEqualTo(MigrationFormat.GOLANG_MIGRATE);
        assertThat(ids(set)).containsExactly("1", "2", "3", "4");
        assertThat(set.migrations().get(0).up().text()).isEqualTo("CREATE TABLE networks (id uuid);");
        assertThat(set.migrations().get(0).down()).map(MigrationScript::text).contains("DROP TABLE networks;");
        assertThat(set.migrations().get(1).up().text()).contains("CONCURRENTLY");
        assertThat(set.migrations().get(2).up().options()).isEqualTo("autocommit");
        assertThat(set.notes()).containsExactly(
                "not read, as pop runs them only on other databases: 1 cockroach file, 1 mysql file, 1 sqlite3 file");
    }

    @Test
    void dbmateSplitsSectionsAndKeepsFileLines() {
        new ProjectBuilder(dir).file("db/migrations/20240101120000_create_users.sql", """
                -- a comment before the marker
                -- migrate:up
                CREATE TABLE users (id int);

                -- migrate:down
                DROP TABLE users;
                """);
        MigrationSet set = load("auto");
        assertThat(set.format()).isEqualTo(MigrationFormat.DBMATE);
        Migration m = set.migrations().get(0);
        assertThat(m.id()).isEqualTo("20240101120000");
        assertThat(m.up().text()).startsWith("CREATE TABLE users");
        assertThat(m.up().firstLine()).isEqualTo(3);
        assertThat(m.down()).map(MigrationScript::firstLine).contains(6);
        assertThat(m.down()).map(s -> s.text().strip()).contains("DROP TABLE users;");
    }

    @Test
    void dbmateWithoutUpMarkerIsAnError() {
        new ProjectBuilder(dir).file("db/migrations/20240101_x.sql", "SELECT 1;\n");
        assertThatThrownBy(() -> load("dbmate")).isInstanceOf(InputException.class)
                .hasMessageContaining("no '-- migrate:up' marker");
    }

    @Test
    void mixedFormatsInOneDirectoryAreAClearError() {
        new ProjectBuilder(dir).file("migrations/V1__init.sql", "SELECT 1;")
                .file("migrations/2_next.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> load("auto")).isInstanceOf(InputException.class)
                .hasMessageContaining("mixed migration formats")
                .hasMessageContaining("flyway (1 files, e.g. migrations/V1__init.sql)")
                .hasMessageContaining("golang-migrate");
    }

    @Test
    void anUnorderableSqlFileIsAnError() {
        new ProjectBuilder(dir).file("migrations/0001_a.sql", "SELECT 1;")
                .file("migrations/seed.sql", "SELECT 1;");
        assertThatThrownBy(() -> load("sql")).isInstanceOf(InputException.class)
                .hasMessageContaining("cannot order this file");
    }

    @Test
    void nonUtf8AndBinaryFilesAreReportedWithTheirLine() {
        new ProjectBuilder(dir).bytes("migrations/0001_a.sql", new byte[] {'S', 'E', 'L', '\n', 'x', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> load("sql")).isInstanceOf(InputException.class)
                .hasMessageContaining("not UTF-8 text (byte 0xE9 at offset 5)")
                .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(2));
        new ProjectBuilder(dir).bytes("migrations/0001_a.sql", new byte[] {'a', '\n', '\n', 0, 1, 2});
        assertThatThrownBy(() -> load("sql")).isInstanceOf(InputException.class)
                .hasMessageContaining("binary file")
                .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(3));
    }

    @Test
    void aProjectWithoutMigrationsSaysWhereItLooked() {
        assertThatThrownBy(() -> load("auto")).isInstanceOf(InputException.class)
                .hasMessageContaining("no migrations found: looked in alembic/versions, db/migrations");
    }
}
