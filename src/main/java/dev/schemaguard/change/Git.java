package dev.schemaguard.change;

import dev.schemaguard.io.InputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The git command line, run in one repository. SchemaGuard asks git rather than reading {@code .git} itself: git
 * knows every way a repository can be laid out (worktrees, packed refs, alternates, shallow clones).
 */
final class Git {

    /**
     * Runs each task that waits on a git process on a thread of its own. On two cores the common pool has one thread,
     * and Java 25's CompletableFuture uses it all the same (Java 17's starts a thread per task): draining git's
     * errors there left the requests to cat-file unwritten, and git and SchemaGuard waited for each other for ever.
     */
    private static final Executor OWN_THREAD = task -> {
        Thread thread = new Thread(task, "schemaguard-git");
        thread.setDaemon(true);
        thread.start();
    };

    private final Path root;

    private Git(Path root) {
        this.root = root;
    }

    /** A repository's top folder. */
    Path root() {
        return root;
    }

    /**
     * The repository {@code dir} is in.
     *
     * @param why what needs the repository, for the message when there is none ("--since origin/main")
     */
    static Git at(Path dir, String why) {
        Result top = run(dir, List.of("rev-parse", "--show-toplevel"));
        if (top.exit() != 0) {
            throw new InputException(why + " needs a git repository, and " + dir + " is in none (git: "
                    + firstLine(top.err()) + ")");
        }
        return new Git(Path.of(top.out().strip()).toAbsolutePath().normalize());
    }

    /** Runs git with {@code args} in the repository and returns its standard output; a failure is git's message. */
    String run(String... args) {
        Result result = run(root, List.of(args));
        if (result.exit() != 0) {
            throw new GitException(firstLine(result.err()));
        }
        return result.out();
    }

    /** Runs git and returns whether it succeeded, its output and its message, for callers that expect failures. */
    Result attempt(String... args) {
        return run(root, List.of(args));
    }

    /** What a git command printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    /** A git command that failed; the message is git's own. */
    static final class GitException extends RuntimeException {
        GitException(String message) {
            super(message);
        }
    }

    /**
     * Writes each blob named by its object id into its file, through one {@code git cat-file --batch}: thousands of
     * files cost one process.
     */
    void writeBlobs(List<String> objectIds, List<Path> files) {
        Process process = start(root, List.of("cat-file", "--batch"));
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()),
                OWN_THREAD);
        CompletableFuture<Void> requests = CompletableFuture.runAsync(() -> {
            try (OutputStream in = new BufferedOutputStream(process.getOutputStream())) {
                for (String id : objectIds) {
                    in.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OWN_THREAD);
        try (InputStream out = new BufferedInputStream(process.getInputStream())) {
            for (Path file : files) {
                String header = readLine(out);
                String[] parts = header.split(" ");
                if (parts.length != 3 || !parts[1].equals("blob")) {
                    throw new GitException("git cat-file answered '" + header + "' for " + file.getFileName());
                }
                byte[] content = out.readNBytes(Integer.parseInt(parts[2]));
                if (out.read() != '\n') {
                    throw new GitException("git cat-file ended a blob early for " + file.getFileName());
                }
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            }
            requests.join();
            if (process.waitFor() != 0) {
                throw new GitException(firstLine(errors.join()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while reading from git");
        } finally {
            process.destroy();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new GitException("git cat-file ended before every file was read");
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static Result run(Path dir, List<String> args) {
        Process process = start(dir, args);
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()),
                OWN_THREAD);
        try {
            process.getOutputStream().close();
            String out = drain(process.getInputStream());
            return new Result(process.waitFor(), out, errors.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while waiting for git");
        }
    }

    private static Process start(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        // Paths as bytes, never quoted or escaped: a migration folder may have any name.
        command.add("-c");
        command.add("core.quotePath=false");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        // git's messages in English, whatever the locale, since they are shown as they are.
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("GIT_DIR");
        builder.environment().remove("GIT_WORK_TREE");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new InputException("cannot run git (" + e.getMessage() + "): comparing with a revision needs git on "
                    + "the PATH");
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
