package dev.schemaguard.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.schemaguard.sql.ScriptText.isDigit;
import static dev.schemaguard.sql.ScriptText.isIdentCont;
import static dev.schemaguard.sql.ScriptText.isIdentStart;
import static dev.schemaguard.sql.ScriptText.isSpace;

/**
 * Turns SQL text into tokens by PostgreSQL's own lexical rules (the server's {@code scan.l} of PostgreSQL 16 to 18,
 * with {@code standard_conforming_strings} on, the default since 9.1), so that what SchemaGuard takes for a string, a
 * comment or an identifier is exactly what the server will. A semicolon inside {@code E'\''} or inside a
 * {@code $fn$} body that contains {@code $$} must not end a statement, and an identifier must fold as the server
 * folds it, or every analysis built on the tokens reports the wrong thing.
 *
 * <p>Beyond the server's lexer: a backslash outside quotes starts a psql meta-command that runs to the end of its
 * line (migrations are often psql scripts), and the {@code UESCAPE} clause of a {@code U&} literal, which the server
 * resolves just after lexing, is resolved here. {@code N'...'} is one string token where the server emits
 * {@code NCHAR} and a string.
 *
 * <p>Whitespace is not returned: it is whatever lies between tokens. Lines are counted at {@code \n}, like every
 * other line SchemaGuard reports; a {@code \r} before it belongs to the line.
 */
public final class SqlLexer {

    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Characters that let an operator end in + or -: the operator could not be a sequence of SQL operators. */
    private static final String NON_SQL_OPERATOR_CHARS = "~!@#^&|`?%";

    private final ScriptText t;
    private final StringLiterals literals;
    private int pos;

    private SqlLexer(ScriptText text) {
        this.t = text;
        this.literals = new StringLiterals(text);
    }

    /** The tokens of a SQL snippet that starts at line 1 of no particular file. */
    public static List<Token> tokenize(String sql) {
        return tokenize(null, sql, 1);
    }

