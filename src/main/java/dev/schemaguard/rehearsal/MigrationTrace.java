package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.postgres.Fingerprints.DataFingerprint;
import dev.schemaguard.source.Migration;

import java.util.List;

/**
 * What the rehearsal saw of one migration, and nothing it concluded: the facts the rehearsal rules judge.
 *
 * @param migration            the migration
 * @param hasDown              whether it has a down the rehearsal could run
 * @param before               the catalog before its up
 * @param up                   its up, as first run (with the generated rows the rehearsal filled tables with)
 * @param withoutGeneratedRows its up run again after a data error, once the generated rows were removed;
 *                             {@code null} when not tried
 * @param after                the catalog after its up; {@code null} when it was not applied
 * @param changes              the difference between the two, as a change list
 * @param roundTrip            its down, compared, and its up again; {@code null} without a down, or when not applied
 * @param rerun                its up run once more on top of itself; {@code null} when the rehearsal did not get there
 */
public record MigrationTrace(Migration migration, boolean hasDown, Catalog before, Execution up,
                             Retry withoutGeneratedRows, Catalog after, List<CatalogChange> changes, RoundTrip roundTrip,
                             Execution rerun) {

    public MigrationTrace {
        changes = List.copyOf(changes);
    }

    /**
     * The up run again once the rows the rehearsal generated were removed (tables it filled emptied again).
     *
     * @param emptiedTables the tables whose rows were removed
     * @param examples      generated values of the columns the failing statement names, as
     *                      {@code table.column = 'value'}
     * @param up            what the up did then
     */
    public record Retry(List<String> emptiedTables, List<String> examples, Execution up) {

        public Retry {
            emptiedTables = List.copyOf(emptiedTables);
            examples = List.copyOf(examples);
        }
    }

    /**
     * Down, then up again.
     *
     * @param down                what the down did
     * @param afterDown           the catalog after the down (after its rollback, when it failed)
     * @param destroyed           the data before the up that the up destroyed (rows, values, tables); {@code null}
     *                            when the down failed
     * @param destroyedAfterDown  what the down left of the tables of {@code destroyed}; {@code null} when the down
     *                            failed or the up destroyed nothing
     * @param upAgain             the up applied again after the down; {@code null} when the down failed
     */
    public record RoundTrip(Execution down, Catalog afterDown, DataFingerprint destroyed,
                            DataFingerprint destroyedAfterDown, Execution upAgain) {
    }

    /** The up that brought the migration in: the first run, or the one without the generated rows. */
    public Execution applying() {
        return withoutGeneratedRows != null ? withoutGeneratedRows.up() : up;
    }

    /** Whether the migration was applied, by its first up or once the generated rows were removed. */
    public boolean applied() {
        return applying().succeeded();
    }

    /** The migration's down file as users name it; its own file when it has none apart (Alembic's downgrade()). */
    public String downFile() {
        return migration.down().map(script -> SqlExecutor.display(script, migration)).orElse(migration.displayFile());
    }
}
