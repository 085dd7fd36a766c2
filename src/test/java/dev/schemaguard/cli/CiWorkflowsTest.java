package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.testing.CliProcess;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ReviewedBranch;
import dev.schemaguard.testing.Schemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's GitHub Actions workflow and GitLab CI job, run as their CI runs them: each command of their steps
 * in bash, in a clone of a repository made here, with the variables the CI sets and {@code schemaguard} on the PATH
 * (the step that installs it from the network is the one not run). The repository has an old history with findings
 * of its own on main and, on the branch under review, one new migration that creates again a type an old one
 * created: only the new migration is reported, and what it is reported for shows that the old ones built the
 * schema it was judged against.
 */
class CiWorkflowsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NEW_FILE = ReviewedBranch.NEW_FILE;

    @TempDir
    Path dir;

    private Path work;
    private Path bin;

    @BeforeEach
    void reviewedBranch() {
        GitRepository clone = ReviewedBranch.cloneIn(dir);
        work = clone.root();
        bin = dir.resolve("bin");
        CliProcess.launcher(bin);
    }

    /** The YAML block under a heading of the README. */
    private static JsonNode readmeBlock(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("\n" + heading + "\n");
        assertThat(at).as("README.md has a section %s", heading).isNotNegative();
        int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
        return YAML.readTree(readme.substring(start, readme.indexOf("```", start)));
    }

    private Map<String, String> environment(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("CI", "true");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** A step's commands as the CI runs them: bash, stopping at the first command that fails. */
    private CliProcess.Result bash(String script, Map<String, String> env) {
        return CliProcess.run(work, env, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script));
    }

    @Test
    void theGithubWorkflowReportsOnlyTheNewMigrationAnnotatedUploadedAndSummarised() throws IOException {
        JsonNode workflow = readmeBlock("#### GitHub Actions");
        assertThat(workflow.get("permissions").get("security-events").asText()).isEqualTo("write");
        JsonNode steps = workflow.get("jobs").get("schemaguard").get("steps");
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "");
        Map<String, String> env = environment("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", work.toString(),
                "GITHUB_STEP_SUMMARY", summary.toString(), "RUNNER_TEMP", dir.resolve("runner").toString(),
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/league", "GITHUB_SHA", "f00d");
        boolean failed = false;
        boolean checkoutWithHistory = false;
        String sarifUploaded = null;
        List<String> outputs = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        for (JsonNode step : steps) {
            String uses = step.path("uses").asText();
            if (uses.startsWith("actions/checkout@")) {
                checkoutWithHistory = step.path("with").path("fetch-depth").asInt(-1) == 0;
            } else if (uses.startsWith("github/codeql-action/upload-sarif@")) {
                assertThat(step.path("if").asText()).isEqualTo("always()");
                sarifUploaded = step.path("with").path("sarif_file").asText();
            }
            if (!step.has("run") || step.path("name").asText().equals("Install SchemaGuard")) {
                continue;
            }
            if (failed && !step.path("if").asText().equals("always()")) {
                continue;
            }
            CliProcess.Result result = bash(step.get("run").asText(), env);
            outputs.add(result.output());
            exits.add(result.exitCode());
            failed |= result.exitCode() != 0;
        }
        assertThat(checkoutWithHistory).as("the checkout fetches the history --since needs").isTrue();
        assertThat(exits).as("the check fails the job on the new error; the summary still runs: %s", outputs)
                .containsExactly(1, 0);

        // Annotations on the new migration only.
        List<String> annotations = outputs.get(0).lines().filter(line -> line.startsWith("::")).toList();
        assertThat(annotations).isNotEmpty().allMatch(line -> line.contains("file=" + NEW_FILE + ","));
        assertThat(annotations).anyMatch(line -> line.startsWith("::error file=" + NEW_FILE
                + ",line=1,title=schemaguard unguarded-create-type::"));

        // The SARIF the upload step uploads: valid, and about the new migration alone.
        assertThat(sarifUploaded).isEqualTo("schemaguard.sarif");
        JsonNode sarif = Schemas.assertSarif(Files.readString(work.resolve(sarifUploaded)));
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results).isNotEmpty();
        for (JsonNode result : results) {
            assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri")
                    .asText()).isEqualTo(NEW_FILE);
        }
        assertThat(results.toString()).contains("migration 0001 already created it");

        String markdown = Files.readString(summary);
        assertThat(markdown).startsWith("## SchemaGuard check: ❌ FAILED (findings at or above error)")
                .contains("judged 1 of 3 migrations, those added or changed since origin/main")
                .contains("https://github.com/acme/league/blob/f00d/" + NEW_FILE + "#L1")
                .doesNotContain("0002_index_orders.sql:");
    }

    @Test
    void theGitlabJobWritesACodeQualityReportOfTheNewMigrationAndFailsTheGate() throws IOException {
        JsonNode job = readmeBlock("#### GitLab CI").get("schemaguard");
        assertThat(job.get("variables").get("GIT_DEPTH").asInt()).as("the job fetches the history").isZero();
        Map<String, String> env = environment("GITLAB_CI", "true", "CI_PIPELINE_SOURCE", "merge_request_event",
                "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main", "CI_PROJECT_DIR", work.toString());
        List<Integer> exits = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (JsonNode command : job.get("script")) {
            CliProcess.Result result = bash(command.asText(), env);
            exits.add(result.exitCode());
            outputs.add(result.output());
            if (result.exitCode() != 0) {
                break;
            }
        }
        assertThat(exits).as("%s", outputs).containsExactly(0, 0, 1);
        assertThat(outputs.get(2)).contains("judged 1 of 3 migrations").contains(NEW_FILE + ":1")
                .contains("FAILED (findings at or above error)");

        String report = job.get("artifacts").get("reports").get("codequality").asText();
        assertThat(job.get("artifacts").get("when").asText()).isEqualTo("always");
        JsonNode issues = Schemas.assertGitlabCodeQuality(Files.readString(work.resolve(report)));
        assertThat(issues).isNotEmpty();
        for (JsonNode issue : issues) {
            assertThat(issue.get("location").get("path").asText()).isEqualTo(NEW_FILE);
        }
        assertThat(issues.toString()).contains("\"check_name\":\"unguarded-create-type\",")
                .contains("\"severity\":\"critical\"");
    }
}
