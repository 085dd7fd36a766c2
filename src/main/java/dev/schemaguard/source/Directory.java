package dev.schemaguard.source;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lists the files of a migrations directory in a stable order. */
final class Directory {

    private Directory() {
    }

    /**
     * The regular files directly in {@code dir}, sorted by name (as paths sort: by the bytes of their names). A
     * directory can hold tens of thousands of migrations: the files are told from other entries on every core, and
     * names that are all ASCII, which sort the same as strings, are sorted as strings, a cheaper comparison.
     */
    static List<Path> files(Path dir) {
        List<Path> entries;
        try (Stream<Path> listed = Files.list(dir)) {
            entries = listed.collect(Collectors.toList());
        } catch (IOException e) {
            throw new InputException(dir, 0, "cannot list the directory: " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>(entries.parallelStream().filter(Files::isRegularFile).toList());
        List<String> names = files.stream().map(file -> file.getFileName().toString()).toList();
        if (names.stream().allMatch(Directory::isAscii)) {
            // positions sorted by name, so that a comparison looks up no map
            Integer[] byName = new Integer[files.size()];
            for (int i = 0; i < byName.length; i++) {
                byName[i] = i;
            }
            Arrays.sort(byName, Comparator.comparing(names::get));
            List<Path> sorted = new ArrayList<>(byName.length);
            for (int i : byName) {
                sorted.add(files.get(i));
            }
            files = sorted;
        } else {
            files.sort(null);
        }
        return files;
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The folders directly in {@code dir} that are not hidden, sorted by name. */
    static List<Path> folders(Path dir) {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().collect(Collectors.toList());
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
