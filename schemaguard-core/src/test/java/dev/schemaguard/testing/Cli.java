package dev.schemaguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process, as a user would run it, and captures what it prints. */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** The outcome of one run. */
    public record Result(int exitCode, String out, String err) {

        /** The findings of one rule in the JSON report on standard output. */
        public java.util.List<JsonNode> findings(String rule) {
            java.util.List<JsonNode> found = new java.util.ArrayList<>();
            json().get("findings").forEach(f -> {
                if (f.get("rule").asText().equals(rule)) {
                    found.add(f);
                }
            });
            return found;
        }

        /** Standard output parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (exit " + exitCode + ", stderr: " + err + "):\n" + out, e);
            }
        }
    }

    public static Result run(String... args) {
        return run("", System.getenv(), args);
    }

    /** Runs with these environment variables instead of the process's (GITHUB_ACTIONS, a CI's addresses). */
    public static Result run(Map<String, String> env, String... args) {
        return run("", env, args);
    }

    /** Runs with {@code stdin} as standard input ({@code lint -}). */
    public static Result runWithInput(String stdin, String... args) {
        return run(stdin, System.getenv(), args);
    }

    private static Result run(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
