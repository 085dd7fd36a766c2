package dev.schemaguard.postgres;

import java.util.List;

/**
 * What {@link DataSeeder} wrote and what it could not.
 *
 * @param tables   the tables it wrote to or tried to, in the order it filled them (a table after the tables it
 *                 references)
 * @param problems tables, columns and rows it could not fill, and why
 */
public record SeedResult(List<TableSeeding> tables, List<Problem> problems) {

    /**
     * What seeding did to one table.
     *
     * @param table         display name
     * @param rowsInserted  rows inserted into the table, which was empty
     * @param rowsUpdated   existing rows given values in columns that were NULL in every row
     * @param columnsFilled the columns given values (not those left to their defaults or NULL), in table order;
     *                      a reference filled once the rows it references exist (a self-reference) comes last
     */
    public record TableSeeding(String table, int rowsInserted, int rowsUpdated, List<String> columnsFilled) {
    }

    /**
     * Something the seeder could not fill.
     *
     * @param table  display name of the table
     * @param column the column, or null when the whole table or some of its rows are meant
     * @param reason why, in words
     */
    public record Problem(String table, String column, String reason) {

        /** {@code players.rating: reason} or {@code players: reason}. */
        public String message() {
            return (column == null ? table : table + "." + column) + ": " + reason;
        }
    }

    /** What seeding did to a table, or null when it left the table alone. */
    public TableSeeding table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
    }

    /** The problems of one table. */
    public List<Problem> problemsOf(String table) {
        return problems.stream().filter(p -> p.table().equals(table)).toList();
    }
}
