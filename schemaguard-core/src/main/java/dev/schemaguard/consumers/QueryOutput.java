package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns a query returns: its select list, a DML statement's RETURNING list, VALUES' {@code column1}...
 * A CTE or subquery is read through them, so that {@code x.tid} of {@code WITH x AS (SELECT p.team_id AS tid ...)}
 * resolves to {@code players.team_id}, and a column of {@code WITH x AS (SELECT * FROM players)} to that column of
 * players. Star items expand only when first looked up, once every relation of the statement is known.
 */
final class QueryOutput {

    /**
     * One column a query returns.
     *
     * @param name    its name; {@code null} for columns that cannot be listed (a star over a table the schema does not
     *                have, a function's result)
     * @param source  the schema columns it passes on, or {@code null} for a computed column
     * @param ordered whether its position is known: a star over a schema table lists its columns in no known order
     */
    record Column(String name, PendingReference source, boolean ordered) {

        static Column unordered(String name, PendingReference source) {
            return new Column(name, source, false);
        }

        List<Reference> references() {
            return source == null ? List.of() : source.references();
        }
    }

    /** PostgreSQL's name for a column it cannot name after a column or function. */
    private static final String UNNAMED = "?column?";
    private static final Column UNLISTED = new Column(null, null, false);

    /** A select list item: a named column, or a star to expand. */
    private record Item(String name, ColumnUse use, boolean star) {
    }

    private final List<Item> items = new ArrayList<>();
    private QueryOutput source;
    private List<String> renames;
    private List<Column> columns;
    private boolean expanding;

    /** The columns of a table the schema does not have: none can be listed. */
    static QueryOutput unknown() {
        QueryOutput output = new QueryOutput();
        output.columns = List.of(UNLISTED);
        return output;
    }

    /** Columns known by name only (VALUES, a function's column list), followed by unlisted ones when open. */
    static QueryOutput named(List<String> names, boolean open) {
        QueryOutput output = new QueryOutput();
        List<Column> columns = new ArrayList<>(names.size() + 1);
        for (String name : names) {
            columns.add(new Column(name, null, true));
        }
        if (open) {
            columns.add(UNLISTED);
        }
        output.columns = columns;
        return output;
    }

    /** A select list column: named by its alias or after its expression, passing on the column it is, if any. */
    void add(String name, ColumnUse use) {
        items.add(new Item(name == null ? UNNAMED : name, use, false));
    }

    /** A select list star ({@code *} or {@code p.*}). */
    void addStar(ColumnUse star) {
        items.add(new Item(null, star, true));
    }

    /** These columns are another query's, renamed by position where {@code names} is not null: a CTE's body. */
    void derive(QueryOutput body, List<String> names) {
        this.source = body;
        this.renames = names;
    }

    /** Another query's columns renamed by position: {@code (SELECT ...) AS s(a, b)}. */
    QueryOutput renamed(List<String> names) {
        QueryOutput output = new QueryOutput();
        output.derive(this, names);
        return output;
    }

    ColumnMatch lookup(String name) {
        boolean unlisted = false;
        for (Column column : columns()) {
            if (column.name() == null) {
                unlisted = true;
            } else if (column.name().equals(name)) {
                return ColumnMatch.found(column.references());
            }
        }
        return unlisted ? ColumnMatch.unknown() : ColumnMatch.absent();
    }

    List<Column> columns() {
        if (columns != null) {
            return columns;
        }
        if (expanding) {
            return List.of(UNLISTED); // a recursive CTE read in its own definition
        }
        expanding = true;
        columns = source != null ? renamedByPosition(source.columns(), renames) : expandItems();
        expanding = false;
        return columns;
    }

    private List<Column> expandItems() {
        List<Column> result = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!item.star()) {
                result.add(new Column(item.name(), item.use(), true));
                continue;
            }
            List<QueryScope.Relation> relations = item.use().starredRelations();
            if (relations == null) {
                result.add(UNLISTED); // the star's qualifier names nothing; its use reports that
                continue;
            }
            for (QueryScope.Relation relation : relations) {
                result.addAll(relation.outputColumns());
            }
        }
        return result;
    }

    /** Renames by position up to the first column whose position is unknown; names past it are unknown too. */
    private static List<Column> renamedByPosition(List<Column> columns, List<String> names) {
        if (names == null) {
            return columns;
        }
        List<Column> result = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (i < names.size() && (column.name() == null || !column.ordered())) {
                result.add(UNLISTED);
                return result;
            }
            result.add(i < names.size() ? new Column(names.get(i), column.source(), true) : column);
        }
        return result;
    }
}
