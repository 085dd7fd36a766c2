package dev.schemaguard.consumers;

/**
 * A member read in a consumer's source ({@code player.date_of_birth}, {@code row["custom_notes"]}): how columns
 * selected with {@code *} are used.
 *
 * @param name the member name
 * @param line its line
 */
public record PropertyAccess(String name, int line) {
}
