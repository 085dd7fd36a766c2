package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds Knex query-builder chains in a file's code and what each reads and writes:
 * {@code knex('users').where({ admin: true }).select('name')} reads {@code users.admin} and {@code users.name};
 * {@code knex('users').insert({ name })} writes {@code users.name}. The chain's table is named by {@code knex('t')},
 * {@code .from('t')}, {@code .table('t')} or {@code .into('t')}, and joined tables by the joins; a column qualified by
 * a table's name ({@code 'teams.label'}) is that table's. A chain with a part the reader cannot follow (a variable
 * where names are expected, a callback, a method it does not know) is incomplete: what it names is still used, and it
 * is counted as not analysed.
 */
final class KnexChains {

    private static final Set<String> TABLES = Set.of("from", "table", "into");
    private static final Set<String> JOINS = Set.of("join", "innerJoin", "leftJoin", "leftOuterJoin", "rightJoin",
            "rightOuterJoin", "fullOuterJoin", "crossJoin");
    /** Every string argument is a column read ({@code select('a', 'b as c')}, {@code select(['a'])}). */
    private static final Set<String> READ_ALL = Set.of("select", "column", "columns", "distinct", "groupBy",
            "returning", "first", "pluck");
    /** The first argument is a column read, or an object of columns compared ({@code where({ a: 1 })}). */
    private static final Set<String> READ_FIRST = Set.of("where", "andWhere", "orWhere", "whereNot", "orWhereNot",
            "whereIn", "orWhereIn", "whereNotIn", "orWhereNotIn", "whereNull", "orWhereNull", "whereNotNull",
            "orWhereNotNull", "whereBetween", "orWhereBetween", "whereNotBetween", "whereLike", "whereILike",
            "having", "orderBy", "max", "min", "sum", "avg", "count", "countDistinct", "onConflict");
    /** The first argument is a column written, or an object (or a list of objects) of columns written. */
    private static final Set<String> WRITE = Set.of("insert", "update", "upsert", "increment", "decrement", "merge");
    /** Links that name nothing. */
    private static final Set<String> NEUTRAL = Set.of("limit", "offset", "del", "delete", "truncate", "ignore",
            "forUpdate", "forShare", "noWait", "skipLocked", "transacting", "timeout", "then", "catch", "finally",
            "clone", "debug", "toString", "toSQL", "as", "clearSelect", "clearWhere", "clearOrder");
    private static final Set<String> WRITING = Set.of("insert", "update", "upsert", "increment", "decrement", "del",
            "delete", "truncate");

    private record Link(String name, int open, int close) {
    }

    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final List<ClientCall> calls;

    KnexChains(SourceLexer lexer, List<ClientCall> calls) {
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.calls = calls;
    }

    void find() {
        for (int i = 0; i < tokens.size(); i++) {
            // A chain starts at a name no dot precedes, or at this.knex (this.knex('t') is read from this).
            boolean knex = tokens.isIdent(i, "knex");
            if (tokens.kind(i) != SourceTokens.IDENT
                    || i > 0 && tokens.isPunct(i - 1, '.') && !(knex && !tokens.isPunct(i + 1, '('))) {
                continue;
            }
            List<Link> links = new ArrayList<>();
            int p = i + 1;
            if (tokens.isPunct(p, '(')) {
                links.add(new Link(tokens.text(i), p, tokens.closing(p)));
                p = tokens.closing(p) + 1;
            }
            while (tokens.isPunct(p, '.') && tokens.kind(p + 1) == SourceTokens.IDENT && tokens.isPunct(p + 2, '(')) {
                int close = tokens.closing(p + 2);
                links.add(new Link(tokens.text(p + 1), p + 2, close));
                p = close + 1;
            }
            if (knex || links.stream().anyMatch(l -> l.name().equals("knex") || isBuilderMethod(l.name()))) {
                chain(links);
            }
        }
    }

    /**
     * A method only a query builder has: {@code Buffer.from('abc')} names no table, {@code x.from('users').select('a')}
     * does.
     */
    private static boolean isBuilderMethod(String name) {
        return JOINS.contains(name) || READ_ALL.contains(name) || READ_FIRST.contains(name) || WRITE.contains(name)
                || WRITING.contains(name);
    }

    /** Whether a call of this name is a link the chains are read from, so counted with its chain, not on its own. */
    static boolean isLink(String name) {
        return name.equals("knex") || TABLES.contains(name) || isBuilderMethod(name);
    }

