package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A PostgreSQL server SchemaGuard starts for one run and stops at its end, from binaries on Maven Central.
 *
 * <p>The cluster is initialised once per release and cached; each run copies it into a fresh temporary folder
 * (tens of milliseconds) and starts the server there on a free port with durability switched off, which a
 * throw-away database does not need. PostgreSQL refuses to run as root: as root, the server runs in a user
 * namespace of its own ({@code unshare -U}, where root is nobody), or else as an unprivileged user.
 */
public final class EmbeddedServer implements ScratchServer {

    private static final String RUN_PREFIX = "schemaguard-pg-";

    private final PostgresBinaries binaries;
    private final Run run;
    private final ScratchDatabases databases;

    private EmbeddedServer(PostgresBinaries binaries, Run run, ScratchDatabases databases) {
        this.binaries = binaries;
        this.run = run;
        this.databases = databases;
    }

    /**
     * Starts a server.
     *
     * @param version  the PostgreSQL release or major version to run; {@code null} for the bundled one
     * @param progress receives short progress lines (unpacking, first initialisation)
     */
    public static EmbeddedServer start(String version, Consumer<String> progress) {
        removeAbandonedRuns();
        ProcessUser user = ProcessUser.detect();
        PostgresBinaries binaries = PostgresBinaries.resolve(version, user.cacheRoot(), progress);
        Path template = initialisedCluster(binaries, user, progress);
        Run run;
        try {
            run = new Run(Files.createTempDirectory(RUN_PREFIX));
            // Registered before anything starts, so that an interruption at any point removes what exists.
            Cleanup.register(run.stopAction);
            Files.writeString(run.dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
            copyTree(template, run.dir.resolve("data"));
            user.handOver(run.dir);
        } catch (IOException e) {
            throw new InputException("cannot prepare the embedded PostgreSQL's folder: " + e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(user.wrapper());
            command.addAll(List.of(binaries.bin("postgres").toString(), "-D", run.dir.resolve("data").toString(),
                    "-p", Integer.toString(port), "-k", run.dir.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
                    "-c", "synchronous_commit=off", "-c", "max_connections=40", "-c", "shared_buffers=64MB",
                    "-c", "lc_messages=C", "-c", "log_min_messages=warning", "-c", "logging_collector=off",
                    "-c", "max_locks_per_transaction=256", "-c", "jit=off"));
            Process process = run.start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(run.dir.resolve("server.log").toFile()), binaries);
            DatabaseUrl url = DatabaseUrl.local(port, "postgres", "postgres");
            String failure = waitUntilReady(process, url, run.dir);
            if (failure == null) {
                return new EmbeddedServer(binaries, run, new ScratchDatabases(url));
            }
            process.destroyForcibly();
            if (Cleanup.interrupted()) {
                throw new InputException("interrupted while starting the embedded PostgreSQL");
            }
            if (!(failure.contains("could not bind") || failure.contains("Address already in use")) || attempt == 3) {
                Cleanup.run(run.stopAction);
                throw new InputException("the embedded PostgreSQL " + binaries.version() + " did not start: "
                        + failure + user.advice());
            }
        }
    }

    /**
     * One run's folder and server process. Stopping may come from another thread (the shutdown hook) at any
     * moment, even while the server is being started: a server started after the stop is stopped at once.
     */
    private static final class Run {
        private final Path dir;
        /** One instance, so that it can be registered and later run and unregistered. */
        private final Runnable stopAction = this::stop;
        private Process process;
        private boolean stopped;

        Run(Path dir) {
            this.dir = dir;
        }

        synchronized Process start(ProcessBuilder builder, PostgresBinaries binaries) {
            if (stopped) {
                throw new InputException("interrupted while starting the embedded PostgreSQL");
            }
            try {
                process = builder.start();
                return process;
            } catch (IOException e) {
                throw new InputException("cannot start " + binaries.bin("postgres") + ": " + e.getMessage());
            }
        }

        synchronized void stop() {
            stopped = true;
            if (process != null) {
                // Fast shutdown: the data is thrown away, so nothing needs to wait for clients or checkpoints.
                signal(process.pid(), "INT");
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            PostgresBinaries.deleteTree(dir);
        }
    }

    @Override
    public ScratchDatabase createDatabase() {
        return databases.create();
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + binaries.version();
    }

    @Override
    public int majorVersion() {
        return Integer.parseInt(PostgresBinaries.major(binaries.version()));
    }

    /** The run's folder: the server's data, socket and log. */
    Path runDirectory() {
        return run.dir;
    }

    /** Stops the server and deletes its folder; what it held was scratch by construction. */
    @Override
    public void close() {
        Cleanup.run(run.stopAction);
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cached cluster of this release, made by initdb on first use. */
    private static Path initialisedCluster(PostgresBinaries binaries, ProcessUser user, Consumer<String> progress) {
        Path cluster = binaries.home().resolve("cluster-" + user.name());
        if (Files.isRegularFile(cluster.resolve("PG_VERSION"))) {
            return cluster;
        }
        progress.accept("initialising a PostgreSQL " + binaries.version() + " cluster (once)");
        try {
            Path staging = Files.createTempDirectory(binaries.home(), ".initdb-");
            try {
                user.handOver(staging);
                List<String> command = new ArrayList<>(user.wrapper());
                command.addAll(List.of(binaries.bin("initdb").toString(), "-D", staging.resolve("data").toString(),
                        "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
                Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(initdb.getInputStream().readAllBytes());
                if (initdb.waitFor() != 0) {
                    throw new InputException("initdb failed: " + output.strip() + user.advice());
                }
                try {
                    Files.move(staging.resolve("data"), cluster, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // Another run initialised the same cluster at the same time.
                }
            } finally {
                PostgresBinaries.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new InputException("cannot initialise the embedded PostgreSQL cluster: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while initialising the embedded PostgreSQL cluster");
        }
        return cluster;
    }

    /** Waits for the server to accept connections; returns why it failed, or {@code null}. */
    private static String waitUntilReady(Process process, DatabaseUrl url, Path runDir) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Properties quiet = new Properties();
        quiet.setProperty("connectTimeout", "2");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return logTail(runDir);
            }
            if (Files.exists(runDir.resolve("data/postmaster.pid"))) {
                try (Connection c = Connections.open(url, quiet)) {
                    return null;
                } catch (InputException | java.sql.SQLException notYet) {
                    // Still starting up.
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "no connection after 60 s; " + logTail(runDir);
    }

    private static String logTail(Path runDir) {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())).strip();
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Folders of runs whose process died without cleaning up (killed with SIGKILL): stop their server and
     * delete them, so an abandoned run costs one later start a few milliseconds, not a server forever.
     */
    private static void removeAbandonedRuns() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(tmp, RUN_PREFIX + "*")) {
            for (Path run : runs) {
                try {
                    long owner = Long.parseLong(Files.readString(run.resolve("owner.pid")).strip());
                    if (ProcessHandle.of(owner).isPresent()) {
                        continue;
                    }
                    Path pidFile = run.resolve("data/postmaster.pid");
                    if (Files.exists(pidFile)) {
                        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    PostgresBinaries.deleteTree(run);
                } catch (IOException | RuntimeException e) {
                    // Not ours to judge (unreadable, or in use); leave it.
                }
            }
        } catch (IOException e) {
            // No temp folder listing: nothing to clean.
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
