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
 * A {@link DriverProcess} in Python that runs a project's migrations through the project's own Alembic or Django.
 * The script is {@code driver_common.py} followed by the runner's driver, in one file.
 */
final class PythonDriver extends DriverProcess {

    private static final String COMMON = "driver_common.py";

    /** Starts the driver of {@code runner} ("Alembic", "Django") from the resource {@code script}. */
    PythonDriver(String runner, String script, Path projectDir, String python, DatabaseUrl url, Duration timeout) {
        super(runner, command(runner, script, projectDir, python), url, timeout);
    }

    private static ProcessBuilder command(String runner, String script, Path projectDir, String python) {
        ProcessBuilder builder = new ProcessBuilder(python, driverFile(runner, script).toString())
                .directory(projectDir.toFile());
        // No bytecode caches in the project's migrations folder; the protocol must not wait in a buffer.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        return builder;
    }

    /**
     * What a runner's driver needs of a Python.
     *
     * @param runner  the runner's name ("Alembic")
     * @param setting the schemaguard.yml key that names the interpreter ("alembic.python")
     * @param modules the modules it must import
     * @param install how to install them, system-wide or with pip
     * @param pip     how to install them for one interpreter
     */
    record Needs(String runner, String setting, List<String> modules, String install, String pip) {
    }

    /**
     * Whether a runner's migrations can be rehearsed with this project's settings.
     *
     * @param python  the interpreter that can import what the runner needs, or {@code null}
     * @param problem why none can, in one sentence the user can act on; {@code null} when {@code python} is set
     */
    public record Availability(String python, String problem) {

        public boolean available() {
            return problem == null;
        }
    }

    /**
     * Finds a Python that has what the runner needs: {@code configured} when set (and only it; a relative path is
     * the project's), otherwise the first of {@link #candidates} that has it.
     */
    static Availability find(Path projectDir, String configured, Needs needs) {
        if (configured != null) {
            // A path is the project's (.venv/bin/python); the process starts in the project directory, so it is
            // made absolute here rather than resolved twice.
            String python = configured.contains("/") && !Path.of(configured).isAbsolute()
                    ? projectDir.toAbsolutePath().resolve(configured).normalize().toString() : configured;
            Optional<List<String>> missing = missing(projectDir, python, needs.modules());
            if (missing.isEmpty()) {
                return new Availability(null, needs.setting() + " '" + configured + "' in schemaguard.yml cannot be "
                        + "run; set it to the Python interpreter that has the project's " + needs.runner());
            }
            if (!missing.get().isEmpty()) {
                return new Availability(null, needs.setting() + " '" + configured + "' lacks "
                        + String.join(", ", missing.get()) + "; install them for it (" + needs.pip() + ") to rehearse "
                        + needs.runner() + " migrations");
            }
            return new Availability(python, null);
        }
        List<String> candidates = candidates(projectDir);
        List<String> lacking = new ArrayList<>();
        for (String python : candidates) {
            Optional<List<String>> missing = missing(projectDir, python, needs.modules());
            if (missing.isPresent() && missing.get().isEmpty()) {
                return new Availability(python, null);
            }
            missing.ifPresent(names -> lacking.add(python + " lacks " + String.join(", ", names)));
        }
        if (lacking.isEmpty()) {
            return new Availability(null, "No Python found (" + String.join(", ", candidates) + "); install "
                    + "Python 3 with " + needs.runner() + " (" + needs.install() + ") to rehearse " + needs.runner()
                    + " migrations");
        }
        return new Availability(null, needs.runner() + " is not installed for any Python found ("
                + String.join("; ", lacking) + "); install it (" + needs.install() + ") to rehearse "
                + needs.runner() + " migrations");
    }

    /**
     * The modules {@code python} cannot import, with the project directory kept off its module path; empty when
     * the interpreter cannot be run.
     */
    private static Optional<List<String>> missing(Path projectDir, String python, List<String> modules) {
        String script = "import sys\n"
                + "sys.path[:] = [p for p in sys.path if p not in ('', '.')]\n"
                + "missing = []\n"
                + "for name in " + modules.stream().map(m -> "'" + m + "'").toList() + ":\n"
                + "    try:\n"
                + "        __import__(name)\n"
                + "    except ImportError:\n"
                + "        missing.append(name)\n"
                + "print(' '.join(missing) if missing else 'ok')\n";
        return run(projectDir, python, script, List.of()).map(out -> out.equals("ok") ? List.of() : List.of(out.split(" ")));
    }

    /**
     * Runs a short script (with {@code args} as sys.argv[1:]) with {@code python} in the project directory (where pyenv and the like pick their
     * version) and returns what it printed, or empty when the interpreter cannot run it.
     */
    static Optional<String> run(Path projectDir, String python, String script, List<String> args) {
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).directory(projectDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // The process ended; what was read is kept.
                }
            });
            reader.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            reader.join();
            return p.exitValue() == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The interpreters to try: the project's virtual environment ({@code .venv}, {@code venv}), then the system's. */
    static List<String> candidates(Path projectDir) {
        List<String> candidates = new ArrayList<>();
        for (String venv : List.of(".venv", "venv")) {
            Path python = projectDir.toAbsolutePath().normalize().resolve(venv).resolve("bin").resolve("python");
            if (Files.isExecutable(python)) {
                candidates.add(python.toString());
            }
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        return candidates;
    }

    /**
     * The driver script, in a folder of the user's cache that only the user may enter: Python puts the script's
     * folder first on the module path, so a shared folder such as /tmp would let another user's json.py run in the
     * driver. Written once per version of the script, never left behind by a run.
     */
    private static Path driverFile(String runner, String script) {
        try (InputStream common = PythonDriver.class.getResourceAsStream(COMMON);
             InputStream own = PythonDriver.class.getResourceAsStream(script)) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            common.transferTo(text);
            text.write("\n\n".getBytes(StandardCharsets.UTF_8));
            own.transferTo(text);
            return OwnFolders.cachedFile(runner.toLowerCase(), "driver", ".py", text.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the " + runner + " driver from SchemaGuard's jar failed", e);
        }
    }
}
