package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.postgres.CatalogDiff;

import java.util.List;

/** How two schemas the rehearsal built differ, as the rules that compare schemas weigh it. */
public final class SchemaDifferences {

    private SchemaDifferences() {
    }

    /**
     * The changes from {@code one} to {@code other}, leaving out column order: a column dropped and added back comes
     * last, and no migration can restore the order, so it is no difference.
     */
    public static List<CatalogChange> between(Catalog one, Catalog other) {
        return CatalogDiff.between(one, other).stream()
                .filter(change -> !change.objectKind().equals(CatalogDiff.COLUMN_ORDER)).toList();
    }

    /** The changes in words, as a change list names them. */
    public static List<String> descriptions(List<CatalogChange> changes) {
        return changes.stream().map(CatalogChange::description).toList();
    }
}
