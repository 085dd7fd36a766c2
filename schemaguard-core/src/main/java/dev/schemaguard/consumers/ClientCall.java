package dev.schemaguard.consumers;

import java.util.List;

/**
 * A call of a database client that names tables and columns, not SQL: a Prisma model call
 * ({@code prisma.session.findMany({ select: { distinctId: true } })}) or a Knex chain
 * ({@code knex('users').where({ id }).update({ name })}).
 *
 * @param line     the line of the call
 * @param complete whether every part of its arguments was read; when not, what it names is still used, and the call
 *                 is counted as not analysed
 * @param uses     what it uses
 */
record ClientCall(int line, boolean complete, List<Use> uses) {

    ClientCall {
        uses = List.copyOf(uses);
    }

    /**
     * A table or column a call uses.
     *
     * @param column {@code null} for the table itself
     * @param line   the line of the name that uses it
     */
    record Use(String table, String column, Reference.Access access, int line) {
    }
}
