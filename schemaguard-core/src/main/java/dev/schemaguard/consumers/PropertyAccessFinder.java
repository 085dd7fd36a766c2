package dev.schemaguard.consumers;

import java.util.List;
import java.util.Set;

/**
 * Finds the member reads in a file's code: {@code row.name}, {@code row?.name}, {@code row!.name},
 * {@code row["name"]}, JavaScript destructuring ({@code const { name } = row}), Python's
 * {@code getattr(row, "name")} and {@code row.get("name")}, and the JVM's row getters
 * ({@code rs.getString("name")}). A method call ({@code rows.map(...)}) is not a read of a column, nor are the names
 * of an import.
 */
final class PropertyAccessFinder {

    /** Getters of JDBC's ResultSet and of the row types of other JVM database clients, taking a column name. */
    private static final Set<String> JVM_GETTERS = Set.of("get", "getString", "getNString", "getInt", "getInteger",
            "getLong", "getShort", "getByte", "getBoolean", "getDouble", "getFloat", "getBigDecimal", "getDate",
            "getTime", "getTimestamp", "getObject", "getBytes", "getArray", "getBlob", "getClob", "getValue",
            "getLocalDate", "getLocalTime", "getLocalDateTime", "getOffsetDateTime", "getOffsetTime", "getUUID",
            "getJson", "getJsonObject", "getJsonArray", "getBuffer", "getTemporal", "getNumeric");
    private static final Set<String> PYTHON_GETTERS = Set.of("get");
    /** Keywords written after a dot in Java and Kotlin: {@code String.class}, {@code Outer.this}. */
    private static final Set<String> JVM_KEYWORDS = Set.of("class", "this", "super", "new");
    /** What type arguments are written with, besides names and literals. */
    private static final String TYPE_PUNCTUATION = "<>,.|&[]{}:?";

    private final SourceText source;
    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final SourceLanguage language;
    private final List<PropertyAccess> accesses;
    private final StringBuilder name = new StringBuilder();
    private final boolean jvm;
    /** Accesses before this offset are names in an import or package line. */
    private int importEnd = -1;
    /** Whether the first brace has been read, after which Java and Kotlin have no imports. */
    private boolean pastImports;

