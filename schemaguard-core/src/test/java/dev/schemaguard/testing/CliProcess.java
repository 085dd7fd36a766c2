package dev.schemaguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SchemaGuard as a separate program, for what only a process shows: its own working directory, its environment, a
 * terminal. {@link #launcher} writes a {@code schemaguard} command that runs the classes under test, for scripts
 * that call it by name as a CI job does.
 */
public final class CliProcess {

    private CliProcess() {
    }

    /** What a process printed (standard error merged into it) and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /** A {@code schemaguard} command in {@code bin} that runs the classes this test runs with. */
    public static Path launcher(Path bin) {
        try {
            Files.createDirectories(bin);
            Path launcher = bin.resolve("schemaguard");
            Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
                    + "' dev.schemaguard.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to this process's environment. */
    public static Result run(Path dir, Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end in 5 minutes:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
