package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names one level of a query can see: the relations of its FROM clause (or a DML statement's target), the CTEs
 * its WITH clause defines, the columns a JOIN ... USING merged, and its select list, which ORDER BY and GROUP BY may
 * name. Scopes nest as the SQL does, so that a column a subquery does not have is looked for in the queries around it.
 */
final class QueryScope {

    private final QueryScope parent;
    /** False for a subquery in FROM without LATERAL: it sees the queries around its query, not that query's FROM. */
    private final boolean seesParentRelations;
    private final List<Relation> relations = new ArrayList<>(4);
    private Map<String, QueryOutput> ctes;
    private Set<String> mergedColumns;
    private QueryOutput output;

    QueryScope(QueryScope parent, boolean seesParentRelations) {
        this.parent = parent;
        this.seesParentRelations = seesParentRelations;
    }

    /** A scope of only some relations, with the columns merged so far: one side of a JOIN ... USING. */
    static QueryScope of(List<Relation> relations, Set<String> mergedColumns) {
        QueryScope scope = new QueryScope(null, false);
        scope.relations.addAll(relations);
        if (!mergedColumns.isEmpty()) {
            scope.mergedColumns = new HashSet<>(mergedColumns);
        }
        return scope;
    }

    void add(Relation relation) {
        relations.add(relation);
    }

    List<Relation> relations() {
        return relations;
    }

    void defineCte(String name, QueryOutput columns) {
        if (ctes == null) {
            ctes = new HashMap<>();
        }
        ctes.put(name, columns);
    }

    /** The CTE a table name refers to here, or {@code null}: a CTE shadows a table of the same name. */
    QueryOutput cte(String name) {
        for (QueryScope scope = this; scope != null; scope = scope.parent) {
            QueryOutput columns = scope.ctes == null ? null : scope.ctes.get(name);
            if (columns != null) {
                return columns;
            }
        }
        return null;
    }

    /** Records a column JOIN ... USING merged: its unqualified name then means the join's one column. */
    void mergeColumn(String column) {
        if (mergedColumns == null) {
            mergedColumns = new HashSet<>();
        }
        mergedColumns.add(column);
    }

    boolean merged(String column) {
        return mergedColumns != null && mergedColumns.contains(column);
    }

    Set<String> mergedColumns() {
        return mergedColumns == null ? Set.of() : mergedColumns;
    }

    void setOutput(QueryOutput output) {
        this.output = output;
    }

    /** The select list of this level's query, or {@code null} (a DML statement, a VALUES list). */
    QueryOutput output() {
        return output;
    }

    /** The nearest enclosing scope whose relations a name written here can refer to, or {@code null}. */
    QueryScope outer() {
        return seesParentRelations || parent == null ? parent : parent.outer();
    }

    /** The relation a qualifier names (alias, table or CTE name, or schema and table), innermost first, or null. */
    Relation find(String schema, String qualifier) {
        for (QueryScope scope = this; scope != null; scope = scope.outer()) {
            for (Relation relation : scope.relations) {
                if (relation.answersTo(schema, qualifier)) {
                    return relation;
                }
            }
        }
        return null;
    }

    /** A table's key as {@link SchemaColumns} knows it: without the {@code public} schema. */
    static String tableKey(String schema, String table) {
        return schema == null || schema.equals("public") ? table : schema + "." + table;
    }

    /** Something a query reads rows from, a table, CTE, subquery or function, under the name the query gives it. */
    static final class Relation {

        /** {@code null} for a subquery without an alias, which no qualifier can name. */
        private final String name;
        private final boolean aliased;
        /** The table's key for a table, known to the schema or not; {@code null} for anything else. */
        private final String key;
        /** A schema table's columns; {@code null} for anything else. */
        private final Set<String> columns;
        /** The columns of anything but a schema table. */
        private final QueryOutput output;

        private Relation(String name, boolean aliased, String key, Set<String> columns, QueryOutput output) {
            this.name = name;
            this.aliased = aliased;
            this.key = key;
            this.columns = columns;
            this.output = output;
        }

        static Relation table(String key, String table, String alias, Set<String> columns) {
            return new Relation(alias == null ? table : alias, alias != null, key, columns, null);
        }

        static Relation unknownTable(String key, String table, String alias) {
            return new Relation(alias == null ? table : alias, alias != null, key, null, QueryOutput.unknown());
        }

        static Relation derived(String name, QueryOutput output) {
            return new Relation(name, true, null, null, output);
        }

        /** The same table under another name: INSERT ... ON CONFLICT's EXCLUDED row. */
        Relation named(String alias) {
            return new Relation(alias, true, key, columns, output);
        }

        String key() {
            return key;
        }

        boolean isSchemaTable() {
            return columns != null;
        }

        boolean answersTo(String schema, String qualifier) {
            if (schema == null) {
                return qualifier.equals(name);
            }
            return !aliased && key != null && key.equals(tableKey(schema, qualifier));
        }

        /** An unqualified column: found only where the schema (or the subquery's select list) has it. */
        ColumnMatch lookup(String column) {
            if (columns != null) {
                return columns.contains(column) ? ColumnMatch.found(List.of(read(column))) : ColumnMatch.absent();
            }
            return output.lookup(column);
        }

        /**
         * A column the query qualifies with this relation. On a schema table it is a reference whether or not the
         * schema has the column: a consumer reading a column a migration dropped is exactly what must be reported.
         */
        ColumnMatch lookupQualified(String column) {
            return columns != null ? ColumnMatch.found(List.of(read(column))) : output.lookup(column);
        }

        /** What {@code *} over this relation reads: a star reference on a schema table, nothing new otherwise. */
        List<Reference> starReferences() {
            return columns != null ? List.of(new Reference(key, null, Reference.Access.READ, true)) : List.of();
        }

        /** The columns {@code *} over this relation returns. */
        List<QueryOutput.Column> outputColumns() {
            if (columns == null) {
                return output.columns();
            }
            List<QueryOutput.Column> result = new ArrayList<>(columns.size());
            for (String column : columns) {
                result.add(QueryOutput.Column.unordered(column, PendingReference.known(read(column))));
            }
            return result;
        }

        private Reference read(String column) {
            return new Reference(key, column, Reference.Access.READ, false);
        }

        /** The relation as a message names it: {@code players p}, {@code players}, or a CTE or alias name. */
        String describe() {
            if (key == null) {
                return name == null ? "a subquery without an alias" : name;
            }
            return aliased ? key + " " + name : key;
        }
    }
}
