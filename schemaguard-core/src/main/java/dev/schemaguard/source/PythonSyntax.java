package dev.schemaguard.source;

import dev.schemaguard.io.InputException;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Python can compile a module, as far as its shape tells: strings that end, brackets that close and match,
 * block headers that end with a colon and are followed by an indented block, and indentation that returns to a level
 * it came from. These are the errors an interrupted save, a bad merge or a typo leaves in a migration; a module with
 * one cannot be imported, so its runner (Alembic, Django) fails on the whole folder. Everything the checks accept
 * Python accepts too: they look only at what every valid module has.
 */
public final class PythonSyntax {

    /** Where a module stops being Python, and why, in Python's own words where it has them. */
    public record Problem(int line, String message) {
    }

    /** Statements that open a block: their logical line must end with a colon. */
    private static final Set<String> BLOCK_KEYWORDS = Set.of("if", "elif", "else", "for", "while", "with", "try",
            "except", "finally", "def", "class");

    /** Python's keywords and soft keywords: the only words another word or value may stand next to. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "match", "case", "type", "_", "print", "exec");

    private PythonSyntax() {
    }

    /** The first place the module is not Python, or empty when its shape is sound. */
    public static Optional<Problem> firstProblem(String source, Path display) {
        List<PythonHeader.Token> tokens;
        try {
            tokens = PythonHeader.rawTokens(source, display);
        } catch (InputException unreadable) {
            return Optional.of(new Problem(unreadable.line(), unreadable.getMessage()));
        }
        Optional<Problem> brackets = brackets(tokens);
        if (brackets.isPresent()) {
            return brackets;
        }
        List<LogicalLine> lines = logicalLines(tokens);
        for (LogicalLine line : lines) {
            Optional<Problem> adjacent = adjacentValues(line);
            if (adjacent.isPresent()) {
                return adjacent;
            }
        }
        return lines(lines);
    }

