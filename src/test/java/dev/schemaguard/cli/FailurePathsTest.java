package dev.schemaguard.cli;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit-code and no-secret promises on the paths a review found broken: arguments picocli cannot use are echoed
 * without their passwords, input nested or truncated beyond what the readers follow is a message, and a Java Error
 * (running out of memory) ends as one line and exit 3, never a raw trace.
 */
class FailurePathsTest {

    @TempDir
    Path dir;

    private Path project() {
        return new ProjectBuilder(dir).file("migrations/0001_t.sql", "CREATE TABLE t (id int);\n").root();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "graph|{p}|--db-url=postgresql://u:Secret@host/db",
            "lint|{p}|--db-url=postgresql://u:Secret@host/db",
            "explain|--db-url=postgresql://u:Secret@host/db",
            "consumers|{p}|--db-url=postgresql://u:Secret@host/db",
            "check|{p}|--db-ur=postgresql://u:Secret@host/db",
            "graph|{p}|postgresql://u:Secret@host/db",
            "graph|{p}|--db-url|postgresql://u:Secret@host/db",
    })
    void argumentsPicocliCannotUseAreEchoedWithoutTheirPassword(String line) {
        String[] args = line.replace("{p}", project().toString()).split("\\|");
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("postgresql://u:***@host/db");
        assertThat(r.err() + r.out()).doesNotContain("Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:pa/Secret@host/db", "postgresql://u:Wrong@Secret@host/db"})
    void passwordsHoldingSlashesOrAtSignsAreMaskedWhole(String url) {
        Cli.Result unknownOption = Cli.run("graph", project().toString(), "--db-url=" + url);
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("postgresql://u:***@host/db").doesNotContain("Secret");
        Cli.Result unreachable = Cli.run("rehearse", project().toString(), "--db-url", url.replace("host", "127.0.0.1:1"));
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err() + unreachable.out()).doesNotContain("Secret");
    }

    @Test
    void aConsumerQueryNestedThousandsDeepIsReportedUnanalysedNotAStackOverflow() {
        String parens = "(".repeat(5000) + "id = 1" + ")".repeat(5000);
        String subqueries = "SELECT 1";
        for (int i = 0; i < 1000; i++) {
            subqueries = "SELECT id FROM t WHERE id IN (" + subqueries + ")";
        }
        new ProjectBuilder(dir)
                .file("migrations/0001_t.sql", "CREATE TABLE t (id int);\n")
                .file("schemaguard.yml", "consumers:\n  - name: svc\n    path: svc\n")
                .file("svc/parens.ts", "db.query(`SELECT id FROM t WHERE " + parens + "`);\n")
                .file("svc/subqueries.ts", "db.query(`" + subqueries + "`);\n");
        Cli.Result r = Cli.run("consumers", dir.toString());
        // Not a crash: the scan goes on, and a consumer none of whose queries could be analysed fails the gate.
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("consumer-coverage");
        assertThat(r.err())
                .contains("parens.ts:1: cannot analyse the statement: it nests expressions or subqueries more than")
                .contains("subqueries.ts:1: cannot analyse the statement: it nests expressions or subqueries more than");
    }

    /**
     * A revision Python cannot compile stops Alembic from loading any: a syntax-error finding at its line, from lint
     * and from check --static alike, never an input error that hides the rest of the report or a silent pass.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "8|    op.add_column(\"players\", sa.Column(\"is_public\"|'(' was never closed",
            "6|def upgrade(:\n    op.add_column(\"players\", sa.Column(\"is_public\", sa.Boolean()))\n|'(' was never closed",
            "7|def upgrade():\n    if True\n        op.drop_table(\"players\")\n|expected ':'",
    })
    void anAlembicRevisionPythonCannotCompileIsASyntaxErrorAtItsLine(String example) {
        String[] parts = example.split("\\|");
        String body = parts[1].replace("\\n", "\n");
        new ProjectBuilder(dir)
                .file("alembic.ini", "[alembic]\nscript_location = alembic\n")
                .file("alembic/versions/a_x.py", """
                        revision = "a"
                        down_revision = None
                        from alembic import op
                        import sqlalchemy as sa

                        """ + (body.startsWith("def ") ? body : "def upgrade():\n"
                        + "    op.create_table(\"players\", sa.Column(\"id\", sa.Integer))\n" + body));
        for (String command : List.of("lint", "check")) {
            Cli.Result r = command.equals("lint") ? Cli.run("lint", dir.toString(), "--format", "json")
                    : Cli.run("check", dir.toString(), "--static", "--format", "json");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.findings("syntax-error")).singleElement().satisfies(f -> {
                assertThat(f.get("severity").asText()).isEqualTo("error");
                assertThat(f.get("line").asInt()).isEqualTo(Integer.parseInt(parts[0]));
                assertThat(f.get("message").asText()).contains(parts[2]).contains("Alembic cannot load");
            });
            assertThat(r.err()).doesNotContain("Exception");
        }
    }

    /** A child JVM with a small heap lints a file larger than the heap: one line, exit 3, no trace. */
    @Test
    void runningOutOfMemoryIsOneLineAndExitThree() throws IOException, InterruptedException {
        Path file = dir.resolve("migrations/0001_big.sql");
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("CREATE TABLE t (id int, v text);\n");
            for (int i = 0; i < 400_000; i++) {
                w.write("INSERT INTO t VALUES (" + i + ", 'a value of some length');\n");
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "lint", dir.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(3);
        assertThat(output.strip()).startsWith("schemaguard: internal error: out of memory").doesNotContain("\tat ")
                .contains("JAVA_TOOL_OPTIONS=-Xmx");
        assertThat(output.strip().lines()).hasSize(1);
    }
}
