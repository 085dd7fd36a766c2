package dev.schemaguard.rehearsal;

import dev.schemaguard.lint.Phase;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.postgres.Fingerprints.DataFingerprint;
import dev.schemaguard.postgres.Fingerprints.TableFingerprint;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A migration's expand/contract phases from what it did to a real database: objects added (expand), rows of
 * existing columns changed (backfill), constraints added or validated and NOT NULL set (constrain), objects dropped
 * (contract). Facts where the static classification has only the text: Python code, dynamic SQL, DO blocks.
 */
final class DiffPhases {

    private static final Set<String> CONTRACTED_BY_DROP = Set.of("table", "column", "enum", "type", "view",
            "materialized view", "function", "procedure", "sequence", "index", "trigger", "schema", "extension");

    private DiffPhases() {
    }

    static List<Phase> of(List<CatalogChange> changes, DataFingerprint before, DataFingerprint after) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (CatalogChange change : changes) {
            Phase phase = phase(change);
            if (phase != null) {
                phases.add(phase);
            }
        }
        if (before != null && after != null && existingDataChanged(before, after)) {
            phases.add(Phase.BACKFILL);
        }
        return List.copyOf(phases);
    }

    private static Phase phase(CatalogChange change) {
        String kind = change.objectKind();
        switch (change.kind()) {
            case ADDED:
                return kind.equals("constraint") ? Phase.CONSTRAIN : Phase.EXPAND;
            case REMOVED:
                return CONTRACTED_BY_DROP.contains(kind) ? Phase.CONTRACT : null;
            default:
                String what = change.description();
                if (what.endsWith("NOT NULL added") || what.endsWith("NOT VALID → valid")) {
                    return Phase.CONSTRAIN;
                }
                if (what.endsWith("NOT NULL removed") || kind.equals("enum") && what.endsWith(" added")) {
                    return Phase.EXPAND;
                }
                return null;
        }
    }

    /** Whether values of columns that exist before and after changed: the mark of a backfill. */
    private static boolean existingDataChanged(DataFingerprint before, DataFingerprint after) {
        for (TableFingerprint was : before.tables().values()) {
            TableFingerprint is = after.tables().get(was.table());
            if (is == null) {
                continue;
            }
            if (is.rowCount() != was.rowCount()) {
                return true;
            }
            for (var column : was.columns().entrySet()) {
                var now = is.columns().get(column.getKey());
                if (now != null && !now.equals(column.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }
}
