package dev.schemaguard.config;

import java.util.List;
import java.util.Map;

/**
 * Helper signatures shipped for common query builders, named in a consumer's {@code presets:}. Clients that take SQL
 * text (psycopg, asyncpg, SQLAlchemy {@code text()}, node-postgres, postgres.js, Prisma {@code $queryRaw}, JDBC,
 * JdbcTemplate, jOOQ plain SQL, Go's database/sql and sqlx) need none: their SQL and placeholders are read as they are.
 */
public final class HelperPresets {

    /**
     * Knex: its chains ({@code knex('users').where({ id }).select('name')}) name the table in one call and the columns
     * in others, which no helper signature says; the consumer scan reads them whole when this preset is named.
     */
    private static final List<Config.Helper> KNEX = List.of();

    private static final Map<String, List<Config.Helper>> PRESETS = Map.of("knex", KNEX);

    private HelperPresets() {
    }

    /** The preset's helpers, or {@code null} when there is no preset of that name. */
    public static List<Config.Helper> of(String name) {
        return PRESETS.get(name);
    }

    /** The presets' names, for an error message. */
    public static List<String> names() {
        return PRESETS.keySet().stream().sorted().toList();
    }
}
