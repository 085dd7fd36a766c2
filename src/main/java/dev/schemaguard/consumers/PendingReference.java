package dev.schemaguard.consumers;

import java.util.List;

/**
 * A table or column a statement names, turned into references once the whole statement is read: a select list names
 * columns of tables its FROM clause only introduces later, and a subquery's columns may belong to an outer query.
 */
@FunctionalInterface
interface PendingReference {

    /** The schema references it stands for; problems it meets go to the statement's problem list. */
    List<Reference> references();

    /** The line of the statement's text where it is named, counted from 1; 0 when not known. */
    default int line() {
        return 0;
    }

    /** A reference known as soon as it is read (a FROM table, an INSERT column). */
    static PendingReference known(Reference reference) {
        return known(reference, 0);
    }

    /** A reference known as soon as it is read, named at {@code line} of the statement's text. */
    static PendingReference known(Reference reference, int line) {
        List<Reference> references = List.of(reference);
        return new PendingReference() {
            @Override
            public List<Reference> references() {
                return references;
            }

            @Override
            public int line() {
                return line;
            }
        };
    }
}
