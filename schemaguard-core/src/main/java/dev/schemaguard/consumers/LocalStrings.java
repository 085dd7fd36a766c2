package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string values a file's code gives to plain names, so that a fragment of SQL held in a local constant joins the
 * query it is interpolated into or appended to: {@code const searchQuery = search ? `and distinct_id ilike $2` : ''},
 * {@code sql_base = f"FROM destinations {w}"}, {@code sql += " AND quarantined_by IS NULL"}. A name is bound to a
 * literal (its interpolations left as holes), a concatenation of literals, or the longer literal of a simple
 * conditional ({@code c ? 'a' : 'b'}, {@code 'a' if c else 'b'}); the binding a use sees is the nearest one before it.
 * What is not that simple is left unbound, and stays a hole in the query.
 */
final class LocalStrings {

    /**
     * One assignment of a string to a name.
     *
     * @param at     the index of the name's token
     * @param append whether it is {@code name += ...}
     * @param text   the value, interpolations as {@link SourceLexer#INTERPOLATION}
     * @param end    the index after the value's last token
     */
    record Binding(int at, boolean append, String text, int end) {
    }

    /** Keywords that open a function: a binding in another function is not this one's. */
    private static final java.util.Set<String> FUNCTION_KEYWORDS = java.util.Set.of("def", "function", "func", "fun");
    private static final java.util.Set<String> DECLARATIONS = java.util.Set.of("const", "let", "var");

    private final SourceText source;
    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private Map<String, List<Binding>> bindings;
    /** Fragments followed through fragments at most: {@code a = f"{b}"; b = f"{a}"} must end. */
    private static final int MAX_DEPTH = 4;
    private int depth;
    /** The functions of the file, in order; computed on first need. */
    private List<Function> functions;
    /** For each token, the index of the last function keyword at or before it, or -1; computed on first need. */
    private int[] functionStarts;

