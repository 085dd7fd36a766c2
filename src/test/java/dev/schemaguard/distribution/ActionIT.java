package dev.schemaguard.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.report.Version;
import dev.schemaguard.testing.CliProcess;
import dev.schemaguard.testing.Distribution;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ReviewedBranch;
import dev.schemaguard.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composite action (action.yml) as a runner runs it: each shell step in bash with its env, the expressions of
 * its inputs filled in, GITHUB_PATH carried from one step to the next, on a machine without Java, in a clone of a
 * repository whose branch adds one bad migration to an old history. The install step installs the distribution the
 * build made (the input distribution; by default the release's, from the network); the upload step is GitHub's own
 * action, and what is checked of it is what it is given.
 */
class ActionIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NEW_FILE = ReviewedBranch.NEW_FILE;
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*inputs\\.([a-z-]+)\\s*}}");

    @TempDir
    Path dir;

    @Test
    void theActionInstallsTheDistributionAnnotatesTheNewMigrationFailsAndUploadsItsSarif() throws IOException {
        GitRepository clone = ReviewedBranch.cloneIn(dir);

        JsonNode action = YAML.readTree(Path.of("action.yml").toFile());
        assertThat(action.get("runs").get("using").asText()).isEqualTo("composite");
        Map<String, String> inputs = new HashMap<>();
        action.get("inputs").fields().forEachRemaining(input ->
                inputs.put(input.getKey(), input.getValue().path("default").asText()));
        assertThat(inputs.get("version")).as("the action installs the release of its own version")
                .isEqualTo(Version.get());
        inputs.put("since", "origin/main");
        inputs.put("static", "true");
        inputs.put("distribution", Distribution.tarball().toString());

        Path bin = dir.resolve("path");
        Distribution.linkProgramsButJava(bin);
        Path githubPath = Files.writeString(dir.resolve("github-path"), "");
        Map<String, String> runner = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "CI", "true",
                "GITHUB_WORKSPACE", clone.root().toString(), "GITHUB_PATH", githubPath.toString(),
                "RUNNER_TEMP", Files.createDirectories(dir.resolve("runner-temp")).toString()));

        List<Integer> exits = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        JsonNode upload = null;
        for (JsonNode step : action.get("runs").get("steps")) {
            if (step.has("uses")) {
                upload = step;
                continue;
            }
            assertThat(step.get("shell").asText()).isEqualTo("bash");
            Map<String, String> env = new HashMap<>(runner);
            step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), fill(e.getValue().asText(), inputs)));
            // The runner puts what earlier steps added to GITHUB_PATH before the PATH.
            List<String> path = new ArrayList<>(Files.readAllLines(githubPath));
            java.util.Collections.reverse(path);
            path.add(bin.toString());
            env.put("PATH", String.join(":", path));
            CliProcess.Result result = CliProcess.run(clone.root(), env,
                    List.of("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step.get("run").asText()));
            exits.add(result.exitCode());
            outputs.add(result.output());
        }
        assertThat(exits).as("installed, then the gate fails on the new error: %s", outputs).containsExactly(0, 1);
        assertThat(outputs.get(0)).contains("schemaguard " + Version.get());
        assertThat(outputs.get(1)).contains("::error file=" + NEW_FILE + ",line=1,title=schemaguard unguarded-create-type::");
        assertThat(outputs.get(1).lines().filter(line -> line.startsWith("::")))
                .allMatch(line -> line.contains("file=" + NEW_FILE + ","));

        JsonNode sarif = Schemas.assertSarif(Files.readString(clone.root().resolve(inputs.get("output"))));
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results).isNotEmpty();
        results.forEach(result -> assertThat(result.get("locations").get(0).get("physicalLocation")
                .get("artifactLocation").get("uri").asText()).isEqualTo(NEW_FILE));

        assertThat(upload).isNotNull();
        assertThat(upload.get("uses").asText()).startsWith("github/codeql-action/upload-sarif@");
        assertThat(upload.get("if").asText()).contains("always()");
        assertThat(fill(upload.get("with").get("sarif_file").asText(), inputs)).isEqualTo("schemaguard.sarif");
    }

    /** The step's text with each ${{ inputs.NAME }} replaced by the input's value. */
    private static String fill(String text, Map<String, String> inputs) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            assertThat(inputs).as("action.yml declares the input %s", m.group(1)).containsKey(m.group(1));
            m.appendReplacement(filled, Matcher.quoteReplacement(inputs.get(m.group(1))));
        }
        return m.appendTail(filled).toString();
    }
}