    PropertyAccessFinder(SourceText source, SourceLexer lexer, SourceLanguage language,
                         List<PropertyAccess> accesses) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.language = language;
        this.accesses = accesses;
        this.jvm = language == SourceLanguage.JAVA || language == SourceLanguage.KOTLIN;
    }

    void find() {
        boolean script = language == SourceLanguage.TYPESCRIPT || language == SourceLanguage.JAVASCRIPT;
        Set<String> getters = jvm ? JVM_GETTERS : language == SourceLanguage.PYTHON ? PYTHON_GETTERS : Set.of();
        boolean indexes = language != SourceLanguage.JAVA;
        for (int i = 0; i < tokens.size(); i++) {
            byte kind = tokens.kind(i);
            if (kind == SourceTokens.PUNCT) {
                if (tokens.isPunct(i, '.')) {
                    member(i, getters);
                } else if (indexes && tokens.isPunct(i, '[')) {
                    index(i);
                } else if (tokens.isPunct(i, '{')) {
                    pastImports = true;
                }
            } else if (kind == SourceTokens.IDENT) {
                if (script) {
                    if (tokens.isPunct(i + 1, '{') && isDeclaration(i)) {
                        destructuring(i + 1);
                    }
                } else if (language == SourceLanguage.PYTHON && tokens.isPunct(i + 1, '(')
                        && tokens.isIdent(i, "getattr")) {
                    getattr(i + 2);
                } else if (startsImport(i)) {
                    int nl = source.text().indexOf('\n', tokens.start(i));
                    importEnd = nl < 0 ? Integer.MAX_VALUE : nl;
                }
            }
        }
    }

    private boolean isDeclaration(int i) {
        return tokens.isIdent(i, "const") || tokens.isIdent(i, "let") || tokens.isIdent(i, "var");
    }

    /**
     * An import or package line, whose dotted names are modules, not members: in Java and Kotlin before the first
     * brace, in Python at the start of a logical line.
     */
    private boolean startsImport(int i) {
        if (jvm) {
            return !pastImports && (tokens.isIdent(i, "import") || tokens.isIdent(i, "package"));
        }
        return language == SourceLanguage.PYTHON && (i == 0 || tokens.kind(i - 1) == SourceTokens.NEWLINE)
                && (tokens.isIdent(i, "import") || tokens.isIdent(i, "from"));
    }

    /** {@code x.name}: a read unless called; {@code x.getString("name")}: a read of the string. */
    private void member(int dot, Set<String> getters) {
        int member = dot + 1;
        if (tokens.kind(member) != SourceTokens.IDENT || !followsOperand(dot) || tokens.start(dot) < importEnd) {
            return;
        }
        if (tokens.isPunct(member + 1, '(')) {
            if (isStringArgument(member + 2) && getters.contains(tokens.text(member))) {
                addString(member + 2);
            }
        } else if (!isGenericCall(member + 1)) {
            String name = tokens.text(member);
            if (!jvm || !JVM_KEYWORDS.contains(name)) {
                add(name, tokens.start(member));
            }
        }
    }

    /**
     * Whether type arguments and a call follow, {@code pool.query<Row>(...)}: TypeScript and Kotlin write them
     * after the name. The arguments hold only names, literals and type punctuation.
     */
    private boolean isGenericCall(int open) {
        if (language != SourceLanguage.TYPESCRIPT && language != SourceLanguage.KOTLIN
                || tokens.kind(open) != SourceTokens.PUNCT || tokens.firstChar(open) != '<') {
            return false;
        }
        int depth = 0;
        for (int p = open; p < tokens.size() && p < open + 64; p++) {
            byte kind = tokens.kind(p);
            if (kind == SourceTokens.PUNCT) {
                for (int c = tokens.start(p); c < tokens.end(p); c++) {
                    char ch = source.text().charAt(c);
                    if (TYPE_PUNCTUATION.indexOf(ch) < 0) {
                        return false;
                    }
                    depth += ch == '<' ? 1 : ch == '>' ? -1 : 0;
                }
                if (depth <= 0) {
                    return depth == 0 && tokens.isPunct(p + 1, '(');
                }
            } else if (kind != SourceTokens.IDENT && kind != SourceTokens.STRING && kind != SourceTokens.NUMBER) {
                return false;
            }
        }
        return false;
    }

    /** {@code x["name"]}, {@code x?.["name"]}. */
    private void index(int bracket) {
        boolean optional = tokens.isPunct(bracket - 1, '.') && tokens.kind(bracket - 2) == SourceTokens.PUNCT
                && tokens.lastChar(bracket - 2) == '?';
        if ((optional || followsOperand(bracket)) && tokens.kind(bracket + 1) == SourceTokens.STRING
                && tokens.isPunct(bracket + 2, ']')) {
            addString(bracket + 1);
        }
    }

    /** {@code getattr(x, "name")} and {@code getattr(x, "name", default)}, from the first argument. */
    private void getattr(int argument) {
        int depth = 0;
        for (int p = argument; p < tokens.size(); p++) {
            if (tokens.isPunct(p, '(') || tokens.isPunct(p, '[') || tokens.isPunct(p, '{')) {
                depth++;
            } else if (tokens.isPunct(p, ')') || tokens.isPunct(p, ']') || tokens.isPunct(p, '}')) {
                if (--depth < 0) {
                    return;
                }
            } else if (depth == 0 && tokens.isPunct(p, ',')) {
                if (isStringArgument(p + 1)) {
                    addString(p + 1);
                }
                return;
            }
        }
    }

    /** A plain string literal that is a whole argument: followed by {@code )} or {@code ,}. */
    private boolean isStringArgument(int i) {
        return tokens.kind(i) == SourceTokens.STRING && (tokens.isPunct(i + 1, ')') || tokens.isPunct(i + 1, ','));
    }

    /**
     * The keys of an object pattern, {@code const { a, b: alias, c = 1, d: { e } } = row}: a, b, c, d and e are
     * read. Defaults and computed keys are skipped; a renaming's target is not a key.
     */
    private void destructuring(int open) {
        int depth = 0;
        boolean key = true;
        int p = open;
        while (p < tokens.size()) {
            if (tokens.isPunct(p, '{')) {
                depth++;
                key = true;
            } else if (tokens.isPunct(p, '}')) {
                if (--depth == 0) {
                    return;
                }
                key = false;
            } else if (tokens.isPunct(p, ',')) {
                key = true;
            } else if (tokens.isPunct(p, ':') || tokens.isPunct(p, '.')) {
                key = false;
            } else if (tokens.isPunct(p, '=')) {
                p = defaultValueEnd(p + 1);
                continue;
            } else if (tokens.isPunct(p, '[')) {
                p = bracketEnd(p);
                key = false;
                continue;
            } else if (key && tokens.kind(p) == SourceTokens.IDENT) {
                add(tokens.text(p), tokens.start(p));
                key = false;
            } else if (tokens.kind(p) != SourceTokens.IDENT) {
                return;
            }
            p++;
        }
    }

    /** The index of the comma or closing brace that ends a default value starting at {@code p}. */
    private int defaultValueEnd(int p) {
        int depth = 0;
        while (p < tokens.size()) {
            if (tokens.isPunct(p, '(') || tokens.isPunct(p, '[') || tokens.isPunct(p, '{')) {
                depth++;
            } else if (tokens.isPunct(p, ')') || tokens.isPunct(p, ']') || tokens.isPunct(p, '}')) {
                if (depth-- == 0) {
                    return p;
                }
            } else if (depth == 0 && tokens.isPunct(p, ',')) {
                return p;
            }
            p++;
        }
        return p;
    }

    /** The index after the square bracket that closes the one at {@code open}. */
    private int bracketEnd(int open) {
        int depth = 0;
        for (int p = open; p < tokens.size(); p++) {
            if (tokens.isPunct(p, '[')) {
                depth++;
            } else if (tokens.isPunct(p, ']') && --depth == 0) {
                return p + 1;
            }
        }
        return tokens.size();
    }

    /**
     * Whether the token before {@code at} ends an operand whose member is read: a name, a closing bracket, or
     * {@code ?}/{@code !}/{@code !!} written right against it ({@code row?.name}, {@code row!.name}).
     */
    private boolean followsOperand(int at) {
        int before = at - 1;
        switch (tokens.kind(before)) {
            case SourceTokens.IDENT:
                return true;
            case SourceTokens.PUNCT:
                char last = tokens.lastChar(before);
                return last == ')' || last == ']'
                        || (last == '?' || last == '!') && tokens.end(before) == tokens.start(at);
            default:
                return false;
        }
    }

    private void addString(int token) {
        name.setLength(0);
        lexer.appendValue(token, name);
        if (isIdentifier(name)) {
            add(name.toString(), tokens.start(token));
        }
    }

    private void add(String member, int offset) {
        accesses.add(new PropertyAccess(member, source.lineOf(offset)));
    }

    /** Column names as code reads them by string; a route ("/players") or a sentence is not one. */
    private static boolean isIdentifier(CharSequence s) {
        if (s.length() == 0 || s.length() > 63 || Character.isDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }
}
