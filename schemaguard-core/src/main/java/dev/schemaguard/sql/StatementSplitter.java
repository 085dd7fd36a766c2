package dev.schemaguard.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into the statements a runner executes one after another, as psql does: at semicolons outside
 * strings, dollar quotes, comments and parentheses (all settled by the {@link SqlLexer}), and outside the
 * {@code BEGIN ATOMIC ... END} body of a SQL-standard function, whose inner semicolons belong to the function.
 *
 * <p>psql meta-commands become statements of their own kind, so that an analysis can say it cannot follow
 * {@code \i other.sql} instead of silently skipping it. A meta-command ends the statement before it, as
 * {@code \g} and {@code \gexec} end the query they send (psql would let a statement continue across other
 * meta-commands, which no migration runner but psql understands). Empty statements ({@code ;;}) are dropped. A
 * statement without a final semicolon ends with the script, as psql and the server both run it. The data rows after a
 * {@code COPY ... FROM stdin} are the last token of that statement ({@link Statement#copyData()}).
 */
public final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * Splits a script.
     *
     * @param file      the file, named in statements and errors; may be {@code null}
     * @param text      the script text (without a byte order mark)
     * @param firstLine the file line of the text's first line, so that statements carry file lines (a dbmate up
     *                  section starts below its {@code -- migrate:up} marker)
     * @throws SqlSyntaxException where PostgreSQL's lexer would fail
     */
    public static SqlScript split(Path file, String text, int firstLine) {
        Splitting splitting = new Splitting(file, text);
        for (Token token : SqlLexer.tokenize(file, text, firstLine)) {
            splitting.accept(token);
        }
        splitting.endStatement();
        return new SqlScript(file, splitting.statements, splitting.comments);
    }

    /** The state of one pass over a script's tokens. */
    private static final class Splitting {

        private final Path file;
        private final String text;
        private final List<Statement> statements = new ArrayList<>();
        private final List<Token> comments = new ArrayList<>();
        private final List<Token> leading = new ArrayList<>();
        private final List<Token> body = new ArrayList<>();
        private int parens;
        /** Open {@code BEGIN ATOMIC} and {@code CASE} blocks of a SQL-standard function body; each ends at END. */
        private int blocks;

        Splitting(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        void accept(Token token) {
            switch (token.kind()) {
                case COMMENT -> {
                    comments.add(token);
                    if (body.isEmpty()) {
                        leading.add(token);
                    }
                }
                case META_COMMAND -> {
                    endStatement();
                    body.add(token);
                    emit(Statement.Kind.META_COMMAND);
                }
                case COPY_DATA -> {
                    if (!body.isEmpty() || statements.isEmpty()) {
                        // The semicolon ended no statement (an unclosed parenthesis): the rows stay with the text.
                        body.add(token);
                        return;
                    }
                    // The rows belong to the COPY statement its semicolon just ended: psql sends them with it.
                    Statement copy = statements.remove(statements.size() - 1);
                    List<Token> tokens = new ArrayList<>(copy.tokens());
                    tokens.add(token);
                    statements.add(new Statement(copy.kind(), copy.file(), copy.line(), copy.column(), copy.endLine(),
                            copy.text(), tokens, copy.leadingComments()));
                }
                default -> {
                    if (token.isPunctuation(";") && parens == 0 && blocks == 0) {
                        endStatement();
                    } else {
                        track(token);
                        body.add(token);
                    }
                }
            }
        }

        void endStatement() {
            if (!body.isEmpty()) {
                emit(Statement.Kind.SQL);
            }
        }

        private void emit(Statement.Kind kind) {
            Token first = body.get(0);
            Token last = body.get(body.size() - 1);
            statements.add(new Statement(kind, file, first.line(), first.column(), last.endLine(),
                    text.substring(first.offset(), last.end()), body, leading));
            body.clear();
            leading.clear();
            parens = 0;
            blocks = 0;
        }

        private void track(Token token) {
            if (token.isPunctuation("(")) {
                parens++;
            } else if (token.isPunctuation(")")) {
                parens = Math.max(0, parens - 1);
            } else if (blocks > 0) {
                // CASE and END are reserved words: inside the body they can only open and close blocks.
                if (token.isWord("case")) {
                    blocks++;
                } else if (token.isWord("end")) {
                    blocks--;
                }
            } else if (token.isWord("atomic") && parens == 0 && !body.isEmpty()
                    && body.get(body.size() - 1).isWord("begin") && definesRoutine()) {
                blocks = 1;
            }
        }

        /** Whether the statement so far starts with CREATE [OR REPLACE] FUNCTION or PROCEDURE. */
        private boolean definesRoutine() {
            int i = word(1, "or") && word(2, "replace") ? 3 : 1;
            return word(0, "create") && (word(i, "function") || word(i, "procedure"));
        }

        private boolean word(int index, String word) {
            return index < body.size() && body.get(index).isWord(word);
        }
    }
}
