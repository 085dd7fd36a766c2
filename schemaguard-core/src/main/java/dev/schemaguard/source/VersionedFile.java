package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.List;

/**
 * A migration of a linear format before it is chained: its version, as written and as a sort key.
 *
 * @param id      the version as users write it ("0003", "1.2")
 * @param sortKey the numeric parts the runner orders by (leading zeros and trailing zero parts do not matter)
 * @param file    the file that declares it
 * @param up      the forward script
 * @param down    the reverse script, or {@code null}
 */
record VersionedFile(String id, List<java.math.BigInteger> sortKey, Path file, MigrationScript up, MigrationScript down) {
}
