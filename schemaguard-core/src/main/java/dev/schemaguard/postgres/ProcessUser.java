package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who the embedded server's processes run as. PostgreSQL refuses to start as root, so as root they run in a
 * user namespace of their own ({@code unshare -U}: inside it the process is nobody, and the files it creates are
 * still the invoking user's), or, where user namespaces are not allowed (some containers), as an unprivileged
 * account with {@code setpriv}. {@code SCHEMAGUARD_EMBEDDED_USER=name} asks for the unprivileged account.
 */
record ProcessUser(String name, List<String> wrapper, Path cacheRoot, String account) {

    static ProcessUser detect() {
        Path cache = OwnFolders.userCache();
        if (!isRoot()) {
            return new ProcessUser("user", List.of(), cache, null);
        }
        String forced = System.getenv("SCHEMAGUARD_EMBEDDED_USER");
        if ((forced == null || forced.isBlank()) && succeeds("unshare", "-U", "true")) {
            return new ProcessUser("userns", List.of("unshare", "-U"), cache, null);
        }
        String account = forced != null && !forced.isBlank() ? forced : unprivilegedAccount();
        if (account == null || !succeeds("setpriv", "--version")) {
            throw new InputException("PostgreSQL refuses to run as root, and this machine allows neither a user "
                    + "namespace (unshare -U) nor switching to an unprivileged account (setpriv, from util-linux, "
                    + "and an account such as nobody). Run SchemaGuard as a non-root user, or point it at a server "
                    + "with --db-url postgresql://user@host:5432/postgres");
        }
        String[] ids = ids(account);
        // The account must be able to read the binaries: keep them outside root's home folder, in a folder that is
        // root's own (one another user made first is refused), readable by all like any installed program.
        Path sharedCache = OwnFolders.ensure(Path.of(System.getProperty("java.io.tmpdir"), "schemaguard-cache-" + account),
                "rwxr-xr-x");
        return new ProcessUser("account-" + account,
                List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups"), sharedCache, account);
    }

    /** Makes a folder the server's own: owned by the account it runs as, readable by nobody else. */
    void handOver(Path dir) throws IOException {
        if (account == null) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(account);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(ids(account)[1]);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** The user id the server's processes have, as this process sees them. */
    int serverUid() {
        return account == null ? OwnFolders.currentUid() : Integer.parseInt(ids(account)[0]);
    }

    /**
     * How to run a command with the server account's rights, so that deleting what the server wrote never follows a
     * link it planted with more rights than its own; empty when the server runs with this user's rights.
     */
    List<String> accountWrapper() {
        return account == null ? List.of() : wrapper;
    }

    /** Permissions of a run's folder: the account must pass through it to its own data folder inside. */
    String runFolderPermissions() {
        return account == null ? "rwx------" : "rwx--x--x";
    }

    /** What to tell a user whose embedded server failed to start. */
    String advice() {
        if (account != null) {
            return "\n(the server ran as the account " + account + " because user namespaces are not available; "
                    + "run SchemaGuard as a non-root user or use --db-url if that account cannot run it)";
        }
        return "";
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String unprivilegedAccount() {
        for (String candidate : List.of("postgres", "nobody")) {
            if (ids(candidate) != null) {
                return candidate;
            }
        }
        return null;
    }

    /** uid and gid of an account from /etc/passwd, or {@code null}. */
    private static String[] ids(String account) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(account)) {
                    return new String[]{fields[2], fields[3]};
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
