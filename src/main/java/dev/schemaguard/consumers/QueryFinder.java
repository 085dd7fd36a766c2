package dev.schemaguard.consumers;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the queries among a file's string literals. A query is a literal, or literals joined by {@code +} (Python:
 * also by adjacency) with operands in between, each operand a parameter, whose text {@link SqlClassifier} takes for
 * SQL. Literals are decoded only when their first word could start a statement, so the cost stays with the few that
 * might be SQL.
 */
final class QueryFinder {

    private final SourceText source;
    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final SourceLanguage language;
    private final List<ExtractedQuery> queries;
    private final StringBuilder text = new StringBuilder();
    /**
     * The concatenation being read: each literal's first token, or {@code -2 - start} for an operand between literals
     * that starts at token {@code start}.
     */
    private int[] pieces = new int[8];
    /** For each piece, the {@code trimIndent}/{@code trimMargin} identifier called on it (Kotlin), or -1. */
    private int[] trims = new int[8];
    private int pieceCount;
    /** The strings the file's code binds to names: fragments that join the queries they are used in. */
    private final LocalStrings locals;
    /** Whether the file uses JPA, whose {@code @Query} and {@code createQuery} take JPQL; decided on first need. */
    private Boolean usesJpa;

    QueryFinder(SourceText source, SourceLexer lexer, SourceLanguage language, List<ExtractedQuery> queries) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.language = language;
        this.queries = queries;
        this.locals = new LocalStrings(source, lexer);
    }

    void find() {
        int i = 0;
        while (i < tokens.size()) {
            i = tokens.isLiteralStart(i) ? concatenation(i) : i + 1;
        }
    }

    /** Reads the concatenation that starts with the literal at {@code first}; returns the index after it. */
    private int concatenation(int first) {
        pieceCount = 0;
        int literal = first;
        while (true) {
            int next = tokens.literalEnd(literal) + 1;
            int trim = language == SourceLanguage.KOTLIN ? trimCall(next) : -1;
            addPiece(literal, trim);
            if (trim >= 0) {
                next = tokens.isPunct(trim + 2, ')') ? trim + 3 : trim + 4;
            }
            if (language == SourceLanguage.PYTHON && tokens.isLiteralStart(next)) {
                literal = next;
                continue;
            }
            literal = -1;
            while (literal < 0 && tokens.isPunct(next, '+')) {
                int operand = next + 1;
                if (tokens.isLiteralStart(operand)) {
                    literal = operand;
                } else {
                    int end = operandEnd(operand);
                    if (end == operand) {
                        break;
                    }
                    addPiece(-2 - operand, -1);
                    next = end;
                }
            }
            if (literal < 0) {
                // A template that is not SQL may still run SQL in an interpolation: `<p>${db.query('...')}</p>`.
                boolean sql = consider(first, next);
                return sql || tokens.kind(first) != SourceTokens.TEMPLATE_HEAD ? next : first + 1;
            }
        }
    }

    private void addPiece(int literal, int trim) {
        if (pieceCount == pieces.length) {
            pieces = Arrays.copyOf(pieces, pieceCount * 2);
            trims = Arrays.copyOf(trims, pieceCount * 2);
        }
        pieces[pieceCount] = literal;
        trims[pieceCount++] = trim;
    }

    /** The {@code trimIndent}/{@code trimMargin} identifier of a call {@code .trimIndent()} at {@code dot}, or -1. */
    private int trimCall(int dot) {
        int name = dot + 1;
        if (!tokens.isPunct(dot, '.') || !tokens.isPunct(name + 1, '(')
                || !tokens.isIdent(name, "trimIndent") && !tokens.isIdent(name, "trimMargin")) {
            return -1;
        }
        boolean arguments = tokens.isPunct(name + 2, ')')
                || tokens.kind(name + 2) == SourceTokens.STRING && tokens.isPunct(name + 3, ')');
        return arguments ? name : -1;
    }

    /**
     * The index after the operand of {@code +} at {@code start}: names, member accesses, calls and indexes, with
     * whatever their brackets hold; {@code start} itself when there is no operand.
     */
    private int operandEnd(int start) {
        int depth = 0;
        boolean value = false;
        int p = start;
        while (p < tokens.size()) {
            byte kind = tokens.kind(p);
            if (depth > 0) {
                if (kind == SourceTokens.PUNCT) {
                    char c = tokens.firstChar(p);
                    depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
                }
                p++;
                continue;
            }
            if (kind == SourceTokens.PUNCT) {
                char c = tokens.firstChar(p);
                boolean chained = tokens.isPunct(p + 1, '.') && tokens.end(p) == tokens.start(p + 1)
                        && (tokens.lastChar(p) == '?' || tokens.lastChar(p) == '!');
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                    value = true;
                } else if (!tokens.isPunct(p, '.') && !chained
                        && (value || !tokens.isPunct(p, '-') && !tokens.isPunct(p, '!'))) {
                    break;
                }
            } else if (kind != SourceTokens.IDENT && kind != SourceTokens.NUMBER && kind != SourceTokens.OTHER) {
                break;
            } else {
                value = true;
            }
            p++;
        }
        return value ? p : start;
    }

    /** Adds the concatenation read into pieces when it is SQL; returns whether it was. */
    private boolean consider(int first, int after) {
        if (language == SourceLanguage.PYTHON && isDocstring(first, after)
                || (language == SourceLanguage.JAVA || language == SourceLanguage.KOTLIN) && isJpql(first)) {
            return false;
        }
        int start = statementStart();
        if (start < 0) {
            return false;
        }
        text.setLength(0);
        for (int k = 0; k < pieceCount; k++) {
            if (pieces[k] < 0) {
                int operand = -2 - pieces[k];
                hole(operand, operandEnd(operand));
            } else {
                int mark = text.length();
                appendLiteral(pieces[k]);
                if (trims[k] >= 0) {
                    trim(mark, trims[k]);
                }
            }
        }
        if (tokens.isPunct(after, '.') && tokens.isIdent(after + 1, "format") && tokens.isPunct(after + 2, '(')) {
            formatFields(after + 2);
        }
        String assigned = locals.assignedAt(first);
        if (assigned != null) {
            // Each appended piece starts on its own line of the file, so that evidence in it points there.
            int firstLine = source.lineOf(tokens.start(first));
            for (LocalStrings.Binding appended : locals.appendedAfter(assigned, after)) {
                int line = firstLine + (int) text.chars().filter(c -> c == '\n').count();
                text.append("\n".repeat(Math.max(0, locals.lineOf(appended) - line)));
                text.append(appended.text());
            }
        }
        String sql = Placeholders.number(text);
        if (!SqlClassifier.isQuery(sql)) {
            return false;
        }
        queries.add(new ExtractedQuery(source.file(), source.lineOf(start), sql.strip(), language.id,
                locals.functionsAt(first), callee(first)));
        return true;
    }

    /** The call whose argument list holds the token {@code first}: {@code name} or {@code receiver.name}; or null. */
    private String callee(int first) {
        int depth = 0;
        for (int p = first - 1; p >= 0 && first - p < 200; p--) {
            if (tokens.kind(p) != SourceTokens.PUNCT) {
                continue;
            }
            char c = tokens.firstChar(p);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '[' || c == '{') {
                if (depth-- == 0) {
                    return null;
                }
            } else if (c == '(') {
                if (depth-- > 0) {
                    continue;
                }
                if (tokens.kind(p - 1) != SourceTokens.IDENT) {
                    return null;
                }
                String name = source.text().substring(tokens.start(p - 1), tokens.end(p - 1));
                return tokens.isPunct(p - 2, '.') && tokens.kind(p - 3) == SourceTokens.IDENT
                        ? source.text().substring(tokens.start(p - 3), tokens.end(p - 3)) + "." + name : name;
            } else if (c == ';' && depth == 0) {
                return null;
            }
        }
        return null;
    }

    private void appendLiteral(int first) {
        locals.appendLiteral(first, text);
    }

    private void hole(int start, int end) {
        locals.appendHole(start, end, text);
    }

    /**
     * Python's {@code "... WHERE {where}".format(where=clause)}: each replacement field becomes the string its
     * keyword argument is bound to when that is known, else a hole.
     */
    private void formatFields(int open) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        int depth = 0;
        for (int p = open; p < tokens.size(); p++) {
            depth += tokens.bracket(p);
            if (depth == 0) {
                break;
            }
            if (depth == 1 && tokens.kind(p) == SourceTokens.IDENT && tokens.isPunct(p + 1, '=')) {
                String name = source.text().substring(tokens.start(p), tokens.end(p));
                int mark = text.length();
                hole(p + 2, tokens.isPunct(p + 3, ',') || tokens.isPunct(p + 3, ')') ? p + 3 : p + 2);
                values.put(name, text.substring(mark));
                text.setLength(mark);
            }
        }
        String formatted = java.util.regex.Pattern.compile("\\{\\{|}}|\\{([A-Za-z_]\\w*)?[^{}]*}").matcher(text)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group().equals("{{") ? "{"
                        : m.group().equals("}}") ? "}" : values.getOrDefault(String.valueOf(m.group(1)),
                        String.valueOf(SourceLexer.INTERPOLATION))));
        text.setLength(0);
        text.append(formatted);
    }

    /**
     * The offset of the first character of the concatenation's text when that text may start a statement, else -1
     * (also when an interpolation comes first).
     */
    private int statementStart() {
        for (int k = 0; k < pieceCount; k++) {
            if (pieces[k] < 0) {
                return -1;
            }
            for (int chunk = pieces[k]; chunk >= 0; chunk = tokens.next(chunk)) {
                int at = lexer.firstContent(chunk);
                if (at >= 0) {
                    // A margin prefix (|SELECT) hides the first word until trimMargin removes it.
                    boolean margin = trims[k] >= 0 && tokens.isIdent(trims[k], "trimMargin");
                    return margin || SqlClassifier.mayStartStatement(source.text(), at, tokens.end(chunk)) ? at : -1;
                }
                if (tokens.next(chunk) >= 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Applies Kotlin's trimIndent or trimMargin to the text appended since {@code mark}. */
    private void trim(int mark, int call) {
        String literal = text.substring(mark);
        String trimmed;
        if (tokens.isIdent(call, "trimIndent")) {
            trimmed = KotlinLexer.trimIndent(literal);
        } else {
            StringBuilder prefix = new StringBuilder();
            if (tokens.kind(call + 2) == SourceTokens.STRING) {
                lexer.appendValue(call + 2, prefix);
            } else {
                prefix.append('|');
            }
            trimmed = KotlinLexer.trimMargin(literal, prefix.toString());
        }
        text.setLength(mark);
        text.append(trimmed);
    }

    /** A string that is a statement of its own, a docstring or a comment in string form, is not used as SQL. */
    private boolean isDocstring(int first, int after) {
        return (first == 0 || tokens.kind(first - 1) == SourceTokens.NEWLINE)
                && (after >= tokens.size() || tokens.kind(after) == SourceTokens.NEWLINE);
    }

    /**
     * Whether the literal is JPQL: the argument of {@code createQuery} or of a JPA {@code @Query} without
     * {@code nativeQuery = true}, in a file that uses JPA. JPQL names entities, not tables.
     */
    private boolean isJpql(int first) {
        int p = first - 1;
        if (tokens.isPunct(p, '=') && tokens.isIdent(p - 1, "value")) {
            p -= 2;
        }
        if (!tokens.isPunct(p, '(')) {
            return false;
        }
        boolean annotation = tokens.isIdent(p - 1, "Query") && tokens.kind(p - 2) == SourceTokens.OTHER
                && tokens.firstChar(p - 2) == '@';
        if (!annotation && !tokens.isIdent(p - 1, "createQuery") || !usesJpa()) {
            return false;
        }
        return !annotation || !isNativeQuery(p);
    }

    private boolean usesJpa() {
        if (usesJpa == null) {
            String code = source.text();
            usesJpa = code.contains("data.jpa.") || code.contains("javax.persistence")
                    || code.contains("jakarta.persistence");
        }
        return usesJpa;
    }

    /** Whether the annotation arguments that open at {@code open} say {@code nativeQuery = true}. */
    private boolean isNativeQuery(int open) {
        int depth = 0;
        for (int p = open; p < tokens.size(); p++) {
            if (tokens.isPunct(p, '(')) {
                depth++;
            } else if (tokens.isPunct(p, ')') && --depth == 0) {
                return false;
            } else if (tokens.isIdent(p, "nativeQuery") && tokens.isPunct(p + 1, '=')
                    && tokens.isIdent(p + 2, "true")) {
                return true;
            }
        }
        return false;
    }
}
