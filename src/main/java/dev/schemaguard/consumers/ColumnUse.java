package dev.schemaguard.consumers;

import dev.schemaguard.consumers.QueryScope.Relation;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A column, or all columns ({@code *}, {@code p.*}), named at one place of a statement, resolved as PostgreSQL
 * resolves it once the statement's scopes are complete: a qualified name through the relation its qualifier names,
 * an unqualified one through the innermost query level that has it. What cannot be attributed to exactly one
 * relation becomes a problem, never a guess.
 */
final class ColumnUse implements PendingReference {

    /** Where an unqualified name stands, which decides whether it may name a select list column. */
    enum Role {
        /** An expression: only the relations' columns. */
        VALUE,
        /** A bare name in ORDER BY: a select list column first, then the relations' columns. */
        ORDER_BY_NAME,
        /** A bare name in GROUP BY: the relations' columns first, then a select list column. */
        GROUP_BY_NAME
    }

    private final QueryScope scope;
    private final String schema;
    private final String qualifier;
    /** {@code null} for a star. */
    private final String column;
    private final int line;
    private final List<Resolution.Problem> problems;
    private Role role = Role.VALUE;
    private List<Reference> resolved;
    private boolean resolving;

    private ColumnUse(QueryScope scope, String schema, String qualifier, String column, int line,
                      List<Resolution.Problem> problems) {
        this.scope = scope;
        this.schema = schema;
        this.qualifier = qualifier;
        this.column = column;
        this.line = line;
        this.problems = problems;
    }

    /** {@code column}, {@code t.column} or {@code schema.t.column}; problems go to {@code problems}. */
    static ColumnUse column(QueryScope scope, String schema, String qualifier, String column, int line,
                            List<Resolution.Problem> problems) {
        return new ColumnUse(scope, schema, qualifier, column, line, problems);
    }

    /** {@code *} (without a qualifier) or {@code t.*}. */
    static ColumnUse star(QueryScope scope, String schema, String qualifier, int line,
                          List<Resolution.Problem> problems) {
        return new ColumnUse(scope, schema, qualifier, null, line, problems);
    }

    @Override
    public int line() {
        return line;
    }

    void setRole(Role role) {
        this.role = role;
    }

    @Override
    public List<Reference> references() {
        if (resolved == null) {
            if (resolving) {
                return List.of(); // a recursive CTE's column defined through itself
            }
            resolving = true;
            resolved = column == null ? star() : qualifier == null ? unqualified() : qualified();
        }
        return resolved;
    }

    /** The relations a star covers: every one of its query level for {@code *}; {@code null} if a qualifier names none. */
    List<Relation> starredRelations() {
        if (qualifier == null) {
            return scope.relations();
        }
        Relation relation = scope.find(schema, qualifier);
        return relation == null ? null : List.of(relation);
    }

    private List<Reference> star() {
        List<Relation> relations = starredRelations();
        if (relations == null) {
            problem("\"" + written() + ".*\": no table or alias \"" + qualifier + "\" in scope");
            return List.of();
        }
        List<Reference> references = new ArrayList<>(relations.size());
        for (Relation relation : relations) {
            references.addAll(relation.starReferences());
        }
        return references;
    }

    private List<Reference> qualified() {
        Relation relation = scope.find(schema, qualifier);
        if (relation == null) {
            problem("\"" + written() + "." + column + "\": no table or alias \"" + qualifier + "\" in scope");
            return List.of();
        }
        ColumnMatch match = relation.lookupQualified(column);
        if (match.kind() == ColumnMatch.Kind.ABSENT) {
            problem("\"" + written() + "." + column + "\": " + relation.describe() + " has no column \"" + column
                    + "\"");
        }
        return match.references();
    }

    private List<Reference> unqualified() {
        if (role == Role.ORDER_BY_NAME) {
            ColumnMatch output = outputMatch();
            if (output.kind() == ColumnMatch.Kind.FOUND) {
                return output.references();
            }
        }
        for (QueryScope level = scope; level != null; level = level.outer()) {
            if (level.merged(column)) {
                return List.of(); // JOIN ... USING read it on both sides
            }
            List<Relation> having = new ArrayList<>(1);
            List<Relation> unknown = new ArrayList<>(0);
            List<Reference> references = List.of();
            for (Relation relation : level.relations()) {
                ColumnMatch match = relation.lookup(column);
                if (match.kind() == ColumnMatch.Kind.FOUND) {
                    having.add(relation);
                    references = match.references();
                } else if (match.kind() == ColumnMatch.Kind.UNKNOWN) {
                    unknown.add(relation);
                }
            }
            if (having.size() > 1) {
                problem("column \"" + column + "\" is ambiguous: each of " + describe(having) + " has one");
                return List.of();
            }
            if (having.size() == 1 && !unknown.isEmpty()) {
                problem("column \"" + column + "\" may be " + having.get(0).describe() + "'s or "
                        + describe(unknown) + "'s, whose columns the schema does not list: qualify it");
                return List.of();
            }
            if (having.size() == 1) {
                return references;
            }
            if (!unknown.isEmpty()) {
                return List.of(); // a column of a table the schema does not have: the consumer's own
            }
        }
        if (role == Role.GROUP_BY_NAME) {
            ColumnMatch output = outputMatch();
            if (output.kind() == ColumnMatch.Kind.FOUND) {
                return output.references();
            }
        }
        Relation wholeRow = scope.find(null, column);
        if (wholeRow != null) {
            return wholeRow.starReferences(); // row_to_json(p): the whole row of p
        }
        List<Relation> visible = new ArrayList<>();
        for (QueryScope level = scope; level != null; level = level.outer()) {
            visible.addAll(level.relations());
        }
        problem(visible.isEmpty() ? "column \"" + column + "\": the query has no table here"
                : "column \"" + column + "\" is not a column of " + describe(visible) + " in the schema");
        return List.of();
    }

    private ColumnMatch outputMatch() {
        return scope.output() == null ? ColumnMatch.absent() : scope.output().lookup(column);
    }

    private static String describe(List<Relation> relations) {
        StringJoiner names = new StringJoiner(", ");
        for (Relation relation : relations) {
            names.add(relation.describe());
        }
        return names.toString();
    }

    private String written() {
        return schema == null ? qualifier : schema + "." + qualifier;
    }

    private void problem(String message) {
        problems.add(new Resolution.Problem(line, message));
    }
}
