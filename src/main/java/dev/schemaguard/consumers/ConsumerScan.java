package dev.schemaguard.consumers;

import java.util.List;

/**
 * What the consumers' code does with the database: each query found, each table and column it uses, and what could
 * not be read.
 *
 * @param queries  every query, with what it references
 * @param uses     every use of a table or column managed by the migrations, with its evidence
 * @param ownTables tables the consumers use that no migration manages (their own), by consumer
 * @param problems files or queries that could not be read or analysed, and were skipped
 */
public record ConsumerScan(List<Query> queries, List<Use> uses, List<OwnTable> ownTables, List<Problem> problems) {

    public ConsumerScan {
        queries = List.copyOf(queries);
        uses = List.copyOf(uses);
        ownTables = List.copyOf(ownTables);
        problems = List.copyOf(problems);
    }

    /**
     * A query in a consumer's source.
     *
     * @param consumer   the consumer's name
     * @param file       the file, relative to the consumer's root
     * @param line       the line the query starts on
     * @param sql        the SQL, interpolations as $n parameters
     * @param references what it reads and writes
     */
    public record Query(String consumer, String file, int line, String sql, List<Reference> references) {

        public Query {
            references = List.copyOf(references);
        }
    }

    /**
     * A use of a managed table or column.
     *
     * @param consumer the consumer's name
     * @param table    the table's key
     * @param column   the column, or {@code null} for the table as a whole (FROM, INSERT INTO, DELETE FROM)
     * @param access   read or write
     * @param file     where, relative to the consumer's root
     * @param line     the line of the query, or of the member read that uses a star-selected column
     * @param viaStar  whether the column is known from a member read on the result of a star select
     * @param queryLine the line of the query the use belongs to
     */
    public record Use(String consumer, String table, String column, Reference.Access access, String file, int line,
                      boolean viaStar, int queryLine) {
    }

    /** A table a consumer uses that the migrations do not manage. */
    public record OwnTable(String consumer, String table, String file, int line) {
    }

    /** Something that could not be read or analysed; the scan went on without it. */
    public record Problem(String consumer, String file, int line, String message) {
    }
}
