package dev.schemaguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's headless Chromium, driven over the DevTools protocol from the JDK's own WebSocket client: opens a page,
 * records what a person's browser would show as errors (uncaught exceptions, console errors, resources that failed
 * or were refused), evaluates script in the page, and takes screenshots. The browser sees only the file it is given:
 * no network, no first-run pages, a fresh profile every time.
 *
 * <p>Where Chromium is not installed, a developer's run skips the tests that need it, saying why; in CI
 * ({@code CI=true}), whose script installs it, its absence fails them.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Debian's package puts it here. */
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium, or skips the test (fails it in CI) when it is not installed. */
    public static HeadlessChromium start() throws IOException, InterruptedException {
        if (!Files.isExecutable(EXECUTABLE)) {
            String why = EXECUTABLE + " is not installed (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ": CI installs it (.ci/run), so the browser tests must run there");
            }
            abort(why + ": the browser tests are skipped on this machine; CI runs them");
        }
        Path profile = Files.createTempDirectory("schemaguard-chromium-");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,900", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = port(profile, process);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asText().equals("page")) {
                    page = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium opened no page: " + targets);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].receive(message.toString());
                        message.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, profile, socket);
            for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
                self[0].send(domain + ".enable", JSON.createObjectNode());
            }
            return self[0];
        } catch (ExecutionException | TimeoutException | RuntimeException | AssertionError e) {
            process.destroyForcibly().waitFor();
            delete(profile);
            throw e instanceof AssertionError a ? a : new AssertionError("cannot drive Chromium: " + e, e);
        }
    }

    /** The port Chromium's DevTools listen on, from the file it writes in its profile. */
    private static int port(Path profile, Process process) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).strip());
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("Chromium ended at start:\n"
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Chromium did not open its DevTools port in " + TIMEOUT.toSeconds() + " s");
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> errors.add("uncaught: "
                    + params.path("exceptionDetails").path("exception").path("description").asText(
                    params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    errors.add("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + params.path("entry").path("text").asText());
                }
            }
            case "Network.loadingFailed" -> errors.add("failed to load: " + params.path("errorText").asText()
                    + (params.path("blockedReason").isMissingNode() ? "" : " (" + params.path("blockedReason").asText()
                    + ")"));
            case "Page.loadEventFired" -> loaded.complete(null);
            default -> {
            }
        }
    }

    /** Sends a DevTools command and waits for its answer; an error answer fails the test. */
    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        try {
            socket.sendText(command.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode result = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.has("error")) {
                throw new AssertionError(method + " failed: " + result.get("error"));
            }
            return result.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + ": no answer from Chromium", e);
        }
    }

    /** Opens a file and waits until it has loaded (its load event). */
    public void open(Path file) {
        loaded = new CompletableFuture<>();
        send("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
        try {
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(file + " did not load in " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** The value of a script expression in the page. */
    public JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError(expression + " threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** What went wrong in the page so far: uncaught exceptions, console errors, loads that failed or were refused. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** A PNG of the whole page, not only the window. */
    public void screenshot(Path file) throws IOException {
        JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip").put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
                .put("height", Math.min(size.path("height").asDouble(), 16_000)).put("scale", 1);
        JsonNode shot = send("Page.captureScreenshot", params);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Chromium's helpers (renderer, GPU, crash handler) write to the profile too, and may outlive the browser.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                helper.destroyForcibly();
            }
        }
        delete(profile);
    }

    /** Removes the profile; a file a helper wrote while the walk ran makes it walk once more. */
    private static void delete(Path dir) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            } catch (IOException e) {
                if (attempt == 5) {
                    throw new UncheckedIOException("cannot remove Chromium's profile " + dir, e);
                }
                Thread.sleep(200);
            }
        }
    }
}
