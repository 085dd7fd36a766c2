package dev.schemaguard.source;

import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revisions spread over the folders alembic.ini names, read as Alembic reads them: one graph. */
class AlembicLocationsTest {

    @TempDir
    Path dir;

    private static String revision(String id, String downRevision) {
        return """
                revision = '%s'
                down_revision = %s
                branch_labels = None
                depends_on = None


                def upgrade():
                    pass
                """.formatted(id, downRevision);
    }

    private MigrationSet load() {
        return new MigrationSource().load(dir, new Config.Migrations(null, "auto"));
    }

    private static List<String> files(MigrationSet set) {
        return set.migrations().stream().map(m -> m.displayFile() + " " + m.id()).sorted().toList();
    }

    @Test
    void versionLocationsAreAllReadAsOneHistory() {
        new ProjectBuilder(dir)
                .file("alembic.ini", """
                        [alembic]
                        script_location = %(here)s/alembic
                        version_locations = %(here)s/alembic/versions %(here)s/billing/versions
                        sqlalchemy.url = postgresql://localhost/app

                        [loggers]
                        keys = root
                        """)
                .file("alembic/versions/a_init.py", revision("a", "None"))
                .file("billing/versions/b_invoices.py", revision("b", "'a'"))
                .file("alembic/versions/c_more.py", revision("c", "'b'"));

        MigrationSet set = load();

        assertThat(set.format()).isEqualTo(MigrationFormat.ALEMBIC);
        assertThat(files(set)).containsExactly("alembic/versions/a_init.py a", "alembic/versions/c_more.py c",
                "billing/versions/b_invoices.py b");
        // no "missing parent": b's parent and c's are found across the folders
        Cli.Result graph = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(graph.exitCode()).isZero();
        assertThat(graph.out()).doesNotContain("missing-parent");
    }

    @Test
    void separatorsMultiLineValuesAndRecursiveLocations() {
        new ProjectBuilder(dir)
                .file("alembic.ini", """
                        [alembic]
                        script_location = alembic
                        version_path_separator = newline
                        recursive_version_locations = true
                        version_locations =
                            alembic/versions
                            %(here)s/modules
                        """)
                .file("alembic/versions/a_init.py", revision("a", "None"))
                .file("modules/orders/b_orders.py", revision("b", "'a'"))
                .file("modules/orders/__init__.py", "")
                .file("modules/orders/__pycache__/b_orders.cpython-311.pyc", "not python");

        assertThat(files(load())).containsExactly("alembic/versions/a_init.py a", "modules/orders/b_orders.py b");
    }

    @Test
    void withoutVersionLocationsTheScriptLocationsVersionsFolderIsRead() {
        new ProjectBuilder(dir)
                .file("alembic.ini", "[alembic]\nscript_location: db\n")
                .file("db/versions/a_init.py", revision("a", "None"))
                .file("alembic/versions/z_other.py", revision("z", "None"));

        assertThat(files(load())).containsExactly("db/versions/a_init.py a");
    }

    /**
     * A Python project's root holds Python files that are no revisions (setup.py, a build hook); its alembic.ini sits
     * four levels down beside the package, names its scripts as a package resource, and keeps one versions folder per
     * database, as Prefect does. Read from the root without configuration: the PostgreSQL revisions, the others noted.
     */
    @Test
    void aPackageResourceScriptLocationBelowAPythonProjectsRootWithOneVersionsFolderPerDatabase() {
        new ProjectBuilder(dir)
                .file(".git/HEAD", "ref: refs/heads/main\n")
                .file("hatch_build.py", "from hatchling.builders.hooks.plugin.interface import BuildHookInterface\n")
                .file("setup.py", "import setuptools\nsetuptools.setup()\n")
                .file("src/app/server/db/alembic.ini", "[alembic]\nscript_location = app.server.db:_migrations\n")
                .file("src/app/server/db/models.py", "class Flow:\n    revision = 1\n")
                .file("src/app/server/db/_migrations/env.py", "from alembic import context\n")
                .file("src/app/server/db/_migrations/versions/postgresql/a_init.py", revision("a", "None"))
                .file("src/app/server/db/_migrations/versions/postgresql/b_next.py", revision("b", "'a'"))
                .file("src/app/server/db/_migrations/versions/sqlite/s_init.py", revision("s", "None"));

        Cli.Result r = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("migrations_path").asText())
                .isEqualTo("src/app/server/db/_migrations/versions/postgresql");
        assertThat(r.json().get("migrations")).hasSize(2);
        assertThat(r.json().get("notes").toString()).contains("not read: src/app/server/db/_migrations/versions/sqlite, "
                + "revisions for other databases than PostgreSQL");
    }

    @Test
    void pythonFilesWithoutARevisionAreNoAlembicHistory() {
        new ProjectBuilder(dir)
                .file("setup.py", "import setuptools\nsetuptools.setup()\n")
                .file("services/api/schema/migrations/0001_init.sql", "CREATE TABLE t (id int);\n");

        MigrationSet set = load();
        assertThat(set.format()).isEqualTo(MigrationFormat.SQL);
        assertThat(files(set)).containsExactly("services/api/schema/migrations/0001_init.sql 0001");
    }

    @Test
    void aLocationThatIsNotAFolderOrAnUnknownSeparatorIsAClearError() {
        new ProjectBuilder(dir)
                .file("alembic.ini", "[alembic]\nscript_location = alembic\n"
                        + "version_locations = alembic/versions gone\n")
                .file("alembic/versions/a_init.py", revision("a", "None"));
        assertThatThrownBy(this::load).isInstanceOf(InputException.class)
                .hasMessageContaining("version_locations names 'gone', which is not a folder of the project");
        Cli.Result check = Cli.run("check", "--static", dir.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("alembic.ini").contains("'gone'").doesNotContain("Exception");

        new ProjectBuilder(dir).file("alembic.ini",
                "[alembic]\nversion_path_separator = |\nversion_locations = alembic/versions\n");
        assertThatThrownBy(this::load).isInstanceOf(InputException.class)
                .hasMessageContaining("version_path_separator '|' is not one Alembic knows");
    }
}
