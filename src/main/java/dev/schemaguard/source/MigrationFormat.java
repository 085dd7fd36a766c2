package dev.schemaguard.source;

import java.util.Locale;

/** The migration tools whose file layouts SchemaGuard reads. */
public enum MigrationFormat {
    SQL("sql"),
    FLYWAY("flyway"),
    GOLANG_MIGRATE("golang-migrate"),
    DBMATE("dbmate"),
    GOOSE("goose"),
    DIESEL("diesel"),
    PRISMA("prisma"),
    /** A folder per migration with {@code up.sql}, {@code down.sql} and a {@code metadata.yaml} naming its parents. */
    FOLDER_DAG("folder-dag"),
    SQITCH("sqitch"),
    ALEMBIC("alembic"),
    /** Django: one migrations package per app, one graph across the apps. */
    DJANGO("django"),
    /** Liquibase: changelogs in XML, YAML, JSON or formatted SQL, each changeset a migration. */
    LIQUIBASE("liquibase");

    private final String configName;

    MigrationFormat(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code schemaguard.yml} and in output. */
    public String configName() {
        return configName;
    }

    /** Parses a configured name; {@code null} when it names no format. */
    public static MigrationFormat fromConfigName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (MigrationFormat format : values()) {
            if (format.configName.equals(wanted)) {
                return format;
            }
        }
        return null;
    }
}
