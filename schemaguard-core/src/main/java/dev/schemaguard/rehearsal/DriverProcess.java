package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.Cleanup;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.OwnFolders;
import dev.schemaguard.source.Migration;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived process that runs a project's migrations through the project's own runner (Alembic, Django, Liquibase):
 * one JSON request per line on its stdin, one JSON response per line on its stdout, one migration step per request.
 */
class DriverProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runner;
    private final Process process;
    /** One instance, registered with the process-wide clean-up so it runs in order with the servers' own. */
    private final Runnable killAtExit = this::kill;
    private final Writer requests;
    private final BlockingQueue<Optional<String>> responses = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Duration timeout;
    private final String password;
    /** The version table the runner keeps, as a display name; {@code null} until the driver named it. */
    private volatile String versionTable;
    /** Why the driver no longer runs, once it does not; requests then fail at once. */
    private String stopped;

    /**
     * Starts the driver of {@code runner} ("Alembic", "Django", "Liquibase") with {@code command}.
     *
     * @param url the scratch database, whose password is scrubbed from every message
     */
    DriverProcess(String runner, ProcessBuilder command, DatabaseUrl url, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
        this.password = url.properties().getProperty("password", "");
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting the " + runner + " driver (" + command.command().get(0)
                    + ") failed", e);
        }
        // Registered after the scratch database and server, so at exit the driver ends before they go.
        Cleanup.register(killAtExit);
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("schemaguard-" + runner.toLowerCase() + "-out", () -> readResponses(process.getInputStream()));
        daemon("schemaguard-" + runner.toLowerCase() + "-err", () -> keepTail(process.getErrorStream()));
    }

    /** The version table the driver last named, as a display name; empty until it named one. */
    List<String> versionTables() {
        return versionTable == null ? List.of() : List.of(versionTable);
    }

    /**
     * Runs one step and turns its response into an {@link Execution}.
     *
     * @param what     the step in words, for a timeout's message ("upgrade() of 008")
     * @param existing relations that existed before, by oid, to name the traced locks
     */
    Execution execution(Migration migration, Map<String, Object> request, String what, Map<Long, String> existing) {
        long start = System.nanoTime();
        JsonNode response = request(request, what);
        long nanos = response.has("nanos") ? response.get("nanos").asLong() : System.nanoTime() - start;
        if (!response.path("ok").asBoolean()) {
            String file = response.hasNonNull("file") ? response.get("file").asText() : migration.displayFile();
            return new Execution(new Execution.Failure(file, response.path("line").asInt(),
                    response.path("sqlstate").asText(""), message(response)), List.of(), nanos);
        }
        List<Execution.Lock> locks = new ArrayList<>();
        for (JsonNode lock : response.path("locks")) {
            locks.add(new Execution.Lock(existing.get(lock.get("oid").asLong()), lock.get("file").asText(),
                    lock.get("line").asInt(), lock.get("statement").asText(), lock.get("held_until_line").asInt()));
        }
        return new Execution(null, locks, nanos);
    }

    /** Sends one request and waits for its response; a dead or hung driver answers with a failure. */
    JsonNode request(Map<String, Object> request, String what) {
        if (stopped != null) {
            return failure("not run: " + stopped);
        }
        try {
            send(request);
            Optional<String> line = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                stopped = what + " did not finish within " + human(timeout) + " (a lock wait, or a long data "
                        + "migration?); SchemaGuard stopped the " + runner + " driver";
                kill();
            } else if (line.isEmpty()) {
                stopped = "the " + runner + " driver ended unexpectedly" + exitCode() + lastError();
            } else {
                JsonNode response = JSON.readTree(line.get());
                if (response.hasNonNull("version_table")) {
                    String schema = response.path("version_table_schema").asText("");
                    versionTable = Catalog.displayName(schema.isEmpty() ? "public" : schema,
                            response.get("version_table").asText());
                }
                return response;
            }
        } catch (IOException e) {
            stopped = "the " + runner + " driver cannot be reached (" + e.getMessage() + ")" + lastError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted while waiting for the " + runner + " driver";
            kill();
        }
        return failure(stopped);
    }

    /**
     * Records {@code revisions} as applied in the runner's version table, without running them.
     *
     * @param what the request in words, for its failure ("stamping the rehearsal database ...")
     * @throws InputException when the runner refuses (a revision it does not know, the project's code failing)
     */
    void stamp(List<String> revisions, String what) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "stamp");
        request.put("revs", revisions);
        JsonNode response = request(request, what);
        if (!response.path("ok").asBoolean()) {
            throw new InputException(what + " (" + String.join(", ", revisions) + ") failed: " + message(response));
        }
    }

    /** The response's message, with the database password and URL scrubbed. */
    String message(JsonNode response) {
        return redact(response.path("message").asText(""));
    }

    /** Asks the driver to quit, then ends it for sure. */
    @Override
    public void close() {
        if (stopped == null) {
            try {
                send(Map.of("op", "quit"));
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // The driver is gone already; the clean-up below is all that is left to do.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = "the " + runner + " driver was closed";
        }
        Cleanup.run(killAtExit);
    }

    private void kill() {
        process.destroyForcibly();
    }

    private static JsonNode failure(String message) {
        return JSON.createObjectNode().put("ok", false).put("sqlstate", "").put("message", message);
    }

    private void send(Map<String, Object> request) throws IOException {
        requests.write(JSON.writeValueAsString(request));
        requests.write('\n');
        requests.flush();
    }

    private static String human(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
                ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The driver's last words on stderr (a traceback's last line names the error). */
    private String lastError() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : ": " + redact(stderrTail.peekLast());
        }
    }

    private String redact(String text) {
        String redacted = DatabaseUrl.redact(text);
        return password.isEmpty() ? redacted : redacted.replace(password, "***");
    }

    private void readResponses(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                responses.add(Optional.of(line));
            }
        } catch (IOException e) {
            // The process ended; the end marker below tells the waiting request.
        }
        responses.add(Optional.empty());
    }

    private void keepTail(InputStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                synchronized (stderrTail) {
                    if (stderrTail.size() == 20) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line.strip());
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is kept.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
