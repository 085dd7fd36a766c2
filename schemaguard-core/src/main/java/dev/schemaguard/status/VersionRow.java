package dev.schemaguard.status;

/**
 * One row of a version table. Each runner fills what its table has: Alembic, dbmate, goose and diesel only
 * {@code version}, golang-migrate {@code version} and {@code dirty}, Prisma {@code version} (the migration's name) and
 * {@code success}, sqitch {@code version} (the change) and {@code description} (its project), Liquibase
 * {@code version} ({@code author:id}), {@code description} (the changelog path), {@code type} (EXECTYPE) and
 * {@code checksum} (MD5SUM), Flyway every field.
 *
 * @param version     the version or revision as stored; {@code null} for Flyway's repeatable migrations
 * @param description Flyway's description; sqitch's project; else {@code null}
 * @param type        Flyway's row type ({@code SQL}, {@code BASELINE}, {@code DELETE}, ...), else {@code null}
 * @param script      Flyway's script name ({@code V2__add_x.sql}), else {@code null}
 * @param checksum    the runner's checksum of the script when it ran, as stored (Flyway's integer, Liquibase's
 *                    {@code 9:...}), or {@code null}
 * @param success     whether the migration completed (false only in Flyway's and Prisma's failed rows)
 * @param dirty       golang-migrate's dirty flag: the migration at {@code version} started and did not finish
 */
public record VersionRow(String version, String description, String type, String script, String checksum,
                         boolean success, boolean dirty) {

    /** A row that holds a version alone (Alembic, dbmate). */
    static VersionRow of(String version) {
        return new VersionRow(version, null, null, null, null, true, false);
    }
}
