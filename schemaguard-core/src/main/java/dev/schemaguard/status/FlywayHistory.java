package dev.schemaguard.status;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flyway's schema history replayed in {@code installed_rank} order, as Flyway reads it: versioned rows apply a
 * version, {@code BASELINE} rows stand for every version up to theirs, {@code DELETE} rows (written by
 * {@code repair}) and successful {@code UNDO} rows take a version back, {@code SCHEMA} rows only record that Flyway
 * created a schema, and rows without a version are repeatable migrations, the latest row per script counting.
 *
 * @param applied     the versions applied, by version key, with the row that applied each
 * @param failed      versions whose latest row is a failure ({@code success = false}), by version key
 * @param repeatables the latest successful row of each repeatable migration, by script file name
 * @param failedRepeatables repeatable scripts whose latest row is a failure
 * @param baseline    the highest baseline version, or {@code null}
 * @param unreadable  versions that are no Flyway version (not numbers separated by dots)
 */
record FlywayHistory(Map<List<BigInteger>, VersionRow> applied, Map<List<BigInteger>, VersionRow> failed,
                     Map<String, VersionRow> repeatables, List<String> failedRepeatables, List<BigInteger> baseline,
                     List<String> unreadable) {

    static FlywayHistory of(List<VersionRow> rows) {
        Map<List<BigInteger>, VersionRow> applied = new LinkedHashMap<>();
        Map<List<BigInteger>, VersionRow> failed = new LinkedHashMap<>();
        Map<String, VersionRow> repeatables = new LinkedHashMap<>();
        List<String> failedRepeatables = new ArrayList<>();
        List<BigInteger> baseline = null;
        List<String> unreadable = new ArrayList<>();
        for (VersionRow row : rows) {
            String type = row.type() == null ? "" : row.type().toUpperCase(Locale.ROOT);
            if (type.equals("SCHEMA")) {
                continue;
            }
            if (row.version() == null) {
                String script = scriptFileName(row.script());
                failedRepeatables.remove(script);
                if (row.success()) {
                    repeatables.put(script, row);
                } else {
                    failedRepeatables.add(script);
                }
                continue;
            }
            List<BigInteger> key = Versions.key(row.version());
            if (key == null) {
                unreadable.add(row.version());
            } else if (type.contains("BASELINE")) {
                baseline = baseline == null || Versions.compare(key, baseline) > 0 ? key : baseline;
            } else if (type.equals("DELETE") || type.startsWith("UNDO") && row.success()) {
                applied.remove(key);
                failed.remove(key);
            } else if (row.success()) {
                applied.put(key, row);
                failed.remove(key);
            } else {
                failed.put(key, row);
            }
        }
        return new FlywayHistory(applied, failed, repeatables, failedRepeatables, baseline, unreadable);
    }

    /** The highest version the history stands at: applied or baselined, whether or not a file has it. */
    List<BigInteger> highest() {
        List<BigInteger> highest = baseline;
        for (List<BigInteger> key : applied.keySet()) {
            if (highest == null || Versions.compare(key, highest) > 0) {
                highest = key;
            }
        }
        return highest;
    }

    /** Whether a row's checksum is Flyway's CRC-32 of a SQL file (Java migrations store their own, or none). */
    static boolean sqlChecksum(VersionRow row) {
        return row.checksum() != null && row.type() != null && row.type().equalsIgnoreCase("SQL");
    }

    /** The file name of a script as Flyway records it, which may include the folder below the location. */
    static String scriptFileName(String script) {
        if (script == null) {
            return "";
        }
        int slash = Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\'));
        return script.substring(slash + 1);
    }
}