    private void chain(List<Link> links) {
        List<String> tables = new ArrayList<>();
        String table = null;
        boolean writes = false;
        for (Link link : links) {
            boolean names = link.name().equals("knex") || TABLES.contains(link.name());
            if (names && isString(link.open() + 1)) {
                table = table == null ? tableName(link.open() + 1) : table;
            }
            writes |= WRITING.contains(link.name());
        }
        if (table == null) {
            return;
        }
        tables.add(table);
        List<ClientCall.Use> uses = new ArrayList<>();
        boolean complete = true;
        Reference.Access access = writes ? Reference.Access.WRITE : Reference.Access.READ;
        uses.add(new ClientCall.Use(table, null, access, lexer.lineOf(links.get(0).open())));
        for (Link link : links) {
            String name = link.name();
            List<Integer> arguments = arguments(link);
            if (name.equals("knex") || TABLES.contains(name)) {
                complete &= !arguments.isEmpty() && isString(arguments.get(0));
            } else if (JOINS.contains(name)) {
                if (arguments.isEmpty() || !isString(arguments.get(0))) {
                    complete = false;
                    continue;
                }
                String joined = tableName(arguments.get(0));
                tables.add(joined);
                uses.add(new ClientCall.Use(joined, null, Reference.Access.READ, lexer.lineOf(arguments.get(0))));
                for (int a = 1; a < arguments.size(); a++) {
                    complete &= column(arguments.get(a), tables, Reference.Access.READ, uses, true);
                }
            } else if (READ_ALL.contains(name)) {
                for (int argument : arguments) {
                    complete &= names(argument, tables, Reference.Access.READ, uses);
                }
            } else if (READ_FIRST.contains(name) || WRITE.contains(name)) {
                Reference.Access use = WRITE.contains(name) ? Reference.Access.WRITE : Reference.Access.READ;
                complete &= arguments.isEmpty() ? name.equals("merge") || name.equals("count")
                        : names(arguments.get(0), tables, use, uses);
            } else if (!NEUTRAL.contains(name)) {
                complete = false;
            }
        }
        calls.add(new ClientCall(lexer.lineOf(links.get(0).open()), complete, uses));
    }

    /** A string, a list of strings, an object's keys or a list of objects' keys: the columns named; false if not. */
    private boolean names(int argument, List<String> tables, Reference.Access access, List<ClientCall.Use> uses) {
        if (isString(argument)) {
            return column(argument, tables, access, uses, false);
        }
        if (tokens.isPunct(argument, '[')) {
            boolean all = true;
            for (int item : items(argument)) {
                all &= names(item, tables, access, uses);
            }
            return all;
        }
        if (tokens.isPunct(argument, '{')) {
            boolean all = true;
            for (int item : items(argument)) {
                boolean key = (tokens.kind(item) == SourceTokens.IDENT || isString(item))
                        && (tokens.isPunct(item + 1, ':') || tokens.isPunct(item + 1, ',')
                        || item + 1 == tokens.closing(argument));
                all &= key && column(item, tables, access, uses, false);
            }
            return all;
        }
        return false;
    }

    /**
     * A column name ({@code 'name'}, {@code 'users.name'}, {@code 'name as n'}), used in its table: the chain's, or the
     * one its qualifier names; {@code '*'} names none. Whether the column's table is known.
     */
    private boolean column(int token, List<String> tables, Reference.Access access, List<ClientCall.Use> uses,
                           boolean qualified) {
        String name = isString(token) ? lexer.value(token)
                : tokens.kind(token) == SourceTokens.IDENT ? tokens.text(token) : null;
        if (name == null) {
            return false;
        }
        name = name.strip().replaceFirst("(?i)\\s+as\\s+.*$", "");
        if (qualified && !name.chars().anyMatch(Character::isLetter)) {
            return true; // join('teams', 'users.team_id', '=', 'teams.id'): the operator
        }
        if (name.equals("*") || qualified && !name.contains(".")) {
            return name.equals("*");
        }
        String table = tables.get(0);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String qualifier = name.substring(0, dot);
            if (!tables.contains(qualifier)) {
                return false;
            }
            table = qualifier;
            name = name.substring(dot + 1);
        }
        if (name.equals("*")) {
            return true;
        }
        uses.add(new ClientCall.Use(table, name, access, lexer.lineOf(token)));
        return true;
    }

    /** The table a string names, without its alias ({@code 'users as u'}). */
    private String tableName(int token) {
        return lexer.value(token).strip().replaceFirst("(?i)\\s+as\\s+.*$", "");
    }

    /** The first token of each argument of a call, or item of a list or object literal. */
    private List<Integer> arguments(Link link) {
        return items(link.open());
    }

    private List<Integer> items(int open) {
        List<Integer> items = new ArrayList<>();
        int close = tokens.closing(open);
        int depth = 0;
        boolean start = true;
        for (int p = open + 1; p < close; p++) {
            if (start) {
                items.add(p);
                start = false;
            }
            if (depth == 0 && tokens.isPunct(p, ',')) {
                start = true;
            }
            depth += tokens.bracket(p);
        }
        return items;
    }

    private boolean isString(int token) {
        return tokens.kind(token) == SourceTokens.STRING && tokens.next(token) < 0;
    }

}
