package dev.schemaguard.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** The version-control repository a folder belongs to: how far up SchemaGuard looks for what a project implies. */
public final class Repository {

    private Repository() {
    }

    /**
     * The nearest folder at or above {@code dir} that holds {@code .git} (a folder, or a file in a worktree), or
     * {@code null} when {@code dir} is in no repository.
     */
    public static Path root(Path dir) {
        for (Path at = dir.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return at;
            }
        }
        return null;
    }
}
