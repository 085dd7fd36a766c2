package dev.schemaguard.cli;

import dev.schemaguard.io.InputException;
import dev.schemaguard.report.Formatter;
import dev.schemaguard.report.Report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's report where the user asked for it. */
final class Output {

    private static final int BUFFER = 1 << 16;

    private Output() {
    }

    /** Writes {@code report} in {@code formatter}'s format, streamed where the format can. */
    static void write(Formatter formatter, Report report, Path file, PrintStream stdout) {
        if (file == null) {
            try {
                OutputStream out = new BufferedOutputStream(stdout, BUFFER);
                formatter.write(report, out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a PrintStream reports no errors; nothing else writes here
            }
            return;
        }
        try {
            createParent(file);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
                formatter.write(report, out);
            }
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot write the report: " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    static void write(String text, Path file, PrintStream stdout) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            createParent(file);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot write the report: " + e.getMessage(), e);
        }
    }
}
