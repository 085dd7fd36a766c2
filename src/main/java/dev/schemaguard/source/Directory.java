package dev.schemaguard.source;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lists the files of a migrations directory in a stable order. */
final class Directory {

    private Directory() {
    }

    /** The regular files directly in {@code dir}, sorted by name. */
    static List<Path> files(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InputException(dir, 0, "cannot list the directory: " + e.getMessage(), e);
        }
    }

    /** The regular files anywhere below {@code dir}, sorted by path. */
    static List<Path> filesRecursively(Path dir) {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InputException(dir, 0, "cannot list the directory: " + e.getMessage(), e);
        }
    }

    /** Hidden files and editor droppings are no one's migrations. */
    static boolean ignorable(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.startsWith("#");
    }
}
