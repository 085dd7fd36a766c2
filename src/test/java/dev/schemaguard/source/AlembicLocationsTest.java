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
