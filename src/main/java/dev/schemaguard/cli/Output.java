package dev.schemaguard.cli;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's report where the user asked for it. */
final class Output {

    private Output() {
    }

    static void write(String text, Path file, PrintStream stdout) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot write the report: " + e.getMessage(), e);
        }
    }
}
