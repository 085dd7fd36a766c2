package dev.schemaguard.change;

import dev.schemaguard.source.Migration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a project's migrations differ from what they were at a git revision: the merge base of the working tree with
 * the revision the user named. The migrations are compared by id and by text, as the runners see them, not by file
 * name: a file moved unchanged is no change, and a file whose id changed is a migration renamed.
 *
 * @param ref     the revision as the user named it ({@code origin/main})
 * @param base    the merge base's commit id
 * @param changed the migrations added, changed or renamed since the merge base, in the graph's file order
 * @param removed the migrations of the merge base that are gone (not renamed)
 */
public record MigrationChanges(String ref, String base, List<Change> changed, List<Removed> removed) {

    public MigrationChanges {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** What happened to a migration since the merge base. */
    public enum Kind {
        /** No migration of the merge base had its id or its text. */
        ADDED,
        /** A migration of the merge base with this id, whose up or down text differs. */
        MODIFIED,
        /** A migration of the merge base with another id and the same up text, whose id is gone. */
        RENAMED
    }

    /**
     * One migration that is not as it was.
     *
     * @param migration   the migration now
     * @param kind        what happened to it
     * @param before      the migration at the merge base (its file is shown as it was named then), or {@code null}
     *                    when added
     * @param upChanged   whether its up text differs from the merge base's (a rename with the same text: false)
     * @param downChanged whether its down differs (added, removed or edited)
     */
    public record Change(Migration migration, Kind kind, Migration before, boolean upChanged, boolean downChanged) {
    }

    /**
     * A migration of the merge base that no migration is now.
     *
     * @param before the migration as it was
     * @param next   the migration now in its place: the first after it in the merge base's order that still exists,
     *               else the last before it; {@code null} when none is left
     */
    public record Removed(Migration before, Migration next) {
    }

    /** The abbreviated merge base, as reports show it. */
    public String shortBase() {
        return base.length() > 12 ? base.substring(0, 12) : base;
    }

    /** The ids of the migrations to judge: those added, changed or renamed. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        changed.forEach(c -> ids.add(c.migration().id()));
        return ids;
    }
}
