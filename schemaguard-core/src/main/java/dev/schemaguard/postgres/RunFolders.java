package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The folders of embedded-server runs: {@code run/} in the user's cache, which only the user may enter (never a
 * shared prefix in {@code /tmp} that another user could fill). Each run's folder holds its owner marker
 * ({@code owner}: which process made it), the server's log and the server's data folder, which is also where its
 * Unix socket is.
 *
 * <p>A run whose owner died and whose keeper could not clean up (both killed at once, or the machine stopped) is
 * abandoned: the next start removes it, but only a folder that is this user's own and that this user marked, and it
 * signals only a process whose command line shows it is that folder's server.
 */
final class RunFolders {

    static final String MARKER = "owner";
    /** A folder with no marker yet may be a run being set up right now; only an older one is left over. */
    private static final Duration SETUP = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest path of a Unix socket (sun_path holds 108 bytes with the terminating zero). */
    private static final int SOCKET_PATH_MAX = 107;

    private final Path base;
    private final ProcessUser user;

    private RunFolders(Path base, ProcessUser user) {
        this.base = base;
        this.user = user;
    }

    static RunFolders of(ProcessUser user) {
        return new RunFolders(OwnFolders.ensure(user.cacheRoot().resolve("run"), user.runFolderPermissions()), user);
    }

    /** Makes a new run's folder, marked as this process's. */
    Path create(int port) {
        for (int attempt = 0; ; attempt++) {
            byte[] name = new byte[4];
            RANDOM.nextBytes(name);
            Path dir = base.resolve(HexFormat.of().formatHex(name));
            String socket = dir.resolve("data").resolve(".s.PGSQL." + port).toString();
            if (socket.getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_MAX) {
                throw new InputException("the embedded PostgreSQL's socket would be " + socket + ", longer than a Unix "
                        + "socket path may be (" + SOCKET_PATH_MAX + " bytes); set SCHEMAGUARD_CACHE to a shorter folder");
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(user.runFolderPermissions())));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(user.runFolderPermissions()));
                ProcessHandle self = ProcessHandle.current();
                Files.writeString(dir.resolve(MARKER), "pid " + self.pid() + "\nstarted "
                        + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
                return dir;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw new InputException("cannot make a run folder in " + base + ": " + e.getMessage());
                }
            } catch (IOException e) {
                throw new InputException("cannot make a run folder in " + base + ": " + e.getMessage());
            }
        }
    }

    /**
     * The command that keeps a server started in {@code dir} ({@code watchdog.sh}): in a session of its own when
     * {@code setsid} is there.
     */
    List<String> keeper(Path dir, List<String> server) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("setsid");
        }
        command.addAll(script("watch", dir));
        command.addAll(server);
        return command;
    }

    /** Deletes a run's folder, the server's data through the server account's rights. */
    void remove(Path dir) {
        try {
            Process p = new ProcessBuilder(script("remove", dir)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the servers and deletes the folders of runs whose owner is gone; returns the folders removed. What is not
     * provably an abandoned run of this user's is left alone.
     */
    List<Path> removeAbandoned() {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base)) {
            for (Path dir : runs) {
                if (abandoned(dir)) {
                    stopServer(dir);
                    remove(dir);
                    if (!Files.exists(dir)) {
                        removed.add(dir);
                    }
                }
            }
        } catch (IOException e) {
            // No listing: nothing to clean now; the next start tries again.
        }
        return removed;
    }

    private boolean abandoned(Path dir) throws IOException {
        int uid = OwnFolders.currentUid();
        if (!OwnFolders.isOwned(dir, uid, true)) {
            return false;
        }
        Path marker = dir.resolve(MARKER);
        if (!OwnFolders.isOwned(marker, uid, false)) {
            FileTime made = Files.getLastModifiedTime(dir);
            return !Files.exists(marker) && made.toInstant().isBefore(Instant.now().minus(SETUP));
        }
        long pid = 0;
        long started = 0;
        for (String line : Files.readAllLines(marker)) {
            String[] words = line.split(" ");
            if (words.length == 2 && words[1].matches("\\d{1,18}")) {
                switch (words[0]) {
                    case "pid" -> pid = Long.parseLong(words[1]);
                    case "started" -> started = Long.parseLong(words[1]);
                    default -> {
                    }
                }
            }
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty()) {
            return true;
        }
        long ownerStarted = owner.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        // A live process with the owner's pid but another start time reuses the pid: the owner is gone.
        return started != 0 && ownerStarted != 0 && ownerStarted != started;
    }

    /**
     * Stops the server of an abandoned run, if one still runs: the pid in its postmaster.pid is signalled only when
     * that process is a postgres whose data folder (-D) is this run's and that runs as the server's account.
     */
    private void stopServer(Path dir) {
        Path data = dir.resolve("data");
        long pid;
        try (InputStream in = Files.newInputStream(data.resolve("postmaster.pid"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            String first = new String(in.readNBytes(32), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            if (!first.strip().matches("\\d{1,10}")) {
                return;
            }
            pid = Long.parseLong(first.strip());
        } catch (IOException e) {
            return;
        }
        if (!isServerOf(pid, data)) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid);
        if (server.isEmpty()) {
            return;
        }
        // Immediate shutdown: the postmaster ends its backends too; nothing in the folder is worth a checkpoint.
        EmbeddedServer.signal(pid, "QUIT");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (running(pid) && isServerOf(pid, data)) {
            server.get().destroyForcibly();
        }
    }

    /** Whether process {@code pid} is a PostgreSQL server on {@code data}, running as the server's account. */
    boolean isServerOf(long pid, Path data) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> argv = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
            int d = argv.indexOf("-D");
            if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("postgres") || d < 0
                    || d + 1 >= argv.size() || !argv.get(d + 1).equals(data.toString())) {
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals(Integer.toString(user.serverUid()));
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private List<String> script(String mode, Path dir) {
        List<String> command = new ArrayList<>(List.of("sh", watchdog().toString(), mode, dir.toString(),
                Integer.toString(user.accountWrapper().size())));
        command.addAll(user.accountWrapper());
        return command;
    }

    private static Path watchdog() {
        try (InputStream in = RunFolders.class.getResourceAsStream("watchdog.sh")) {
            return OwnFolders.cachedFile("bin", "watchdog", ".sh", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the embedded server's watchdog from SchemaGuard's jar failed", e);
        }
    }

    /** Whether the process runs: it exists and is not a zombie (which nothing may reap where init does not). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
