package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.Fingerprints.DataFingerprint;
import dev.schemaguard.postgres.Fingerprints.TableFingerprint;
import dev.schemaguard.postgres.Fingerprints.ValueHashes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data a migration's up destroyed (tables dropped, rows deleted, columns dropped, values overwritten or converted)
 * that its down does not give back. Only what the up destroyed counts: rows the rehearsal generated in a table the
 * up merely adds to, and which a down empties again, were never production's to lose.
 */
final class DestroyedData {

    private DestroyedData() {
    }

    /**
     * The part of {@code before} that {@code afterUp} no longer holds: the only tables whose data after the down
     * matters, so the only ones worth fingerprinting then.
     */
    static DataFingerprint byUp(DataFingerprint before, DataFingerprint afterUp) {
        Map<String, TableFingerprint> destroyed = new TreeMap<>();
        for (TableFingerprint was : before.tables().values()) {
            TableFingerprint is = afterUp.tables().get(was.table());
            if (is == null) {
                destroyed.put(was.table(), was);
                continue;
            }
            if (was.rows().missingFrom(is.rows()) == 0) {
                continue;
            }
            Map<String, ValueHashes> columns = new LinkedHashMap<>();
            was.columns().forEach((column, values) -> {
                ValueHashes now = is.columns().get(column);
                if (now == null || values.missingFrom(now) > 0) {
                    columns.put(column, values);
                }
            });
            destroyed.put(was.table(), new TableFingerprint(was.table(),
                    rowsDeleted(was, is) ? was.rows() : is.rows(), columns));
        }
        return new DataFingerprint(destroyed);
    }

    /**
     * Whether the up deleted rows. When it only changed values, the rows of after-up stand for the table, so the
     * comparison with after-down asks about values, not about rows the up rewrote.
     */
    private static boolean rowsDeleted(TableFingerprint was, TableFingerprint is) {
        return is.rowCount() < was.rowCount();
    }
}
