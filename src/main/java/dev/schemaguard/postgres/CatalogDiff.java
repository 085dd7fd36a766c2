package dev.schemaguard.postgres;

import dev.schemaguard.postgres.Catalog.Column;
import dev.schemaguard.postgres.Catalog.Constraint;
import dev.schemaguard.postgres.Catalog.Definition;
import dev.schemaguard.postgres.Catalog.EnumType;
import dev.schemaguard.postgres.Catalog.Index;
import dev.schemaguard.postgres.Catalog.Table;
import dev.schemaguard.postgres.CatalogChange.Kind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What changed between two {@link Catalog}s, as a change list a person reads: schemas, extensions, enums, other
 * types, sequences, tables, columns, constraints, indexes, views, functions, triggers, in that order, each group
 * sorted by object name. An object that came or went with its table (its columns, constraints, indexes and
 * triggers) is not listed apart from the table.
 */
public final class CatalogDiff {

    /**
     * The object kind of a change of column order alone. PostgreSQL cannot move a column: a column dropped and
     * added again comes last, so a down migration can never restore the order, and callers may weigh it apart.
     */
    public static final String COLUMN_ORDER = "column order";

    private CatalogDiff() {
    }

    /** The changes that turn {@code before} into {@code after}; empty when the two are the same. */
    public static List<CatalogChange> between(Catalog before, Catalog after) {
        Set<String> relationsAddedOrDropped = new TreeSet<>();
        relationsAddedOrDropped.addAll(addedOrDropped(before.tables().keySet(), after.tables().keySet()));
        relationsAddedOrDropped.addAll(addedOrDropped(before.views().keySet(), after.views().keySet()));

        List<CatalogChange> changes = new ArrayList<>();
        changes.addAll(sorted(schemas(before.schemas(), after.schemas())));
        changes.addAll(sorted(extensions(before.extensions(), after.extensions())));
        changes.addAll(sorted(enums(before.enums(), after.enums())));
        changes.addAll(sorted(definitions(before.types(), after.types())));
        changes.addAll(sorted(definitions(before.sequences(), after.sequences())));
        changes.addAll(sorted(tables(before.tables(), after.tables())));
        changes.addAll(sorted(columns(before.tables(), after.tables())));
        changes.addAll(sorted(constraints(before.tables(), after.tables())));
        changes.addAll(sorted(indexes(before.indexes(), after.indexes(), relationsAddedOrDropped)));
        changes.addAll(sorted(definitions(before.views(), after.views())));
        changes.addAll(sorted(definitions(before.functions(), after.functions())));
        changes.addAll(sorted(definitions(before.triggers(), after.triggers(),
                trigger -> relationsAddedOrDropped.stream().anyMatch(table -> trigger.startsWith(table + ".")))));
        return List.copyOf(changes);
    }

