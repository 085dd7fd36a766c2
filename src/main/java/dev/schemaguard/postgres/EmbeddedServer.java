package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * <p>The cluster is initialised once per release and cached; each run copies it into a fresh folder of the user's
 * own (tens of milliseconds) and starts the server there with durability switched off, which a throw-away database
 * does not need. The server listens on no TCP port: only on a Unix socket inside that folder, which no other user
 * may enter, so no one else can reach a superuser session that has the rights of the account running SchemaGuard.
 * A keeper process ({@code watchdog.sh}) stops the server and deletes the folder when SchemaGuard ends, however it
 * ends. PostgreSQL refuses to run as root: as root, the server runs in a user namespace of its own
 * ({@code unshare -U}, where root is nobody), or else as an unprivileged user.
 */
public final class EmbeddedServer implements ScratchServer {

    /** Names the socket file only: the server opens no TCP port. */
    private static final int PORT = 5432;

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
        ProcessUser user = ProcessUser.detect();
        RunFolders folders = RunFolders.of(user);
        folders.removeAbandoned();
        PostgresBinaries binaries = PostgresBinaries.resolve(version, user.cacheRoot(), progress);
        Path template = initialisedCluster(binaries, user, progress);
        Run run = new Run(folders, folders.create(PORT));
        // Registered before anything starts, so that an interruption at any point removes what exists.
        Cleanup.register(run.stopAction);
        Path data = run.dir.resolve("data");
        try {
            copyTree(template, data);
            // Only local (socket) connections, whatever the cached cluster was initialised with.
            Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n");
            user.handOver(data);
        } catch (IOException | InputException e) {
            Cleanup.run(run.stopAction);
            throw e instanceof InputException input ? input
                    : new InputException("cannot prepare the embedded PostgreSQL's folder: " + e.getMessage());
        }
        List<String> command = new ArrayList<>(user.wrapper());
        command.addAll(List.of(binaries.bin("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(PORT), "-k", data.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_permissions=0700", "-c", "fsync=off",
                "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=40",
                "-c", "shared_buffers=64MB", "-c", "lc_messages=C", "-c", "log_min_messages=warning",
                "-c", "logging_collector=off", "-c", "max_locks_per_transaction=256", "-c", "jit=off"));
        run.start(folders.keeper(run.dir, command), binaries);
        DatabaseUrl url = DatabaseUrl.socket(data, PORT, "postgres", "postgres");
        String failure = run.waitUntilReady(url);
        if (failure != null) {
            Cleanup.run(run.stopAction);
            if (Cleanup.interrupted()) {
                throw new InputException("interrupted while starting the embedded PostgreSQL");
            }
            throw new InputException("the embedded PostgreSQL " + binaries.version() + " did not start: "
                    + failure + user.advice());
        }
        return new EmbeddedServer(binaries, run, new ScratchDatabases(url));
    }

    /**
     * Stops the servers and deletes the folders of this user's runs whose SchemaGuard process died and whose keeper
     * could not clean up (both killed at once, or the machine stopped); returns the folders removed.
     */
    public static List<Path> removeAbandonedRuns() {
        ProcessUser user;
        try {
            user = ProcessUser.detect();
        } catch (InputException e) {
            return List.of(); // no embedded server can run here, so none was left behind
        }
        return RunFolders.of(user).removeAbandoned();
    }

    /**
     * One run's folder and its keeper process, which holds the server. Stopping may come from another thread (the
     * shutdown hook) at any moment, even while the server is being started: a server started after the stop is
     * stopped at once.
     */
    private static final class Run {
        private final RunFolders folders;
        private final Path dir;
        /** One instance, so that it can be registered and later run and unregistered. */
        private final Runnable stopAction = this::stop;
        private Process keeper;
        private BufferedReader said;
        private long postmaster;
        private boolean stopped;

        Run(RunFolders folders, Path dir) {
            this.folders = folders;
            this.dir = dir;
        }

        synchronized void start(List<String> command, PostgresBinaries binaries) {
            if (stopped) {
                throw new InputException("interrupted while starting the embedded PostgreSQL");
            }
            try {
                keeper = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                said = new BufferedReader(new InputStreamReader(keeper.getInputStream(), StandardCharsets.US_ASCII));
                String pid = said.readLine();
                if (pid == null || !pid.matches("\\d+")) {
                    throw new InputException("cannot start " + binaries.bin("postgres") + ": its keeper did not start it");
                }
                postmaster = Long.parseLong(pid);
            } catch (IOException e) {
                throw new InputException("cannot start " + binaries.bin("postgres") + ": " + e.getMessage());
            }
        }

        /** Waits for the server to accept connections; returns why it failed, or {@code null}. */
        String waitUntilReady(DatabaseUrl url) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Properties quiet = new Properties();
            quiet.setProperty("connectTimeout", "2");
            Path socket = url.socketFile();
            while (System.nanoTime() < deadline) {
                try {
                    if (said.ready()) {
                        // The keeper says "exited STATUS": the server ended; its log says why.
                        return logTail();
                    }
                } catch (IOException e) {
                    return logTail();
                }
                if (Files.exists(socket)) {
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
            return "no connection after 60 s; " + logTail();
        }

        private String logTail() {
            try {
                List<String> lines = Files.readAllLines(dir.resolve("server.log"));
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())).strip();
            } catch (IOException e) {
                return "(no server log)";
            }
        }

        /** Closes the keeper's input, which stops the server and deletes the folder; does it here if the keeper cannot. */
        synchronized void stop() {
            stopped = true;
            if (keeper != null) {
                try {
                    keeper.getOutputStream().close();
                    if (!keeper.waitFor(20, TimeUnit.SECONDS)) {
                        keeper.destroyForcibly();
                    }
                } catch (IOException e) {
                    // The keeper is gone; what it did not do is done below.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (RunFolders.running(postmaster) && folders.isServerOf(postmaster, dir.resolve("data"))) {
                    ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (Files.exists(dir)) {
                folders.remove(dir);
            }
        }
    }

    @Override
    public ScratchDatabase createDatabase() {
        return databases.create();
    }

    @Override
    public ScratchDatabase copyDatabase(ScratchDatabase template) {
        return databases.copyOf(template);
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
        databases.forgetAll();
        Cleanup.run(run.stopAction);
    }

    static void signal(long pid, String signal) {
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

    /**
     * Copies the cached cluster, folders and plain files only: a link in it (which only someone who could write to
     * the cache could have put there) would make this copy read what it points to.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                } else {
                    throw new InputException("the cached PostgreSQL cluster holds " + source + ", which is neither a "
                            + "folder nor a plain file; delete " + from + " and SchemaGuard initialises it again");
                }
            }
        }
    }
}