    /**
     * Two values side by side with no operator between them ({@code op.d op.drop_column(...)}, {@code ffrom alembic},
     * {@code def upgrade()upgrade():}): Python has no such expression unless one of the two is a keyword. Strings
     * next to strings are one string, and are not counted.
     */
    private static Optional<Problem> adjacentValues(LogicalLine line) {
        List<PythonHeader.Token> tokens = line.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            PythonHeader.Token left = tokens.get(i);
            PythonHeader.Token right = tokens.get(i + 1);
            boolean leftEndsValue = isPlainWord(left) || left.kind() == PythonHeader.Kind.NUMBER || isString(left)
                    || left.kind() == PythonHeader.Kind.OP && (left.text().equals(")") || left.text().equals("]")
                    || left.text().equals("}"));
            boolean rightStartsValue = isPlainWord(right) || right.kind() == PythonHeader.Kind.NUMBER
                    || isString(right) && !isString(left);
            if (leftEndsValue && rightStartsValue) {
                return Optional.of(new Problem(right.line(), "invalid syntax"));
            }
        }
        return Optional.empty();
    }

    private static boolean isPlainWord(PythonHeader.Token t) {
        return t.kind() == PythonHeader.Kind.NAME && !KEYWORDS.contains(t.text());
    }

    private static boolean isString(PythonHeader.Token t) {
        return t.kind() == PythonHeader.Kind.STRING || t.kind() == PythonHeader.Kind.FSTRING;
    }

    /** The first bracket that closes another kind, closes nothing, or never closes. */
    private static Optional<Problem> brackets(List<PythonHeader.Token> tokens) {
        Deque<PythonHeader.Token> open = new ArrayDeque<>();
        for (PythonHeader.Token t : tokens) {
            if (t.kind() != PythonHeader.Kind.OP) {
                continue;
            }
            switch (t.text()) {
                case "(", "[", "{" -> open.push(t);
                case ")", "]", "}" -> {
                    if (open.isEmpty()) {
                        return Optional.of(new Problem(t.line(), "unmatched '" + t.text() + "'"));
                    }
                    PythonHeader.Token opener = open.pop();
                    if (!closes(opener.text(), t.text())) {
                        return Optional.of(new Problem(t.line(), "closing parenthesis '" + t.text()
                                + "' does not match opening parenthesis '" + opener.text() + "' on line "
                                + opener.line()));
                    }
                }
                default -> {
                }
            }
        }
        // the outermost bracket left open: the call or literal the file ends inside
        return open.isEmpty() ? Optional.empty()
                : Optional.of(new Problem(open.getLast().line(), "'" + open.getLast().text() + "' was never closed"));
    }

    private static boolean closes(String opener, String closer) {
        return opener.equals("(") && closer.equals(")") || opener.equals("[") && closer.equals("]")
                || opener.equals("{") && closer.equals("}");
    }

    /** The tokens of one logical line (brackets balanced, so line breaks inside them are not ends). */
    private record LogicalLine(List<PythonHeader.Token> tokens) {
        PythonHeader.Token first() {
            return tokens.get(0);
        }

        int indent() {
            return first().column();
        }

        /** Whether a block keyword starts it (a decorator's @ does not). */
        boolean opensBlock() {
            PythonHeader.Token first = first();
            int at = first.kind() == PythonHeader.Kind.NAME && first.text().equals("async") && tokens.size() > 1 ? 1 : 0;
            PythonHeader.Token keyword = tokens.get(at);
            return keyword.kind() == PythonHeader.Kind.NAME && BLOCK_KEYWORDS.contains(keyword.text());
        }

        /** The position of the colon that ends the block header, at bracket depth 0 and outside any lambda. */
        int headerColon() {
            int depth = 0;
            int lambdas = 0;
            for (int i = 0; i < tokens.size(); i++) {
                PythonHeader.Token t = tokens.get(i);
                if (t.kind() == PythonHeader.Kind.NAME && t.text().equals("lambda") && depth == 0) {
                    lambdas++;
                } else if (t.kind() == PythonHeader.Kind.OP) {
                    switch (t.text()) {
                        case "(", "[", "{" -> depth++;
                        case ")", "]", "}" -> depth--;
                        case ":" -> {
                            if (depth == 0) {
                                if (lambdas == 0) {
                                    return i;
                                }
                                lambdas--;
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            return -1;
        }
    }

    /** The module's logical lines: line breaks inside brackets joined, blank and comment-only lines left out. */
    private static List<LogicalLine> logicalLines(List<PythonHeader.Token> tokens) {
        List<LogicalLine> lines = new ArrayList<>();
        List<PythonHeader.Token> current = new ArrayList<>();
        int depth = 0;
        for (PythonHeader.Token t : tokens) {
            if (t.kind() == PythonHeader.Kind.OP) {
                switch (t.text()) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> depth--;
                    case "\n" -> {
                        if (depth == 0) {
                            if (!current.isEmpty()) {
                                lines.add(new LogicalLine(current));
                                current = new ArrayList<>();
                            }
                            continue;
                        }
                        continue;
                    }
                    default -> {
                    }
                }
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            lines.add(new LogicalLine(current));
        }
        return lines;
    }

    /** Colons after block headers, and indentation: in, back to an enclosing level, never elsewhere. */
    private static Optional<Problem> lines(List<LogicalLine> lines) {
        Deque<Integer> levels = new ArrayDeque<>();
        levels.push(0);
        boolean blockExpected = false;
        int headerLine = 0;
        for (LogicalLine line : lines) {
            int indent = line.indent();
            if (blockExpected) {
                if (indent <= levels.peek()) {
                    return Optional.of(new Problem(line.first().line(),
                            "expected an indented block after the statement on line " + headerLine));
                }
                levels.push(indent);
            } else if (indent > levels.peek()) {
                return Optional.of(new Problem(line.first().line(), "unexpected indent"));
            } else {
                while (indent < levels.peek()) {
                    levels.pop();
                }
                if (indent != levels.peek()) {
                    return Optional.of(new Problem(line.first().line(),
                            "unindent does not match any outer indentation level"));
                }
            }
            int colon = line.headerColon();
            if (line.opensBlock() && colon < 0) {
                return Optional.of(new Problem(line.first().line(), "expected ':'"));
            }
            // a header ends with its colon (match and case too, which are no keywords elsewhere); a body on the
            // header's own line ("if x: pass") opens no indented block
            blockExpected = colon >= 0 && colon == line.tokens().size() - 1;
            headerLine = line.first().line();
        }
        return blockExpected
                ? Optional.of(new Problem(headerLine, "expected an indented block after the statement on line "
                + headerLine))
                : Optional.empty();
    }
}
