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
public record ConsumerScan(List<Query> queries, List<Use> uses, List<OwnTable> ownTables, List<Problem> problems,
                           List<Coverage> coverage) {

    public ConsumerScan {
        queries = List.copyOf(queries);
        uses = List.copyOf(uses);
        ownTables = List.copyOf(ownTables);
        problems = List.copyOf(problems);
        coverage = List.copyOf(coverage);
    }

    /** How much of a query the analysis resolved. */
    public enum Analysis {
        /** Every table and column it names was attributed. */
        FULL("in full"),
        /** Some were, some were not (an unknown fragment, an ambiguous column): its other uses are known. */
        PART("in part"),
        /** Nothing was: the query may use anything. */
        NONE("not at all");

        public final String words;

        Analysis(String words) {
            this.words = words;
        }
    }

    /**
     * How much of one consumer the scan could see, so that a registry is never taken for complete when it is not
     * (seed 001).
     *
     * @param consumer     the consumer's name
     * @param files        the files scanned
     * @param queries      the queries found
     * @param full         the queries analysed in full
     * @param part         the queries analysed in part
     * @param none         the queries not analysed at all
     * @param excluded     the queries left out as another dialect's ({@code exclude:})
     * @param helperCalls  calls outside SQL that name a table the migrations manage in a string argument
     *                     ({@code simple_select_one(table="users")}, {@code knex('users')}) and that no declared helper
     *                     reads: data access whose columns the scan does not see
     * @param helpersAnalysed calls of the consumer's declared helpers, whose table and columns are known, and calls of
     *                     the Prisma client whose arguments were read in full
     *                     ({@code helperCalls} counts the others, whose seen uses are kept)
     * @param minCoverage  the share of queries, in percent, that must be analysed in full, or {@code null} when none is
     *                     asked for
     */
    public record Coverage(String consumer, int files, int queries, int full, int part, int none, int excluded,
                           int helperCalls, int helpersAnalysed, Integer minCoverage) {

        /** The share of the queries found that were analysed in full, in percent (100 when there are none). */
        public double percent() {
            return queries == 0 ? 100.0 : 100.0 * full / queries;
        }

        /** Whether the coverage is below what the consumer asks for. */
        public boolean belowMinimum() {
            return minCoverage != null && percent() < minCoverage;
        }

        /** Whether the scan saw nothing of the consumer that it could analyse: no file, or no query resolved. */
        public boolean blind() {
            return files == 0 || queries > 0 && full + part == 0 && helpersAnalysed == 0;
        }

        /**
         * One line for people: {@code 12 files, 30 queries: 21 analysed in full, 3 in part, 6 not at all (70 % in
         * full); 4 helper calls}.
         */
        public String summary() {
            return files + (files == 1 ? " file" : " files") + ", " + queries + (queries == 1 ? " query" : " queries")
                    + ": " + full + " analysed in full, " + part + " in part, " + none + " not at all"
                    + (queries == 0 ? "" : " (" + String.format(java.util.Locale.ROOT, "%.0f", Math.floor(percent()))
                    + " % in full)") + (excluded == 0 ? "" : ", " + excluded + " left out as another dialect's")
                    + "; " + (helpersAnalysed == 0 ? "" : helpersAnalysed + " helper calls analysed, ")
                    + helperCalls + (helperCalls == 1 ? " helper call" : " helper calls")
                    + (helpersAnalysed == 0 ? "" : " not analysed");
        }
    }

    /**
     * A query in a consumer's source.
     *
     * @param consumer   the consumer's name
     * @param file       the file, relative to the consumer's root
     * @param line       the line the query starts on
     * @param sql        the SQL, interpolations as $n parameters
     * @param references what it reads and writes
     * @param analysis   how much of it was resolved
     * @param gaps       what could not be resolved, in words, each with its line in the file
     */
    public record Query(String consumer, String file, int line, String sql, List<Reference> references,
                        Analysis analysis, List<String> gaps) {

        public Query {
            references = List.copyOf(references);
            gaps = List.copyOf(gaps);
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
