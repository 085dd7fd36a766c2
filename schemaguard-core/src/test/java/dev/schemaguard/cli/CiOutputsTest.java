package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.CliProcess;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outputs that land where teams read them, run as a CI job runs them: SARIF and annotations with paths from the
 * repository root, GitLab's Code Quality report, the pull-request summary, colours on a terminal, rules turned on and
 * off from the command line, standard input, shell completion.
 */
class CiOutputsTest {

    @TempDir
    Path dir;

    /** A repository whose migrations live in a subfolder, checked from the repository root as CI does. */
    private Path projectInSubfolder() {
        new ProjectBuilder(dir)
                .file("services/league/db/migrations/0001_create_players.sql",
                        "CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint);\n")
                .file("services/league/db/migrations/0002_drop_team.sql",
                        "SET lock_timeout = '5s';\nALTER TABLE players DROP COLUMN team_id;\n");
        GitRepository.init(dir).commitAll("a project in a subfolder");
        return dir.resolve("services/league");
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void sarifPathsStartAtTheRepositoryRootOrWhereSarifRootSays() {
        Path project = projectInSubfolder();
        Cli.Result r = Cli.run("check", project.toString(), "--static", "--format", "sarif", "--fail-on", "never");
        JsonNode result = null;
        for (JsonNode candidate : Schemas.assertSarif(r.out()).get("runs").get(0).get("results")) {
            result = candidate.get("ruleId").asText().equals("drop-column") ? candidate : result;
        }
        assertThat(result).isNotNull();
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText())
                .isEqualTo("services/league/db/migrations/0002_drop_team.sql");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(2);

        Cli.Result rooted = Cli.run("check", project.toString(), "--static", "--format", "sarif", "--fail-on", "never",
                "--sarif-root", project.toString());
        assertThat(Schemas.assertSarif(rooted.out()).get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("db/migrations/0001_create_players.sql");

        Cli.Result missing = Cli.run("check", project.toString(), "--static", "--format", "sarif", "--sarif-root",
                dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--sarif-root: not a directory");
    }

    @Test
    void aFileLintedByItsAbsolutePathOutsideTheRepositoryIsAFileUri() throws IOException {
        Path outside = Files.createTempDirectory("schemaguard-outside-");
        try {
            Path file = new ProjectBuilder(outside).file("0001_types.sql", "CREATE TYPE mood AS ENUM ('a');\n")
                    .root().resolve("0001_types.sql");
            Cli.Result r = Cli.run("lint", file.toString(), "--format", "sarif", "--fail-on", "never");
            String uri = Schemas.assertSarif(r.out()).get("runs").get(0).get("results").get(0).get("locations")
                    .get(0).get("physicalLocation").get("artifactLocation").get("uri").asText();
            assertThat(uri).isEqualTo(file.toUri().toString());
        } finally {
            try (var files = Files.walk(outside)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void githubAnnotationsPointAtFilesFromTheRepositoryRoot() {
        Path project = projectInSubfolder();
        Cli.Result r = Cli.run("check", project.toString(), "--static", "--format", "github");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().toList()).anyMatch(line -> line.startsWith(
                "::warning file=services/league/db/migrations/0002_drop_team.sql,line=2,title=schemaguard drop-column::"))
                .last().asString().startsWith("0 errors, 1 warning, ");
        assertThat(r.out()).contains("%0AFix: ").doesNotContain("\n\n");

        // Under GitHub Actions the text report is followed by the annotations, without asking.
        Cli.Result actions = Cli.run(env("GITHUB_ACTIONS", "true"), "check", project.toString(), "--static");
        String text = actions.out();
        assertThat(text).contains("passed (nothing at or above error)\n::notice file=services/league/")
                .contains("\n::warning file=services/league/db/migrations/0002_drop_team.sql,line=2,");
        // ...but never into a report a program reads from standard output.
        Cli.Result json = Cli.run(env("GITHUB_ACTIONS", "true"), "check", project.toString(), "--static", "--format",
                "json");
        assertThat(json.json().get("findings")).isNotEmpty();
        Path sarif = dir.resolve("out/schemaguard.sarif");
        Cli.Result toFile = Cli.run(env("GITHUB_ACTIONS", "true"), "check", project.toString(), "--static", "--format",
                "sarif", "--output", sarif.toString());
        assertThat(toFile.out()).startsWith("::notice file=services/league/db/migrations/0001_create_players.sql,line=1")
                .contains("\n::warning file=services/league/db/migrations/0002_drop_team.sql,line=2,");
        assertThat(sarif).exists();
    }

    @Test
    void gitlabCodeQualityIsValidAndRelativeToTheRepository() {
        Path project = projectInSubfolder();
        Cli.Result r = Cli.run("check", project.toString(), "--static", "--format", "gitlab", "--fail-on", "never");
        JsonNode issues = Schemas.assertGitlabCodeQuality(r.out());
        assertThat(issues).isNotEmpty();
        JsonNode drop = null;
        for (JsonNode issue : issues) {
            if (issue.get("check_name").asText().equals("drop-column")) {
                drop = issue;
            }
        }
        assertThat(drop).isNotNull();
        assertThat(drop.get("severity").asText()).isEqualTo("major");
        assertThat(drop.get("location").get("path").asText()).isEqualTo("services/league/db/migrations/0002_drop_team.sql");
        assertThat(drop.get("location").get("lines").get("begin").asInt()).isEqualTo(2);
        assertThat(r.out()).doesNotStartWith("\uFEFF");
    }

    @Test
    void theMarkdownSummaryLinksFindingsAndDrawsAFork() {
        new ProjectBuilder(dir).alembic("001", "None").alembic("002", "'001'").alembic("003", "'001'");
        GitRepository.init(dir).commitAll("two heads");
        Cli.Result r = Cli.run(env("GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/league",
                "GITHUB_SHA", "abc123"), "check", dir.toString(), "--static", "--format", "markdown");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("## SchemaGuard check: ❌ FAILED (findings at or above error)\n")
                .contains("| 🔴 error | [`multiple-heads`](https://github.com/schemaguard/schemaguard/blob/main/schemaguard-core/src/main/"
                        + "resources/dev/schemaguard/rules/multiple-heads.md) | [alembic/versions/003_step.py:10]("
                        + "https://github.com/acme/league/blob/abc123/alembic/versions/003_step.py#L10) | 003 |")
                .contains("```mermaid\nflowchart TB\n")
                .contains("<details><summary>Full report (");
        assertThat(r.out().indexOf("<details>")).isGreaterThan(r.out().indexOf("```mermaid"));
    }

    @Test
    void theMarkdownSummaryFitsAGithubCommentWhateverTheHistory() {
        ProjectBuilder project = new ProjectBuilder(dir);
        for (int i = 1; i <= 400; i++) {
            project.file(String.format("db/migrations/%04d_table_%d.sql", i, i),
                    "CREATE TABLE t" + i + " (id int);\nCREATE INDEX t" + i + "_id ON t" + i + " (id);\n"
                            + "CREATE TYPE mood" + i + " AS ENUM ('a');\n");
        }
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "markdown", "--fail-on", "info");
        assertThat(r.out().length()).isLessThanOrEqualTo(65_536);
        assertThat(r.out()).contains("more in the full report below").contains("more findings do not fit in a comment")
                .endsWith("</details>\n");
    }

    @Test
    void lintReadsStandardInputUnderTheNameGiven() {
        Cli.Result r = Cli.runWithInput("CREATE TYPE mood AS ENUM ('a');\nCREATE TYPE mood AS ENUM ('a');\n", "lint",
                "-", "--stdin-filename", "db/migrations/0042_moods.sql", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.json().get("findings").toString()).contains("\"file\":\"db/migrations/0042_moods.sql\"")
                .contains("unguarded-create-type");
        Cli.Result unnamed = Cli.runWithInput("SELECT 1;\n", "lint", "-");
        assertThat(unnamed.exitCode()).as(unnamed.err()).isZero();
        assertThat(unnamed.out()).startsWith("1 migration (sql, .)");
        Cli.Result nameWithoutStdin = Cli.run("lint", dir.toString(), "--stdin-filename", "a.sql");
        assertThat(nameWithoutStdin.exitCode()).isEqualTo(2);
        assertThat(nameWithoutStdin.err()).contains("--stdin-filename names the file read from standard input");
    }

    @Test
    void rulesAreTurnedOffAndBackOnFromTheCommandLine() {
        new ProjectBuilder(dir).file("db/migrations/0001_moods.sql", "CREATE TYPE mood AS ENUM ('a');\n"
                        + "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE moods (id int);\n")
                .file("schemaguard.yml", "rules:\n  non-idempotent-ddl: off\n");
        List<String> all = rules(Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never"));
        assertThat(all).contains("unguarded-create-type").doesNotContain("non-idempotent-ddl");
        assertThat(rules(Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never", "--disable",
                "unguarded-create-type"))).doesNotContain("unguarded-create-type");
        assertThat(rules(Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never", "--enable",
                "non-idempotent-ddl"))).contains("non-idempotent-ddl");
        Cli.Result unknown = Cli.run("lint", dir.toString(), "--disable", "no-such-rule");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--disable: no rule is called 'no-such-rule'");
    }

    private static List<String> rules(Cli.Result r) {
        List<String> rules = new java.util.ArrayList<>();
        r.json().get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        return rules;
    }

    @Test
    void colourOnATerminalUnlessNoColorAndNeverInAFile() {
        new ProjectBuilder(dir).file("db/migrations/0001_moods.sql", "CREATE TYPE mood AS ENUM ('a');\n"
                + "CREATE TYPE mood AS ENUM ('a');\n");
        Cli.Result always = Cli.run("lint", dir.toString(), "--color", "always");
        assertThat(always.out()).contains("\033[").contains("\033]8;;https://github.com/schemaguard/schemaguard/blob/"
                + "main/schemaguard-core/src/main/resources/dev/schemaguard/rules/unguarded-create-type.md\033\\");
        assertThat(Cli.run("lint", dir.toString()).out()).doesNotContain("\033");

        // On a real terminal (script gives the process one), colours by default, none with NO_COLOR.
        Path launcher = CliProcess.launcher(dir.resolve("bin"));
        String command = launcher + " lint " + dir;
        CliProcess.Result terminal = CliProcess.run(dir, Map.of(), List.of("script", "-qec", command, "/dev/null"));
        assertThat(terminal.output()).contains("\033[");
        CliProcess.Result noColor = CliProcess.run(dir, Map.of("NO_COLOR", "1"),
                List.of("script", "-qec", command, "/dev/null"));
        assertThat(noColor.output()).contains("unguarded-create-type").doesNotContain("\033[");
    }

    @Test
    void shellCompletionIsGenerated() {
        Cli.Result r = Cli.run("generate-completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F _complete_schemaguard").contains("--since")
                .contains("--baseline-findings");
    }
}
