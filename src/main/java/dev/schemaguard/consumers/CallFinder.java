package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the calls of a file whose arguments hold names (strings, lists of strings, dicts with string keys): the calls
 * of data-access helpers, which no SQL text shows. Calls with none of those are not kept.
 */
final class CallFinder {

    private final SourceText source;
    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final List<Call> calls;
    private final StringBuilder text = new StringBuilder();

    CallFinder(SourceText source, SourceLexer lexer, List<Call> calls) {
        this.source = source;
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.calls = calls;
    }

    void find() {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.kind(i) == SourceTokens.IDENT && tokens.isPunct(i + 1, '(')
                    && tokens.end(i) == tokens.start(i + 1)) {
                call(i);
            }
        }
    }

    private void call(int name) {
        List<Call.Argument> arguments = new ArrayList<>();
        boolean names = false;
        int p = name + 2;
        int position = 1;
        while (p < tokens.size() && !tokens.isPunct(p, ')')) {
            String keyword = null;
            if (tokens.kind(p) == SourceTokens.IDENT && tokens.isPunct(p + 1, '=')) {
                keyword = text(p);
                p += 2;
            }
            int end = argumentEnd(p);
            Call.Argument argument = argument(position, keyword, p, end);
            names |= argument.kind() != Call.Kind.OTHER;
            arguments.add(argument);
            position++;
            p = tokens.isPunct(end, ',') ? end + 1 : end;
            if (end == p && !tokens.isPunct(p, ')')) {
                break; // not an argument list this reader follows
            }
        }
        if (names) {
            calls.add(new Call(text(name), source.lineOf(tokens.start(name)), arguments));
        }
    }

    /** The index of the comma or closing parenthesis that ends the argument starting at {@code start}. */
    private int argumentEnd(int start) {
        int depth = 0;
        for (int p = start; p < tokens.size(); p++) {
            if (depth == 0 && (tokens.bracket(p) < 0 || tokens.isPunct(p, ','))) {
                return p;
            }
            depth += tokens.bracket(p);
        }
        return tokens.size();
    }

    private Call.Argument argument(int position, String keyword, int start, int end) {
        if (end == start + 1 && tokens.kind(start) == SourceTokens.STRING) {
            return new Call.Argument(position, keyword, Call.Kind.STRING, List.of(value(start)));
        }
        boolean list = tokens.isPunct(start, '[') || tokens.isPunct(start, '(');
        boolean dict = tokens.isPunct(start, '{');
        if ((list || dict) && end > start + 1 && tokens.kind(end - 1) == SourceTokens.PUNCT) {
            List<String> strings = new ArrayList<>();
            int depth = 0;
            for (int p = start + 1; p < end - 1; p++) {
                if (tokens.bracket(p) != 0) {
                    depth += tokens.bracket(p);
                    continue;
                }
                if (tokens.kind(p) == SourceTokens.PUNCT) {
                    continue;
                }
                boolean itemStart = tokens.isPunct(p - 1, ',') || p == start + 1;
                if (depth != 0 || !itemStart) {
                    continue;
                }
                boolean string = tokens.kind(p) == SourceTokens.STRING && tokens.next(p) < 0;
                if (list && string && (tokens.isPunct(p + 1, ',') || p + 1 == end - 1)) {
                    strings.add(value(p));
                } else if (dict && tokens.isPunct(p + 1, ':') && (string || tokens.kind(p) == SourceTokens.IDENT)) {
                    strings.add(string ? value(p) : text(p));
                }
            }
            return new Call.Argument(position, keyword, list ? Call.Kind.LIST : Call.Kind.DICT, strings);
        }
        return new Call.Argument(position, keyword, Call.Kind.OTHER, List.of());
    }

    private String value(int token) {
        text.setLength(0);
        lexer.appendValue(token, text);
        return text.toString();
    }

    private String text(int token) {
        return source.text().substring(tokens.start(token), tokens.end(token));
    }
}
