package dev.schemaguard.consumers;

/**
 * A string literal passed to a call outside SQL ({@code simple_select_one(table="users")}, {@code knex('users')}):
 * how a helper names the table it reads or writes.
 *
 * @param function the called function's name (the last name before the parenthesis)
 * @param keyword  the argument's keyword ({@code table=} in Python, {@code table:} in an object literal), or
 *                 {@code null} for a positional argument
 * @param value    the literal's text
 * @param line     its line
 */
public record CallArgument(String function, String keyword, String value, int line) {
}