    /**
     * The tokens of a script, comments and psql meta-commands included, whitespace left out.
     *
     * @param file      the file the text comes from, named in errors; may be {@code null}
     * @param text      the SQL (without a byte order mark)
     * @param firstLine the file line the text's first line is (a dbmate section starts below its marker)
     * @throws SqlSyntaxException where PostgreSQL's lexer would fail, at the line and column where the offending
     *                            token starts
     */
    public static List<Token> tokenize(Path file, String text, int firstLine) {
        SqlLexer lexer = new SqlLexer(new ScriptText(file, text, firstLine));
        // about one token per six characters of SQL: sized once rather than grown and copied
        List<Token> tokens = new ArrayList<>(text.length() / 6 + 16);
        CopyFromStdin copy = new CopyFromStdin();
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
            if (copy.endsWithData(token)) {
                Token data = lexer.copyData();
                if (data != null) {
                    tokens.add(data);
                }
            }
        }
        return Collections.unmodifiableList(tokens);
    }

    /**
     * Follows the statements' first words to see a {@code COPY ... FROM stdin} end: psql then reads the lines after it
     * as data rows, which are no SQL (a row may hold a lone quote or a semicolon).
     */
    private static final class CopyFromStdin {
        private boolean atStatementStart = true;
        private boolean copy;
        private boolean fromStdin;
        private boolean afterFrom;

        /** Whether {@code token} is the semicolon that ends a {@code COPY ... FROM stdin} statement. */
        boolean endsWithData(Token token) {
            switch (token.kind()) {
                case COMMENT -> {
                    return false;
                }
                case META_COMMAND -> {
                    reset();
                    return false;
                }
                default -> {
                    if (token.isPunctuation(";")) {
                        boolean data = fromStdin;
                        reset();
                        return data;
                    }
                    if (atStatementStart) {
                        copy = token.isWord("copy");
                        atStatementStart = false;
                    } else if (copy) {
                        fromStdin |= afterFrom && token.isWord("stdin");
                        afterFrom = token.isWord("from");
                    }
                    return false;
                }
            }
        }

        private void reset() {
            atStatementStart = true;
            copy = false;
            fromStdin = false;
            afterFrom = false;
        }
    }

    /**
     * The data rows of a {@code COPY ... FROM stdin} whose semicolon was just read: from the next line to the line
     * {@code \.}, which ends them (and is left out of the value), or to the end of the text; {@code null} when no
     * line follows.
     */
    private Token copyData() {
        int start = t.lineEnd(pos);
        if (start < t.length() && t.at(start) == '\r') {
            start++;
        }
        if (start < t.length() && t.at(start) == '\n') {
            start++;
        }
        if (start >= t.length()) {
            pos = start;
            return null;
        }
        int line = start;
        while (line < t.length()) {
            int end = t.lineEnd(line);
            if (end - line == 2 && t.at(line) == '\\' && t.at(line + 1) == '.') {
                pos = end;
                return t.token(TokenKind.COPY_DATA, start, end, t.slice(start, line));
            }
            line = end;
            if (line < t.length() && t.at(line) == '\r') {
                line++;
            }
            if (line < t.length() && t.at(line) == '\n') {
                line++;
            }
        }
        pos = t.length();
        return t.token(TokenKind.COPY_DATA, start, t.length(), t.slice(start, t.length()));
    }

    /** The next token, or {@code null} at the end of the text. */
    private Token next() {
        while (pos < t.length() && isSpace(t.at(pos))) {
            pos++;
        }
        if (pos >= t.length()) {
            return null;
        }
        int start = pos;
        char c = t.at(start);
        char d = t.at(start + 1);
        if (c == '-' && d == '-') {
            return token(TokenKind.COMMENT, start, t.lineEnd(start), null);
        }
        if (c == '/' && d == '*') {
            return token(TokenKind.COMMENT, start, blockCommentEnd(start), null);
        }
        if (c == '\'') {
            return token(TokenKind.STRING, start, literals.quoted(start, start, true, "quoted string"));
        }
        if (c == '"') {
            StringLiterals.Literal name = literals.quotedIdentifier(start, start);
            return token(TokenKind.QUOTED_IDENTIFIER, start, name.end(), Identifiers.truncate(name.value()));
        }
        if (c == '$') {
            return dollar(start);
        }
        if (c == '\\') {
            return token(TokenKind.META_COMMAND, start, t.lineEnd(start), null);
        }
        if (isDigit(c) || c == '.' && isDigit(d)) {
            pos = NumericLiteral.end(t, start);
            String number = t.slice(start, pos);
            return t.token(TokenKind.NUMBER, start, number, number.replace("_", ""));
        }
        if (isIdentStart(c)) {
            return word(start);
        }
        switch (c) {
            case '(', ')', ',', ';', '[', ']':
                return token(TokenKind.PUNCTUATION, start, start + 1, null);
            case '.':
                return d == '.' ? token(TokenKind.OPERATOR, start, start + 2, null)
                        : token(TokenKind.PUNCTUATION, start, start + 1, null);
            case ':':
                return d == '=' ? token(TokenKind.OPERATOR, start, start + 2, null)
                        : token(TokenKind.PUNCTUATION, start, d == ':' ? start + 2 : start + 1, null);
            default:
                break;
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return token(TokenKind.OPERATOR, start, operatorEnd(start), null);
        }
        return token(TokenKind.OTHER, start, start + 1, null);
    }

    /** The token from {@code start} to {@code end}, moving past it; a {@code null} value means the text. */
    private Token token(TokenKind kind, int start, int end, String value) {
        pos = end;
        return t.token(kind, start, end, value);
    }

    private Token token(TokenKind kind, int start, StringLiterals.Literal literal) {
        return token(kind, start, literal.end(), literal.value());
    }

    /** A word, or one of the literals that start like one: B'', X'', E'', N'', U&'', U&"". */
    private Token word(int start) {
        char c = t.at(start);
        char d = t.at(start + 1);
        if (d == '\'') {
            switch (c) {
                case 'b', 'B':
                    return token(TokenKind.BIT_STRING, start, literals.quoted(start, start + 1, false,
                            "bit string literal"));
                case 'x', 'X':
                    return token(TokenKind.BIT_STRING, start, literals.quoted(start, start + 1, false,
                            "hexadecimal string literal"));
                case 'e', 'E':
                    return token(TokenKind.STRING, start, literals.escapeString(start));
                case 'n', 'N':
                    return token(TokenKind.STRING, start, literals.quoted(start, start + 1, true, "quoted string"));
                default:
                    break;
            }
        }
        if ((c == 'u' || c == 'U') && d == '&' && (t.at(start + 2) == '\'' || t.at(start + 2) == '"')) {
            boolean identifier = t.at(start + 2) == '"';
            StringLiterals.Literal body = identifier ? literals.quotedIdentifier(start, start + 2)
                    : literals.quoted(start, start + 2, true, "quoted string");
            pos = body.end();
            String value = literals.unicodeUnescape(body.value(), uescape(), start);
            return identifier ? token(TokenKind.QUOTED_IDENTIFIER, start, pos, Identifiers.truncate(value))
                    : token(TokenKind.STRING, start, pos, value);
        }
        int end = start + 1;
        int hash = c;
        for (char next = t.at(end); isIdentCont(next); next = t.at(++end)) {
            hash = 31 * hash + next;
        }
        pos = end;
        return t.word(start, end, hash);
    }

    /**
     * The escape character chosen by a {@code UESCAPE 'c'} clause after the {@code U&} literal that ends at the
     * current position, which moves past the clause (it becomes part of the literal's token); a backslash when there
     * is no clause.
     */
    private char uescape() {
        int p = skipWhitespaceAndComments(pos);
        if (!t.startsWithIgnoreCase(p, "uescape") || isIdentCont(t.at(p + 7))) {
            return '\\';
        }
        pos = skipWhitespaceAndComments(p + 7);
        Token literal = next();
        if (literal == null || literal.kind() != TokenKind.STRING || "nNuU".indexOf(literal.text().charAt(0)) >= 0) {
            throw t.error(literal == null ? p : literal.offset(),
                    "UESCAPE must be followed by a simple string literal");
        }
        String escape = literal.value();
        if (escape.length() != 1 || !StringLiterals.isValidUnicodeEscape(escape.charAt(0))) {
            throw t.error(literal.offset(), "invalid Unicode escape character");
        }
        return escape.charAt(0);
    }

    /** A parameter ({@code $1}), a dollar-quoted string ({@code $$...$$}, {@code $fn$...$fn$}) or a lone dollar. */
    private Token dollar(int start) {
        if (isDigit(t.at(start + 1))) {
            int end = start + 1;
            while (isDigit(t.at(end))) {
                end++;
            }
            if (isIdentStart(t.at(end))) {
                throw t.error(start, "trailing junk after parameter");
            }
            if (end - start > 11 || Long.parseLong(t.slice(start + 1, end)) > Integer.MAX_VALUE) {
                throw t.error(start, "parameter number too large");
            }
            return token(TokenKind.PARAMETER, start, end, null);
        }
        int tagEnd = start + 1;
        if (isIdentStart(t.at(tagEnd))) {
            while (isIdentStart(t.at(tagEnd)) || isDigit(t.at(tagEnd))) {
                tagEnd++;
            }
        }
        if (t.at(tagEnd) != '$') {
            return token(TokenKind.OTHER, start, start + 1, null);
        }
        String tag = t.slice(start, tagEnd + 1);
        // The body ends at the first occurrence of the same tag, whatever it holds: $fn$ ... $$ ... $fn$.
        int close = t.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw t.unterminated(start, "dollar-quoted string", ": no " + tag + " closes it");
        }
        return token(TokenKind.STRING, start, close + tag.length(), t.slice(tagEnd + 1, close));
    }

    /**
     * The end of the operator at {@code start}: the longest run of operator characters, cut before a comment start,
     * without trailing {@code +} or {@code -} unless it holds a character SQL operators do not use (so {@code =-1}
     * is {@code =}, {@code -}, {@code 1}, but {@code @-} is one operator).
     */
    private int operatorEnd(int start) {
        int end = start + 1;
        while (OPERATOR_CHARS.indexOf(t.at(end)) >= 0) {
            end++;
        }
        for (int i = start; i < end - 1; i++) {
            char a = t.at(i);
            char b = t.at(i + 1);
            if (a == '/' && b == '*' || a == '-' && b == '-') {
                end = i;
                break;
            }
        }
        if (end - start > 1 && isSign(t.at(end - 1))) {
            boolean nonSql = false;
            for (int i = start; i < end - 1; i++) {
                nonSql |= NON_SQL_OPERATOR_CHARS.indexOf(t.at(i)) >= 0;
            }
            while (!nonSql && end - start > 1 && isSign(t.at(end - 1))) {
                end--;
            }
        }
        if (end - start > Identifiers.MAX_BYTES) {
            throw t.error(start, "operator too long");
        }
        return end;
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    /** The end of the block comment at {@code start}; block comments nest. */
    private int blockCommentEnd(int start) {
        int depth = 1;
        int p = start + 2;
        while (depth > 0) {
            if (p >= t.length() - 1) {
                throw t.unterminated(start, "/* comment", " (comments nest: each /* needs its own */)");
            }
            char c = t.at(p);
            char d = t.at(p + 1);
            if (c == '*' && d == '/') {
                depth--;
                p += 2;
            } else if (c == '/' && d == '*') {
                depth++;
                p += 2;
            } else {
                p++;
            }
        }
        return p;
    }

    private int skipWhitespaceAndComments(int p) {
        while (p < t.length()) {
            char c = t.at(p);
            if (isSpace(c)) {
                p++;
            } else if (c == '-' && t.at(p + 1) == '-') {
                p = t.lineEnd(p);
            } else if (c == '/' && t.at(p + 1) == '*') {
                p = blockCommentEnd(p);
            } else {
                break;
            }
        }
        return p;
    }
}
