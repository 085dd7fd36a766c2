package dev.schemaguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A git repository made in a test, through the git command line as a developer makes one: the same commits give the
 * same ids (fixed author, committer and dates), and nothing of the machine's git configuration is read.
 */
public final class GitRepository {

    private final Path root;
    private int commits;

    private GitRepository(Path root) {
        this.root = root;
    }

    /** A new repository in {@code root}, on branch main. */
    public static GitRepository init(Path root) {
        try {
            java.nio.file.Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitRepository repository = new GitRepository(root);
        repository.git("init", "-q", "-b", "main");
        return repository;
    }

    /** A clone of {@code origin} in {@code root}, as a CI job checks out a repository: origin/main and the rest. */
    public static GitRepository cloneOf(GitRepository origin, Path root) {
        new GitRepository(root.getParent()).git("clone", "-q", origin.root().toString(), root.toString());
        return new GitRepository(root);
    }

    public Path root() {
        return root;
    }

    /** Commits every file of the working tree; returns the commit's id. */
    public String commitAll(String message) {
        git("add", "-A");
        commits++;
        git("commit", "-q", "--allow-empty", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    /** Runs git in the repository and returns its output; a failure fails the test. */
    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=SchemaGuard Tests",
                "-c", "user.email=tests@schemaguard.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        String date = "2024-01-0" + Math.min(9, commits + 1) + "T12:00:00Z";
        env.put("GIT_AUTHOR_DATE", date);
        env.put("GIT_COMMITTER_DATE", date);
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed in " + root + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