    /** One line of counts: {@code 3 changes (1 added, 1 dropped, 1 changed)}, or {@code no changes}. */
    public static String summary(List<CatalogChange> changes) {
        if (changes.isEmpty()) {
            return "no changes";
        }
        Map<Kind, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(CatalogChange::kind, () -> new EnumMap<>(Kind.class),
                        Collectors.counting()));
        String details = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + word(e.getKey()))
                .collect(Collectors.joining(", "));
        return changes.size() + (changes.size() == 1 ? " change (" : " changes (") + details + ")";
    }

    private static String word(Kind kind) {
        return switch (kind) {
            case ADDED -> "added";
            case REMOVED -> "dropped";
            case CHANGED -> "changed";
        };
    }

    private static List<CatalogChange> schemas(Set<String> before, Set<String> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before, after)) {
            if (!before.contains(name)) {
                changes.add(added("schema", name, ""));
            } else if (!after.contains(name)) {
                changes.add(dropped("schema", name));
            }
        }
        return changes;
    }

    private static List<CatalogChange> extensions(Map<String, String> before, Map<String, String> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            String was = before.get(name);
            String is = after.get(name);
            if (was == null) {
                changes.add(added("extension", name, " (version " + is + ")"));
            } else if (is == null) {
                changes.add(dropped("extension", name));
            } else if (!was.equals(is)) {
                changes.add(changed("extension", name, "version " + was + " → " + is));
            }
        }
        return changes;
    }

    private static List<CatalogChange> enums(Map<String, EnumType> before, Map<String, EnumType> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            EnumType was = before.get(name);
            EnumType is = after.get(name);
            if (was == null) {
                changes.add(added("enum", name, " (" + literals(is.values()) + ")"));
            } else if (is == null) {
                changes.add(dropped("enum", name));
            } else {
                for (String value : is.values()) {
                    if (!was.values().contains(value)) {
                        changes.add(changed("enum", name, "value " + literal(value) + " added"));
                    }
                }
                for (String value : was.values()) {
                    if (!is.values().contains(value)) {
                        changes.add(changed("enum", name, "value " + literal(value) + " removed"));
                    }
                }
                List<String> wasOrder = common(was.values(), is.values());
                List<String> isOrder = common(is.values(), was.values());
                if (!wasOrder.equals(isOrder)) {
                    changes.add(changed("enum", name,
                            "value order " + literals(wasOrder) + " → " + literals(isOrder)));
                }
            }
        }
        return changes;
    }

    /** Added and dropped tables, and a new relative order of the columns a table keeps. */
    private static List<CatalogChange> tables(Map<String, Table> before, Map<String, Table> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            Table was = before.get(name);
            Table is = after.get(name);
            if (was == null) {
                changes.add(added("table", name, ""));
            } else if (is == null) {
                changes.add(dropped("table", name));
            } else {
                if (!was.options().equals(is.options())) {
                    changes.add(changed("table", name, "storage parameters " + options(was) + " → " + options(is)));
                }
                List<String> wasOrder = common(columnNames(was), columnNames(is));
                List<String> isOrder = common(columnNames(is), columnNames(was));
                if (!wasOrder.equals(isOrder)) {
                    changes.add(new CatalogChange(COLUMN_ORDER, name, Kind.CHANGED, "table " + name + ": column order " + String.join(", ", wasOrder) + " → "
                            + String.join(", ", isOrder)));
                }
            }
        }
        return changes;
    }

    /** Columns of the tables in both catalogs; those of added and dropped tables go with their table. */
    private static List<CatalogChange> columns(Map<String, Table> before, Map<String, Table> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (Table was : before.values()) {
            Table is = after.get(was.displayName());
            if (is == null) {
                continue;
            }
            for (String column : union(columnNames(was), columnNames(is))) {
                String name = was.displayName() + "." + column;
                Column wasColumn = was.column(column);
                Column isColumn = is.column(column);
                if (wasColumn == null) {
                    changes.add(added("column", name, " (" + specification(isColumn) + ")"));
                } else if (isColumn == null) {
                    changes.add(dropped("column", name));
                } else {
                    changes.addAll(columnChanges(name, wasColumn, isColumn));
                }
            }
        }
        return changes;
    }

    private static List<CatalogChange> columnChanges(String name, Column was, Column is) {
        List<CatalogChange> changes = new ArrayList<>();
        if (!was.type().equals(is.type())) {
            changes.add(changed("column", name, "type " + was.type() + " → " + is.type()));
        }
        if (was.notNull() != is.notNull()) {
            changes.add(changed("column", name, is.notNull() ? "NOT NULL added" : "NOT NULL removed"));
        }
        describeClause(changes, name, "DEFAULT ", was.defaultExpression(), is.defaultExpression());
        describeClause(changes, name, "", identity(was), identity(is));
        describeClause(changes, name, "", generated(was), generated(is));
        describeClause(changes, name, "COLLATE ", was.collation(), is.collation());
        return changes;
    }

    /** A table's storage parameters as WITH (...) would list them; {@code (none)} without any. */
    private static String options(Table table) {
        return table.options().isEmpty() ? "(none)" : "(" + String.join(", ", table.options()) + ")";
    }

    /** A clause of a column that may come, go or change: {@code DEFAULT 0 added}, {@code DEFAULT 0 → 1}. */
    private static void describeClause(List<CatalogChange> changes, String column, String prefix, String was,
                                       String is) {
        if (was == null && is != null) {
            changes.add(changed("column", column, prefix + is + " added"));
        } else if (was != null && is == null) {
            changes.add(changed("column", column, prefix + was + " removed"));
        } else if (was != null && !was.equals(is)) {
            changes.add(changed("column", column, prefix + was + " → " + is));
        }
    }

    /** A column as CREATE TABLE would declare it, after its name. */
    private static String specification(Column column) {
        StringBuilder s = new StringBuilder(column.type());
        if (identity(column) != null) {
            s.append(' ').append(identity(column));
        }
        if (generated(column) != null) {
            s.append(' ').append(generated(column));
        }
        if (column.notNull()) {
            s.append(" NOT NULL");
        }
        if (column.defaultExpression() != null) {
            s.append(" DEFAULT ").append(column.defaultExpression());
        }
        return s.toString();
    }

    private static String identity(Column column) {
        return column.identity().isEmpty() ? null : "GENERATED " + column.identity().toUpperCase() + " AS IDENTITY";
    }

    private static String generated(Column column) {
        return column.generated() == null ? null : "GENERATED ALWAYS AS (" + column.generated() + ")";
    }

    private static List<CatalogChange> constraints(Map<String, Table> before, Map<String, Table> after) {
        List<CatalogChange> changes = new ArrayList<>();
        for (Table was : before.values()) {
            Table is = after.get(was.displayName());
            if (is == null) {
                continue;
            }
            Map<String, Constraint> wasByName = byName(was.constraints(), Constraint::name);
            Map<String, Constraint> isByName = byName(is.constraints(), Constraint::name);
            for (String constraint : union(wasByName.keySet(), isByName.keySet())) {
                String name = was.displayName() + "." + constraint;
                Constraint wasConstraint = wasByName.get(constraint);
                Constraint isConstraint = isByName.get(constraint);
                if (wasConstraint == null) {
                    changes.add(added("constraint", name, " (" + isConstraint.definition() + ")"));
                } else if (isConstraint == null) {
                    changes.add(dropped("constraint", name));
                } else {
                    if (wasConstraint.validated() != isConstraint.validated()) {
                        changes.add(changed("constraint", name,
                                isConstraint.validated() ? "NOT VALID → valid" : "valid → NOT VALID"));
                    }
                    String wasDefinition = withoutNotValid(wasConstraint.definition());
                    String isDefinition = withoutNotValid(isConstraint.definition());
                    if (!wasDefinition.equals(isDefinition)) {
                        changes.add(changed("constraint", name, wasDefinition + " → " + isDefinition));
                    }
                }
            }
        }
        return changes;
    }

    /** pg_get_constraintdef appends NOT VALID; validation is reported on its own, not as a new definition. */
    private static String withoutNotValid(String definition) {
        return definition.endsWith(" NOT VALID")
                ? definition.substring(0, definition.length() - " NOT VALID".length()) : definition;
    }

    private static List<CatalogChange> indexes(Map<String, Index> before, Map<String, Index> after,
                                               Set<String> relationsAddedOrDropped) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            Index was = before.get(name);
            Index is = after.get(name);
            if (relationsAddedOrDropped.contains((was != null ? was : is).table())) {
                continue;
            }
            if (was == null) {
                changes.add(added("index", name, is.valid() ? "" : ", INVALID"));
            } else if (is == null) {
                changes.add(dropped("index", name));
            } else {
                if (was.valid() != is.valid()) {
                    changes.add(changed("index", name, is.valid() ? "INVALID → valid" : "valid → INVALID"));
                }
                if (!was.definition().equals(is.definition())) {
                    changes.add(changed("index", name, was.definition() + " → " + is.definition()));
                }
            }
        }
        return changes;
    }

    private static List<CatalogChange> definitions(Map<String, Definition> before, Map<String, Definition> after) {
        return definitions(before, after, name -> false);
    }

    /**
     * Objects compared by definition text. A one-line definition is shown before and after; a longer one (a
     * function body, a view's query) only as changed, since inline it would not be readable.
     */
    private static List<CatalogChange> definitions(Map<String, Definition> before, Map<String, Definition> after,
                                                   Predicate<String> goesWithItsTable) {
        List<CatalogChange> changes = new ArrayList<>();
        for (String name : union(before.keySet(), after.keySet())) {
            if (goesWithItsTable.test(name)) {
                continue;
            }
            Definition was = before.get(name);
            Definition is = after.get(name);
            if (was == null) {
                changes.add(added(is.kind(), name, ""));
            } else if (is == null) {
                changes.add(dropped(was.kind(), name));
            } else if (!was.kind().equals(is.kind())) {
                changes.add(new CatalogChange(is.kind(), name, Kind.CHANGED,
                        was.kind() + " " + name + " is now a " + is.kind()));
            } else if (!was.definition().equals(is.definition())) {
                String wasText = was.definition().strip();
                String isText = is.definition().strip();
                boolean oneLine = !wasText.contains("\n") && !isText.contains("\n");
                changes.add(oneLine
                        ? changed(is.kind(), name, wasText + " → " + isText)
                        : new CatalogChange(is.kind(), name, Kind.CHANGED, is.kind() + " " + name + " changed"));
            }
        }
        return changes;
    }

    private static CatalogChange added(String objectKind, String name, String detail) {
        return new CatalogChange(objectKind, name, Kind.ADDED, objectKind + " " + name + " added" + detail);
    }

    private static CatalogChange dropped(String objectKind, String name) {
        return new CatalogChange(objectKind, name, Kind.REMOVED, objectKind + " " + name + " dropped");
    }

    private static CatalogChange changed(String objectKind, String name, String what) {
        return new CatalogChange(objectKind, name, Kind.CHANGED, objectKind + " " + name + ": " + what);
    }

    /** A group in name order; a stable sort keeps several changes of one object in the order they were found. */
    private static List<CatalogChange> sorted(List<CatalogChange> changes) {
        changes.sort(Comparator.comparing(CatalogChange::object));
        return changes;
    }

    private static Set<String> addedOrDropped(Set<String> before, Set<String> after) {
        Set<String> names = new TreeSet<>(union(before, after));
        names.removeIf(name -> before.contains(name) && after.contains(name));
        return names;
    }

    private static SortedSet<String> union(Collection<String> a, Collection<String> b) {
        SortedSet<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    /** The items of {@code list} that {@code other} has too, in {@code list}'s order. */
    private static List<String> common(List<String> list, List<String> other) {
        return list.stream().filter(other::contains).toList();
    }

    private static List<String> columnNames(Table table) {
        return table.columns().stream().map(Column::name).toList();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity()));
    }

    private static String literals(List<String> values) {
        return values.stream().map(CatalogDiff::literal).collect(Collectors.joining(", "));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
