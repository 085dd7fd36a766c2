package dev.schemaguard.status;

import dev.schemaguard.source.MigrationFormat;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version tables of the runners SchemaGuard reads, told apart by their columns: golang-migrate and dbmate both
 * call theirs {@code schema_migrations}, and every runner lets users rename it.
 */
public enum VersionTableKind {
    ALEMBIC("alembic", List.of("alembic_version")),
    FLYWAY("flyway", List.of("flyway_schema_history", "schema_version")),
    GOLANG_MIGRATE("golang-migrate", List.of("schema_migrations")),
    DBMATE("dbmate", List.of("schema_migrations")),
    GOOSE("goose", List.of("goose_db_version")),
    DIESEL("diesel", List.of("__diesel_schema_migrations")),
    PRISMA("prisma", List.of("_prisma_migrations")),
    /** sqitch's registry table, {@code sqitch.changes}: one row per deployed change. */
    SQITCH("sqitch", List.of("changes")),
    /** Django's {@code django_migrations}: one row per applied migration, {@code app} and {@code name}. */
    DJANGO("django", List.of("django_migrations")),
    /** Liquibase's {@code databasechangelog}: one row per executed changeset, id, author and changelog file. */
    LIQUIBASE("liquibase", List.of("databasechangelog"));

    private static final Set<String> FLYWAY_COLUMNS =
            Set.of("installed_rank", "version", "description", "type", "script", "checksum", "success");

    private final String label;
    private final List<String> defaultNames;

    VersionTableKind(String label, List<String> defaultNames) {
        this.label = label;
        this.defaultNames = defaultNames;
    }

    /** The runner's name as output shows it. */
    public String label() {
        return label;
    }

    /** The table names the runner uses unless configured otherwise (Flyway before version 5: schema_version). */
    public List<String> defaultNames() {
        return defaultNames;
    }

    /**
     * The kind of table these columns (name → type as {@code format_type} prints it) make, or {@code null} when they
     * are no runner's version table.
     */
    public static VersionTableKind ofColumns(Map<String, String> columns) {
        if (columns.keySet().equals(Set.of("version_num"))) {
            return ALEMBIC;
        }
        if (columns.keySet().containsAll(FLYWAY_COLUMNS)) {
            return FLYWAY;
        }
        if (columns.keySet().containsAll(Set.of("version_id", "is_applied"))) {
            return GOOSE;
        }
        if (columns.keySet().equals(Set.of("version", "run_on"))) {
            return DIESEL;
        }
        if (columns.keySet().containsAll(Set.of("migration_name", "finished_at", "rolled_back_at", "applied_steps_count"))) {
            return PRISMA;
        }
        if (columns.keySet().containsAll(Set.of("id", "author", "filename", "orderexecuted", "exectype"))) {
            return LIQUIBASE;
        }
        if (columns.keySet().containsAll(Set.of("app", "name", "applied"))) {
            return DJANGO;
        }
        if (columns.keySet().containsAll(Set.of("change_id", "change", "project", "committed_at"))) {
            return SQITCH;
        }
        String version = columns.get("version");
        if (columns.keySet().equals(Set.of("version", "dirty")) && "boolean".equals(columns.get("dirty"))
                && integer(version)) {
            return GOLANG_MIGRATE;
        }
        if (columns.keySet().equals(Set.of("version")) && version != null
                && (version.startsWith("character varying") || version.equals("text"))) {
            return DBMATE;
        }
        return null;
    }

    /**
     * The kinds of table a project's runner keeps. Plain SQL migrations have no runner of their own; projects that
     * apply them with golang-migrate or dbmate keep that runner's table, and numbered files match its versions.
     */
    public static List<VersionTableKind> expectedFor(MigrationFormat format) {
        return switch (format) {
            case ALEMBIC -> List.of(ALEMBIC);
            case FLYWAY -> List.of(FLYWAY);
            case GOLANG_MIGRATE -> List.of(GOLANG_MIGRATE);
            case DBMATE -> List.of(DBMATE);
            case SQL -> List.of(GOLANG_MIGRATE, DBMATE);
            case GOOSE -> List.of(GOOSE);
            case DIESEL -> List.of(DIESEL);
            case PRISMA -> List.of(PRISMA);
            case SQITCH -> List.of(SQITCH);
            case DJANGO -> List.of(DJANGO);
            case LIQUIBASE -> List.of(LIQUIBASE);
            case FOLDER_DAG -> List.of();
        };
    }

    private static boolean integer(String type) {
        return type != null && (type.equals("bigint") || type.equals("integer") || type.equals("numeric"));
    }
}
