package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Folders only this user may change: SchemaGuard runs programs and signals processes from what it finds in them, so
 * it never trusts a folder another user could have made or written to (a shared {@code /tmp} prefix is such a folder).
 */
public final class OwnFolders {

    private OwnFolders() {
    }

    /** The user's cache: SCHEMAGUARD_CACHE, else {@code $XDG_CACHE_HOME/schemaguard}, else {@code ~/.cache/schemaguard}. */
    public static Path userCache() {
        String explicit = System.getenv("SCHEMAGUARD_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "schemaguard");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "schemaguard");
    }

    /** A folder of the user's cache that only the user may enter, made when missing. */
    public static Path privateFolder(String name) {
        return ensure(userCache().resolve(name), "rwx------");
    }

    /**
     * A file of the user's cache holding {@code content}, named by it ({@code prefix-HASH suffix}) in a folder only the
     * user may enter: written once, shared by every run of the same version, never left behind by one.
     */
    public static Path cachedFile(String folder, String prefix, String suffix, byte[] content) {
        Path dir = privateFolder(folder);
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
            Path file = dir.resolve(prefix + "-" + hash + suffix);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Path partial = Files.createTempFile(dir, "." + prefix + "-", suffix);
                Files.write(partial, content);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
        } catch (IOException e) {
            throw new InputException("cannot write " + prefix + suffix + " to SchemaGuard's cache " + dir + ": "
                    + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes {@code dir} when missing, with {@code permissions}; when it exists, checks it is a real folder (not a
     * link), owned by this user, that no one else may write to, and gives it {@code permissions}.
     *
     * @throws InputException naming the folder when it is not this user's own
     */
    static Path ensure(Path dir, String permissions) {
        try {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            } catch (FileAlreadyExistsException exists) {
                // Checked below, whoever made it.
            }
            if (!isOwn(dir)) {
                throw new InputException("SchemaGuard will not use " + dir + ": it is not a folder of this user's "
                        + "that only this user may change (another user may have made it). Remove it, or set "
                        + "SCHEMAGUARD_CACHE to a folder of your own");
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
            return dir;
        } catch (IOException e) {
            throw new InputException("cannot prepare SchemaGuard's folder " + dir + ": " + e.getMessage());
        }
    }

    /** Whether {@code path} is a folder (not a link to one) owned by this user that no one else may write to. */
    static boolean isOwn(Path path) {
        return isOwned(path, currentUid(), true);
    }

    /**
     * Whether {@code path} itself (a link is not followed) is a folder, or a plain file when {@code folder} is false,
     * owned by {@code uid}, that neither its group nor others may write to.
     */
    static boolean isOwned(Path path, int uid, boolean folder) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (folder ? !attributes.isDirectory() : !attributes.isRegularFile()) {
                return false;
            }
            int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return owner == uid && !attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    && !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The user id this process runs as. */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot tell this process's user id from /proc/self", e);
        }
    }
}
