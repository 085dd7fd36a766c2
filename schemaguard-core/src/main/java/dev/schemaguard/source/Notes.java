package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reading a project showed that its report must say: files skipped as the runner skips them, migrations the
 * runner would not apply to a new database, parts of the history SchemaGuard cannot read. A reader that passes over
 * something says so here instead of passing over it silently. Each note is kept once, in the order written.
 */
final class Notes {

    private final Set<String> notes = new LinkedHashSet<>();

    void add(String note) {
        notes.add(note);
    }

    List<String> list() {
        return List.copyOf(new ArrayList<>(notes));
    }

    /** The .sql files beside a runner's migration folders: the runner reads only the folders, and so does SchemaGuard. */
    void looseSqlFiles(Path dir, String runner) {
        List<String> loose = Directory.files(dir).stream().map(f -> f.getFileName().toString())
                .filter(name -> name.endsWith(".sql") && !Directory.ignorable(name)).toList();
        if (!loose.isEmpty()) {
            add("not read, as " + runner + " reads one folder per migration: " + some(loose, 5));
        }
    }

    /** Up to {@code shown} names, then how many more: enough to find them, short enough to read. */
    static String some(List<String> names, int shown) {
        if (names.size() <= shown) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more";
    }
}
