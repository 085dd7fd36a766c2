package dev.schemaguard.consumers;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the plain string literals passed to calls whose text could be a table name: {@code f("users")},
 * {@code f(table="users")}, {@code f({ table: 'users' })}. The scan keeps those that name a table the migrations
 * manage, as data access through helpers that no SQL text shows.
 */
final class CallArgumentFinder {

    /** Calls that take words, not tables: logging, printing, translating, reading settings. */
    private static final Set<String> NOT_HELPERS = Set.of("log", "info", "debug", "warn", "warning", "error",
            "exception", "critical", "trace", "print", "println", "printf", "format", "t", "_", "gettext", "getenv",
            "require", "import", "emit", "on", "describe", "it", "test", "Error", "assert", "equal");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final SourceText source;
    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final List<CallArgument> arguments;
    private final StringBuilder text = new StringBuilder();

    CallArgumentFinder(SourceText source, SourceLexer lexer, List<CallArgument> arguments) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.arguments = arguments;
    }

    void find() {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.kind(i) != SourceTokens.STRING || tokens.next(i) >= 0 || !closesArgument(i + 1)) {
                continue;
            }
            int before = i - 1;
            String keyword = null;
            if ((tokens.isPunct(before, '=') || tokens.isPunct(before, ':'))
                    && tokens.kind(before - 1) == SourceTokens.IDENT) {
                keyword = name(before - 1);
                before -= 2;
            }
            if (!tokens.isPunct(before, '(') && !tokens.isPunct(before, ',') && !tokens.isPunct(before, '{')) {
                continue;
            }
            int function = callee(before);
            if (function < 0 || NOT_HELPERS.contains(name(function))) {
                continue;
            }
            text.setLength(0);
            lexer.appendValue(i, text);
            if (NAME.matcher(text).matches()) {
                arguments.add(new CallArgument(name(function), keyword, text.toString(),
                        source.lineOf(tokens.start(i))));
            }
        }
    }

    private boolean closesArgument(int i) {
        return tokens.isPunct(i, ',') || tokens.isPunct(i, ')') || tokens.isPunct(i, '}');
    }

    /** The name token of the call whose argument list holds the punctuation at {@code at}, or -1. */
    private int callee(int at) {
        int depth = 0;
        for (int p = at; p >= 0 && at - p < 400; p--) {
            if (tokens.kind(p) != SourceTokens.PUNCT) {
                continue;
            }
            char c = tokens.firstChar(p);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth > 0) {
                    depth--;
                } else if (c == '(') {
                    return tokens.kind(p - 1) == SourceTokens.IDENT ? p - 1 : -1;
                } else if (c == '[') {
                    return -1;
                }
            }
        }
        return -1;
    }

    private String name(int token) {
        return source.text().substring(tokens.start(token), tokens.end(token));
    }
}
