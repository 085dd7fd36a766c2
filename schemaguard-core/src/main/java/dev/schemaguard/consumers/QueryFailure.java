package dev.schemaguard.consumers;

/**
 * A consumer's query that the rehearsal prepared on the real schema before a migration and that fails after it.
 *
 * @param migration the migration after which it fails
 * @param consumer  the consumer's name
 * @param file      the query's file, relative to the consumer's root
 * @param line      the line the server's error points at
 * @param error     the server's error ({@code ERROR 42703: column "team_id" does not exist})
 */
public record QueryFailure(String migration, String consumer, String file, int line, String error) {
}
