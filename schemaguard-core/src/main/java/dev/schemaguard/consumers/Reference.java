package dev.schemaguard.consumers;

/**
 * A table or column a query reads or writes.
 *
 * @param table  the table's name as the schema knows it (unquoted, folded to lower case unless quoted; with its schema
 *               prefix when the query gives one other than public)
 * @param column the column, or {@code null} for the table itself (FROM t, INSERT INTO t, a star select)
 * @param access read or write
 * @param star   whether the reference is a star select ({@code SELECT *} or {@code SELECT p.*}): every column of the
 *               table is read, and which ones the consumer uses is known only from its code
 */
public record Reference(String table, String column, Access access, boolean star) {

    /** Whether a query reads or writes. */
    public enum Access {
        READ, WRITE
    }
}
