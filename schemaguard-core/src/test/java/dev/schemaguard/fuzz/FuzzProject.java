package dev.schemaguard.fuzz;

import dev.schemaguard.testing.Cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project folder a fuzz target rewrites for each input, and the one property every target checks: whatever the
 * input, the command ends with 0, 1 or 2 (never 3, an internal error, and never a Throwable out of the CLI).
 */
final class FuzzProject {

    private final Path root;

    FuzzProject(String... fixedFiles) {
        try {
            root = Files.createTempDirectory("schemaguard-fuzz-");
            root.toFile().deleteOnExit();
            for (int i = 0; i + 1 < fixedFiles.length; i += 2) {
                write(fixedFiles[i], fixedFiles[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FuzzProject write(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the input's file is also cut short, a position the input's bytes decide. A file that ends in the middle of
     * a construct (an unclosed call, string or comment) is what an interrupted save or a bad merge leaves, and a
     * fuzzer rarely produces one by mutating the middle of a seed; cutting every input somewhere explores them all.
     */
    static byte[] cutShort(byte[] content) {
        return Arrays.copyOf(content, Math.floorMod(Arrays.hashCode(content), content.length + 1));
    }

    /** Runs a command on the project and checks the exit code. */
    void runsCleanly(String command, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = command;
        args[1] = root.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as("exit code; stderr:%n%s", result.err()).isIn(0, 1, 2);
    }
}
