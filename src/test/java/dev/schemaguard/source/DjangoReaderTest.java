package dev.schemaguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Django's migration graph, read as its MigrationLoader builds it, without importing Django. */
class DjangoReaderTest {

    @TempDir
    Path dir;

    /** A migration module of {@code app} with the given class body lines. */
    private ProjectBuilder migration(ProjectBuilder p, String app, String name, String body) {
        return p.file(app + "/migrations/" + name + ".py", """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                %s
                """.formatted(body.indent(4).stripTrailing()));
    }

    private ProjectBuilder project() {
        ProjectBuilder p = new ProjectBuilder(dir).file("manage.py", "import django\n")
                .file("shop/settings.py", "AUTH_USER_MODEL = \"accounts.User\"\n")
                .file("accounts/migrations/__init__.py", "").file("orders/migrations/__init__.py", "");
        migration(p, "accounts", "0001_initial", """
                initial = True
                dependencies = [("auth", "0012_alter_user_first_name_max_length")]
                operations = []
                """);
        migration(p, "accounts", "0002_email", """
                dependencies = [("accounts", "0001_initial")]
                operations = []
                """);
        migration(p, "orders", "0001_initial", """
                dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
                operations = []
                """);
        migration(p, "orders", "0002_latest_account", """
                dependencies = [("orders", "0001_initial"), ("accounts", "__latest__")]
                operations = []
                """);
        return p;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode migrationOf(JsonNode json, String id) {
        for (JsonNode m : json.get("migrations")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no migration " + id + " in " + json);
    }

    @Test
    void appsAreOneGraphWithALeafPerAppAndAppsOutsideTheProjectNoted() {
        project();
        Cli.Result r = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode graph = r.json().get("graph");
        assertThat(texts(graph.get("heads"))).containsExactlyInAnyOrder("accounts.0002_email", "orders.0002_latest_account");
        assertThat(graph.get("missing_parents")).isEmpty();
        Cli.Result text = Cli.run("graph", dir.toString());
        assertThat(text.out()).contains("4 migrations (django: 2 in accounts/migrations, 2 in orders/migrations)")
                .contains("note: dependencies on apps with no migrations in the project (auth)")
                .contains("one leaf per app, 2 apps");
        // the swappable user model is accounts.User: orders.0001 comes after accounts' first migration
        Cli.Result stamp = Cli.run("graph", dir.toString(), "--stamp", "accounts.0001_initial", "--quiet");
        assertThat(stamp.out()).contains("accounts.0002_email");
    }

    @Test
    void aDependencyOnAMissingMigrationOfAProjectAppIsAMissingParent() {
        migration(project(), "orders", "0003_gone", """
                dependencies = [("orders", "0002_latest_account"), ("accounts", "0003_never_written")]
                operations = []
                """);
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode missing = r.findings("missing-parent").get(0);
        assertThat(missing.get("message").asText()).contains("orders.0003_gone depends on 'accounts.0003_never_written'");
        assertThat(missing.get("line").asInt()).isEqualTo(5);
    }

    @Test
    void aSquashStandsForTheMigrationsItReplacesWhichNeverCountTwice() {
        ProjectBuilder p = project();
        migration(p, "accounts", "0001_squashed_0002_email", """
                replaces = [("accounts", "0001_initial"), ("accounts", "0002_email")]
                dependencies = [("auth", "0012_alter_user_first_name_max_length")]
                operations = []
                """);
        migration(p, "accounts", "0003_phone", """
                dependencies = [("accounts", "0002_email")]
                operations = []
                """);
        Cli.Result r = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> ids = new ArrayList<>();
        r.json().get("migrations").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("accounts.0001_squashed_0002_email", "accounts.0003_phone")
                .doesNotContain("accounts.0001_initial", "accounts.0002_email");
        assertThat(texts(migrationOf(r.json(), "accounts.0003_phone").get("parents")))
                .containsExactly("accounts.0001_squashed_0002_email");
        assertThat(texts(r.json().get("graph").get("heads"))).contains("accounts.0003_phone");
        assertThat(Cli.run("graph", dir.toString()).out()).contains("accounts.0001_squashed_0002_email squashes 2 "
                + "migrations, 2 of them still present");
    }

    @Test
    void runBeforeMakesTheNamedMigrationComeAfter() {
        migration(project(), "accounts", "0003_before_orders", """
                dependencies = [("accounts", "0002_email")]
                run_before = [("orders", "0001_initial")]
                operations = []
                """);
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "accounts.0003_before_orders", "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        Cli.Result plan = Cli.run("graph", dir.toString(), "--quiet", "--stamp", "accounts.0002_email");
        assertThat(plan.out().indexOf("accounts.0003_before_orders")).isLessThan(plan.out().indexOf("orders.0001_initial"));
    }

    @Test
    void aModuleWithoutAMigrationClassIsRefusedWithItsFile() {
        project().file("orders/migrations/helpers.py", "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    pass\n")
                .file("orders/migrations/utils.py", "def helper():\n    return 1\n");
        Cli.Result r = Cli.run("graph", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("orders/migrations/utils.py:1").contains("no 'class Migration");
    }

    @Test
    void initFindsTheDjangoProject() {
        project();
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("4 migrations (django");
        // no path: it would hold one app, and an app added later would go unread
        assertThat(dir.resolve("schemaguard.yml")).content().contains("format: django").doesNotContain("\n  path:");
    }
}
