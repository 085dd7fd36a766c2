package dev.schemaguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One project per layout, laid out as the layout's own documentation lays it out (src/test/resources/layouts), read
 * through the command line without configuration from the project root and from its migrations folder, and, once
 * {@code schemaguard init} has written its configuration, from a subfolder of the project.
 */
class ProjectLayoutsTest {

    private static final Path LAYOUTS = Path.of("schemaguard-core/src/test/resources/layouts");

    @TempDir
    Path dir;

    /** A copy of the fixture in a git repository of its own, so that SchemaGuard looks up to its root. */
    private Path project(String layout) {
        Path root = dir.resolve(layout);
        try (Stream<Path> files = Files.walk(LAYOUTS.resolve(layout))) {
            for (Path file : files.toList()) {
                Path target = root.resolve(LAYOUTS.resolve(layout).relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            Files.createDirectories(root.resolve(".git"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private static JsonNode check(Path target) {
        Cli.Result r = Cli.run("check", "--static", target.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        return r.json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> ids(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("migrations").forEach(m -> out.add(m.get("id").asText()));
        return out;
    }

    private static JsonNode migration(JsonNode json, String id) {
        for (JsonNode m : json.get("migrations")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no migration " + id + " in " + ids(json));
    }

    private static List<String> rules(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }

    /** What every report says first: the format, the folder and how many migrations it held. */
    private static void read(JsonNode json, String format, String path, List<String> ids) {
        assertThat(json.get("format").asText()).isEqualTo(format);
        JsonNode source = json.get("sources").get(0);
        assertThat(source.get("format").asText()).isEqualTo(format);
        assertThat(source.get("path").asText()).isEqualTo(path);
        assertThat(source.get("migrations").asInt()).isEqualTo(ids.size());
        assertThat(ids(json)).containsExactlyElementsOf(ids);
    }

    /** init at the root, then a check from a subfolder finds the configuration above and reads the same history. */
    private static JsonNode fromSubfolderAfterInit(Path root, String subfolder) {
        Cli.Result init = Cli.run("init", root.toString());
        assertThat(init.exitCode()).as("stderr: %s", init.err()).isZero();
        assertThat(init.out()).contains("Next: schemaguard check " + root);
        JsonNode json = check(root.resolve(subfolder));
        assertThat(texts(json.get("notes"))).anyMatch(note -> note.startsWith("settings from ")
                && note.contains("schemaguard.yml, the nearest configuration above"));
        return json;
    }

    @Test
    void diesel() throws IOException {
        Path root = project("diesel");
        List<String> ids = List.of("00000000000000", "2016-11-08-005417", "2016-11-20-101500", "2017-02-01-120000");
        JsonNode json = check(root);
        read(json, "diesel", "migrations", ids);
        // diesel's generated "-- This file should undo anything in `up.sql`" is no down migration
        assertThat(migration(json, "2016-11-20-101500").get("has_down").asBoolean()).isFalse();
        assertThat(migration(json, "2016-11-08-005417").get("has_down").asBoolean()).isTrue();
        // run_in_transaction = false: the index is built outside a transaction
        assertThat(rules(json)).doesNotContain("concurrent-in-transaction");
        read(check(root.resolve("migrations")), "diesel", ".", ids);
        read(fromSubfolderAfterInit(root, "src"), "diesel", "migrations", ids);
        assertThat(Files.readString(root.resolve("schemaguard.yml"))).contains("format: diesel")
                .contains("path: migrations").contains("run_in_transaction = false").contains("# consumers:");
    }

    @Test
    void folderDagWithMergesAndASquashedRoot() {
        Path root = project("folder-dag");
        List<String> ids = List.of("1000000000", "1000000001", "1000000002", "1000000003", "1000000004");
        JsonNode json = check(root);
        read(json, "folder-dag", "migrations/frontend", ids);
        assertThat(texts(migration(json, "1000000003").get("parents"))).containsExactly("1000000001", "1000000002");
        // "parent:" names one parent, as the runner reads it
        assertThat(texts(migration(json, "1000000004").get("parents"))).containsExactly("1000000003");
        // the squashed root's down is "-- Nothing": it has none
        assertThat(migration(json, "1000000000").get("has_down").asBoolean()).isFalse();
        assertThat(texts(json.get("graph").get("merges"))).containsExactly("1000000003");
        // the schema dump beside the folders is no migration, and the report says it was not read
        assertThat(texts(json.get("notes"))).containsExactly("not read, as the runner reads one folder per migration: "
                + "squashed.sql");
        assertThat(rules(json)).doesNotContain("concurrent-in-transaction", "multiple-heads");
        read(check(root.resolve("migrations/frontend")), "folder-dag", ".", ids);
        read(fromSubfolderAfterInit(root, "migrations"), "folder-dag", "migrations/frontend", ids);
    }

    @Test
    void prisma() {
        Path root = project("prisma");
        List<String> ids = List.of("20210313140442_init", "20210315093000_add_profile", "20210320120000_index_post_title");
        JsonNode json = check(root);
        read(json, "prisma", "prisma/migrations", ids);
        assertThat(texts(migration(json, "20210315093000_add_profile").get("parents")))
                .containsExactly("20210313140442_init");
        assertThat(migration(json, "20210313140442_init").get("has_down").asBoolean()).isFalse();
        // a migration.sql holding one statement is not run in a transaction
        assertThat(rules(json)).doesNotContain("concurrent-in-transaction");
        read(check(root.resolve("prisma/migrations")), "prisma", ".", ids);
        read(fromSubfolderAfterInit(root, "prisma"), "prisma", "prisma/migrations", ids);
    }

    @Test
    void flywayBaselineVendorFoldersAndPlaceholders() {
        Path root = project("flyway");
        List<String> ids = List.of("2", "3", "4", "R__Person_names");
        JsonNode json = check(root);
        read(json, "flyway", "src/main/resources/db/migration", ids);
        assertThat(texts(json.get("notes")))
                .anyMatch(note -> note.contains("src/main/resources/db/migration/mysql") && note.contains("other databases"))
                .anyMatch(note -> note.contains("V1__Create_person_table.sql, V2__Add_people.sql")
                        && note.contains("B2__Baseline.sql"));
        assertThat(migration(json, "3").get("has_down").asBoolean()).isTrue();
        // ${reader} (application.properties) and ${flyway:defaultSchema} are replaced as Flyway replaces them
        assertThat(rules(json)).doesNotContain("syntax-error", "unrecognized-statement");
        assertThat(texts(json.get("notes"))).noneMatch(note -> note.contains("placeholder"));
        read(check(root.resolve("src/main/resources/db/migration")), "flyway", ".", ids);
        read(fromSubfolderAfterInit(root, "src/main/java"), "flyway", "src/main/resources/db/migration", ids);
    }

    @Test
    void golangMigrate() {
        Path root = project("golang-migrate");
        List<String> ids = List.of("000001", "000002", "000003");
        JsonNode json = check(root);
        read(json, "golang-migrate", "db/migrations", ids);
        assertThat(texts(json.get("notes"))).anyMatch(note -> note.contains("4.up.sql"));
        assertThat(rules(json)).doesNotContain("concurrent-in-transaction");
        read(check(root.resolve("db/migrations")), "golang-migrate", ".", ids);
        read(fromSubfolderAfterInit(root, "cmd"), "golang-migrate", "db/migrations", ids);
    }

    @Test
    void goose() {
        Path root = project("goose");
        List<String> ids = List.of("00001", "00002", "00003", "00004");
        JsonNode json = check(root);
        read(json, "goose", "migrations", ids);
        // the Down section of 00004 is only a comment
        assertThat(migration(json, "00004").get("has_down").asBoolean()).isFalse();
        assertThat(migration(json, "00001").get("has_down").asBoolean()).isTrue();
        // NO TRANSACTION, and a function between StatementBegin and StatementEnd read as one statement
        assertThat(rules(json)).doesNotContain("concurrent-in-transaction", "syntax-error");
        read(check(root.resolve("migrations")), "goose", ".", ids);
        read(fromSubfolderAfterInit(root, "cmd/server"), "goose", "migrations", ids);
    }

    @Test
    void sqitchWithRequirementsAndAReworkedChange() {
        Path root = project("sqitch");
        List<String> ids = List.of("appschema", "users", "insert_user@v1.0.0-dev2", "flips", "insert_user");
        JsonNode json = check(root);
        read(json, "sqitch", ".", ids);
        assertThat(texts(migration(json, "flips").get("depends_on"))).containsExactly("appschema", "users");
        assertThat(texts(migration(json, "insert_user").get("depends_on")))
                .containsExactly("insert_user@v1.0.0-dev2", "users");
        assertThat(migration(json, "insert_user@v1.0.0-dev2").get("file").asText())
                .isEqualTo("deploy/insert_user@v1.0.0-dev2.sql");
        assertThat(migration(json, "users").get("has_down").asBoolean()).isTrue();
        assertThat(rules(json)).doesNotContain("missing-parent");
        read(fromSubfolderAfterInit(root, "verify"), "sqitch", ".", ids);
    }

    @Test
    void flaskMigrateReadsVersionsNotEnvPy() {
        Path root = project("flask-migrate");
        List<String> ids = List.of("3f9c5a1b2d4e", "7a1d2c3b4e5f", "9b8c7d6e5f4a", "c4d5e6f7a8b9", "e1f2a3b4c5d6");
        JsonNode json = check(root);
        read(json, "alembic", "migrations/versions", ids);
        assertThat(texts(migration(json, "7a1d2c3b4e5f").get("branch_labels"))).containsExactly("billing");
        assertThat(texts(migration(json, "e1f2a3b4c5d6").get("depends_on"))).containsExactly("billing");
        read(check(root.resolve("migrations")), "alembic", "versions", ids);
        read(fromSubfolderAfterInit(root, "templates"), "alembic", "migrations/versions", ids);
    }

    @Test
    void airflowStyleAlembicIniBelowTheRepositoryRoot() {
        Path root = project("airflow-style");
        List<String> ids = List.of("e3a246e0dc1", "1507a7289a2f");
        read(check(root), "alembic", "airflow/migrations/versions", ids);
        read(check(root.resolve("airflow")), "alembic", "migrations/versions", ids);
        read(check(root.resolve("airflow/migrations")), "alembic", "versions", ids);
    }

    @Test
    void withoutConfigurationASubfolderNamesTheFolderAboveThatHoldsMigrations() {
        Path root = project("diesel");
        Cli.Result r = Cli.run("check", "--static", root.resolve("src").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no migrations found")
                .contains("the folder above, .., holds diesel migrations (migrations)");
    }

    @Test
    void severalHistoriesBelowTheRootAreAChoiceForTheUser() throws IOException {
        Path root = project("folder-dag");
        Path other = root.resolve("migrations/codeintel/1000000000_squashed");
        Files.createDirectories(other);
        Files.writeString(other.resolve("up.sql"), "CREATE TABLE IF NOT EXISTS lsif (id int);\n");
        Files.writeString(other.resolve("down.sql"), "-- Nothing\n");
        Files.writeString(other.resolve("metadata.yaml"), "name: squashed\nparents: []\n");
        Cli.Result r = Cli.run("check", "--static", root.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("several migration histories below this folder: migrations/codeintel "
                + "(folder-dag), migrations/frontend (folder-dag)");
        read(check(root.resolve("migrations/codeintel")), "folder-dag", ".", List.of("1000000000"));
    }
}
