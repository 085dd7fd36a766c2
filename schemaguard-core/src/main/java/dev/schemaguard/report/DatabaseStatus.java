package dev.schemaguard.report;

import java.util.List;

/**
 * Where a real database stands and what an upgrade to head would do to it, for the {@code status} report.
 *
 * @param url            the database, without its password
 * @param versionTable   the version table read ({@code public.alembic_version}), or {@code null} when the database
 *                       has none (an empty database as far as the runner knows)
 * @param runner         the runner whose table it is ({@code alembic}, {@code flyway}, {@code golang-migrate},
 *                       {@code dbmate}), or {@code null} when there is no table
 * @param stamps         where the table says the database is, as stored: every Alembic row, golang-migrate's version,
 *                       the highest version Flyway or dbmate applied
 * @param pending        the migrations the upgrade runs, in the order it runs them
 * @param targets        the heads the upgrade ends at
 * @param unknownStamps  Alembic stamps that name no revision of the project
 * @param unknownApplied versions a linear runner recorded as applied that no file of the project has
 * @param dirty          golang-migrate's dirty flag; {@code null} for runners that keep none
 * @param failed         versions the runner recorded as failed (Flyway's {@code success = false} rows)
 * @param changed        applied migrations whose file changed since; {@code null} when the runner stores no checksum,
 *                       so nothing could be compared
 * @param blockers       every reason the upgrade would fail, in words
 * @param notes          what does not stop the upgrade but a person deploying should know
 */
public record DatabaseStatus(String url, String versionTable, String runner, List<String> stamps, List<String> pending,
                             List<String> targets, List<String> unknownStamps, List<String> unknownApplied,
                             Boolean dirty, List<String> failed, List<ChangedMigration> changed,
                             List<String> blockers, List<String> notes) {

    public DatabaseStatus {
        stamps = List.copyOf(stamps);
        pending = List.copyOf(pending);
        targets = List.copyOf(targets);
        unknownStamps = List.copyOf(unknownStamps);
        unknownApplied = List.copyOf(unknownApplied);
        failed = List.copyOf(failed);
        changed = changed == null ? null : List.copyOf(changed);
        blockers = List.copyOf(blockers);
        notes = List.copyOf(notes);
    }

    /** Whether an upgrade to head would run to its end. */
    public boolean canUpgrade() {
        return blockers.isEmpty();
    }

    /**
     * An applied migration whose file is no longer what was applied.
     *
     * @param id              the migration
     * @param file            its file, relative to the project
     * @param appliedChecksum the checksum the runner stored when it applied the migration, as stored (Flyway's
     *                        integer, Liquibase's {@code 9:...})
     * @param fileChecksum    the checksum of the file now, computed as the runner computes it
     */
    public record ChangedMigration(String id, String file, String appliedChecksum, String fileChecksum) {
    }
}