    LocalStrings(SourceText source, SourceLexer lexer) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokens();
    }

    /** The value of {@code name} where the token {@code use} reads it, or {@code null} when it is not known. */
    String valueAt(String name, int use) {
        Binding last = null;
        StringBuilder appended = new StringBuilder();
        for (Binding binding : of(name)) {
            if (binding.end() > use) {
                break;
            }
            if (!binding.append()) {
                last = binding;
                appended.setLength(0);
            } else if (last != null) {
                appended.append(binding.text());
            }
        }
        return last == null || functionStartBefore(use) > last.at() && functionStartBefore(last.at()) >= 0
                ? null : last.text() + appended;
    }

    /**
     * What code appends to {@code name} after the assignment whose value ends at {@code end}, before the name is
     * assigned again or another function starts: {@code sql += " AND x IS NULL"} in the branches that follow.
     */
    List<Binding> appendedAfter(String name, int end) {
        List<Binding> appended = new ArrayList<>();
        int function = functionStartBefore(end);
        for (Binding binding : of(name)) {
            if (binding.at() < end) {
                continue;
            }
            if (!binding.append() || functionStartBefore(binding.at()) != function) {
                break;
            }
            appended.add(binding);
        }
        return appended;
    }

    /** The line of the value of a binding. */
    int lineOf(Binding binding) {
        return source.lineOf(tokens.start(binding.at() + 2));
    }

    /** The name assigned the value that starts at {@code first} ({@code name = <first>...}), or {@code null}. */
    String assignedAt(int first) {
        if (tokens.isPunct(first - 1, '=') && tokens.kind(first - 2) == SourceTokens.IDENT
                && !tokens.isPunct(first - 3, '.')) {
            return text(first - 2);
        }
        return null;
    }

    private List<Binding> of(String name) {
        if (bindings == null) {
            bindings = new HashMap<>();
            read();
        }
        return bindings.getOrDefault(name, List.of());
    }

    private void read() {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.kind(i) != SourceTokens.IDENT || tokens.isPunct(i - 1, '.')) {
                continue;
            }
            boolean assign = tokens.isPunct(i + 1, '=');
            boolean append = !assign && tokens.kind(i + 1) == SourceTokens.PUNCT && text(i + 1).equals("+=");
            int value = i + 2;
            if (!assign && !append && tokens.isPunct(i + 1, ':')) {
                // TypeScript's annotated constant: const clause: string = '...'
                int eq = i + 2;
                while (eq < tokens.size() && eq < i + 8 && !tokens.isPunct(eq, '=')) {
                    eq++;
                }
                assign = tokens.isPunct(eq, '=');
                value = eq + 1;
            }
            if (!assign && !append) {
                continue;
            }
            int[] end = new int[1];
            String text = value(value, end);
            if (text != null) {
                bindings.computeIfAbsent(text(i), k -> new ArrayList<>()).add(new Binding(i, append, text, end[0]));
            }
        }
    }

    /**
     * The text of a value starting at {@code first}: literals joined by {@code +} (Python: by adjacency), or the longer
     * branch of a conditional; {@code null} for anything else. {@code end[0]} gets the index after it.
     */
    private String value(int first, int[] end) {
        String literal = literals(first, end);
        if (literal == null) {
            // c ? 'a' : 'b' — the condition is a name or a member read
            int p = first;
            while (tokens.kind(p) == SourceTokens.IDENT || tokens.isPunct(p, '.') || tokens.isPunct(p, '!')) {
                p++;
            }
            if (p == first || !tokens.isPunct(p, '?')) {
                return null;
            }
            String yes = literals(p + 1, end);
            if (yes == null || !tokens.isPunct(end[0], ':')) {
                return null;
            }
            String no = literals(end[0] + 1, end);
            return no == null ? null : longer(yes, no);
        }
        if (tokens.isIdent(end[0], "if")) {
            // 'a' if c else 'b'
            int p = end[0] + 1;
            while (p < tokens.size() && p < end[0] + 12 && !tokens.isIdent(p, "else")) {
                p++;
            }
            if (!tokens.isIdent(p, "else")) {
                return null;
            }
            String no = literals(p + 1, end);
            return no == null ? null : longer(literal, no);
        }
        return literal;
    }

    /**
     * Appends a literal, each interpolation of a plain name that the code binds to a string in place of the name
     * ({@code ${searchQuery}}, {@code {clause}}), every other interpolation as a hole. A tagged template
     * ({@code sql`...${id}`}) sends each interpolation as a parameter, never as text.
     *
     * @return the literal's last token
     */
    int appendLiteral(int first, StringBuilder out) {
        boolean tagged = tokens.kind(first) == SourceTokens.TEMPLATE_HEAD && tokens.kind(first - 1) == SourceTokens.IDENT
                && tokens.end(first - 1) + 1 == tokens.start(first);
        int chunk = first;
        lexer.appendValue(chunk, out);
        while (tokens.next(chunk) >= 0) {
            int next = tokens.next(chunk);
            if (tagged) {
                out.append(SourceLexer.INTERPOLATION);
            } else {
                appendHole(chunk + 1, next, out);
            }
            chunk = next;
            lexer.appendValue(chunk, out);
        }
        return chunk;
    }

    /**
     * Appends what code puts into a string from tokens {@code start} up to {@code end}: the string a lone name is bound
     * to, else {@link SourceLexer#INTERPOLATION}, a parameter or an unknown fragment.
     */
    void appendHole(int start, int end, StringBuilder out) {
        String value = null;
        if (tokens.kind(start) == SourceTokens.IDENT && start + 1 == end && depth < MAX_DEPTH) {
            depth++;
            value = valueAt(text(start), start);
            depth--;
        }
        out.append(value == null ? String.valueOf(SourceLexer.INTERPOLATION) : value);
    }

    private String literals(int first, int[] end) {
        if (!tokens.isLiteralStart(first)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int p = first;
        while (true) {
            int last = appendLiteral(p, out);
            p = last + 1;
            if (tokens.isPunct(p, '.') || tokens.isPunct(p, '%') || tokens.isPunct(p, '[')) {
                return null; // " AND ".join(...), "... %s" % x, "abc"[1:]: the value is what the code makes of it
            }
            if (tokens.isLiteralStart(p)) {
                continue;
            }
            if (tokens.isPunct(p, '+') && tokens.isLiteralStart(p + 1)) {
                p++;
                continue;
            }
            break;
        }
        end[0] = p;
        return out.toString();
    }

    private static String longer(String a, String b) {
        return a.strip().length() >= b.strip().length() ? a : b;
    }

    /**
     * The functions whose bodies hold the token {@code at}, innermost first, by the names their keywords give them
     * ({@code def name}, {@code function name}, {@code func (r *T) name}, {@code fun name}) or the name an arrow
     * function or function expression is assigned to ({@code const name = async (sql) => { ... }}).
     */
    List<String> functionsAt(int at) {
        if (functions == null) {
            functions = new ArrayList<>();
            for (int p = 0; p < tokens.size(); p++) {
                Function function = null;
                if (tokens.kind(p) == SourceTokens.IDENT && FUNCTION_KEYWORDS.contains(text(p))) {
                    function = function(p);
                } else if (tokens.kind(p) == SourceTokens.PUNCT && text(p).equals("=>")) {
                    function = arrow(p);
                }
                if (function != null) {
                    functions.add(function);
                }
            }
            // Arrows are found at their arrow, after the functions they assign names in: innermost last, as the others.
            functions.sort(java.util.Comparator.comparingInt(Function::start));
        }
        List<String> names = new ArrayList<>();
        for (int i = functions.size() - 1; i >= 0; i--) {
            Function function = functions.get(i);
            if (function.start() < at && at < function.end()) {
                names.add(function.name());
            }
        }
        return names;
    }

    /** A function's name and the tokens of its body. */
    private record Function(String name, int start, int end) {
    }

    private Function function(int keyword) {
        int p = keyword + 1;
        if (tokens.isPunct(p, '*')) {
            p++; // function* generator
        }
        if (tokens.isPunct(p, '(')) {
            p = tokens.closing(p) + 1; // Go's receiver: func (s *Store) name(...)
        }
        if (tokens.kind(p) != SourceTokens.IDENT) {
            return null;
        }
        String name = text(p);
        while (p < tokens.size() && !tokens.isPunct(p, '(')) {
            p++; // type parameters
        }
        int parameters = tokens.closing(p);
        if (parameters >= tokens.size()) {
            return null;
        }
        if (text(keyword).equals("def")) {
            return new Function(name, parameters, indentedBodyEnd(keyword, parameters));
        }
        int angles = 0;
        for (int q = parameters + 1; q < tokens.size() && q < parameters + 200; q++) {
            if (tokens.isPunct(q, '<')) {
                angles++;
            } else if (tokens.isPunct(q, '>')) {
                angles--;
            } else if (tokens.isPunct(q, ';') && angles <= 0) {
                return null; // a declaration without a body
            } else if (tokens.isPunct(q, '{') && angles <= 0) {
                return new Function(name, q, tokens.closing(q));
            }
        }
        return null;
    }

    /**
     * The arrow function whose arrow is at {@code arrow}, named by what it is assigned to: {@code const name = (...) =>},
     * {@code name = async x =>}, {@code let name: Type = (...): Result =>}; {@code null} when it is assigned to no
     * name (an argument, a return value). Its body is its block, or its expression up to a comma, semicolon or
     * closing bracket.
     */
    private Function arrow(int arrow) {
        int depth = 0;
        int equals = -1;
        for (int p = arrow - 1; p >= 0 && p > arrow - 200; p--) {
            int bracket = tokens.bracket(p);
            if (bracket < 0) {
                depth++;
            } else if (bracket > 0 && --depth < 0) {
                return null;
            } else if (depth == 0 && (tokens.isPunct(p, ';') || text(p).equals("=>"))) {
                return null;
            } else if (depth == 0 && tokens.isPunct(p, '=')) {
                equals = p;
                break;
            }
        }
        String name = equals < 1 ? null : assignedName(equals);
        if (name == null) {
            return null;
        }
        int body = arrow + 1;
        if (tokens.isPunct(body, '{')) {
            return new Function(name, body, tokens.closing(body));
        }
        int nesting = 0;
        for (int p = body; p < tokens.size(); p++) {
            nesting += tokens.bracket(p);
            if (nesting < 0 || nesting == 0 && (tokens.isPunct(p, ',') || tokens.isPunct(p, ';'))) {
                return new Function(name, arrow, p);
            }
        }
        return new Function(name, arrow, tokens.size());
    }

    /**
     * The name a declaration gives ({@code const name =}, {@code let name: Type =}), else the name just before the
     * equals sign ({@code this.name =}, a class field), or {@code null}.
     */
    private String assignedName(int equals) {
        for (int p = equals - 1; p > 0 && p > equals - 40; p--) {
            if (tokens.isPunct(p, ';') || tokens.isPunct(p, ',') || tokens.isPunct(p, '{')
                    || tokens.isPunct(p, '}')) {
                break;
            }
            if (tokens.kind(p - 1) == SourceTokens.IDENT && DECLARATIONS.contains(text(p - 1))) {
                return tokens.kind(p) == SourceTokens.IDENT ? text(p) : null;
            }
        }
        return tokens.kind(equals - 1) == SourceTokens.IDENT ? text(equals - 1) : null;
    }

    /** Python: the body of a def runs until a line indented no deeper than the def. */
    private int indentedBodyEnd(int keyword, int from) {
        int indent = column(tokens.start(keyword));
        for (int p = from + 1; p < tokens.size(); p++) {
            if (tokens.kind(p - 1) == SourceTokens.NEWLINE && tokens.kind(p) != SourceTokens.NEWLINE
                    && column(tokens.start(p)) <= indent) {
                return p;
            }
        }
        return tokens.size();
    }

    private int column(int offset) {
        int p = offset;
        while (p > 0 && source.text().charAt(p - 1) != '\n') {
            p--;
        }
        return offset - p;
    }

    /** The index of the last function keyword before {@code at}, or -1. */
    private int functionStartBefore(int at) {
        if (functionStarts == null) {
            functionStarts = new int[tokens.size()];
            int last = -1;
            for (int p = 0; p < tokens.size(); p++) {
                if (tokens.kind(p) == SourceTokens.IDENT && FUNCTION_KEYWORDS.contains(text(p))) {
                    last = p;
                }
                functionStarts[p] = last;
            }
        }
        int before = Math.min(at, tokens.size()) - 1;
        return before < 0 ? -1 : functionStarts[before];
    }

    private String text(int token) {
        return source.text().substring(tokens.start(token), tokens.end(token));
    }
}
