package dev.schemaguard.consumers;

import java.util.List;

/**
 * What looking a column name up in one relation of a query found.
 *
 * @param kind       whether the relation has the column
 * @param references for a found column, the schema columns it reads (none for a computed column of a subquery)
 */
record ColumnMatch(Kind kind, List<Reference> references) {

    enum Kind {
        /** The relation has the column. */
        FOUND,
        /** The relation has no such column. */
        ABSENT,
        /** The relation's columns are not known (a table the schema does not have, a function's result). */
        UNKNOWN
    }

    private static final ColumnMatch ABSENT = new ColumnMatch(Kind.ABSENT, List.of());
    private static final ColumnMatch UNKNOWN = new ColumnMatch(Kind.UNKNOWN, List.of());

    static ColumnMatch found(List<Reference> references) {
        return new ColumnMatch(Kind.FOUND, references);
    }

    static ColumnMatch absent() {
        return ABSENT;
    }

    static ColumnMatch unknown() {
        return UNKNOWN;
    }
}
