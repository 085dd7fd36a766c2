package dev.schemaguard.source;

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

    /** Up to {@code shown} names, then how many more: enough to find them, short enough to read. */
    static String some(List<String> names, int shown) {
        if (names.size() <= shown) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more";
    }
}
