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
     * Knex: {@code knex('users')}, {@code .from('users')}, {@code .table('users')}, {@code .join('teams', ...)} name
     * a table the chain reads (or writes: the chained call decides, which these signatures do not follow);
     * {@code .into('users')} a table it writes.
     */
    private static final List<Config.Helper> KNEX = List.of(
            new Config.Helper(List.of("knex", "from", "table", "join", "leftJoin", "rightJoin", "innerJoin",
                    "fullOuterJoin"), "1", null, null, "read"),
            new Config.Helper(List.of("into"), "1", null, null, "write"));

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
