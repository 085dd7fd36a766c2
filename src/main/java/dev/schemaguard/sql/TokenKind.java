package dev.schemaguard.sql;

/** What a {@link Token} is, in PostgreSQL's lexical terms. */
public enum TokenKind {
    /**
     * An unquoted word: a keyword or an identifier. Only the grammar can tell which ({@code begin} is both), so the
     * lexer does not try. The value is folded to lower case as PostgreSQL folds it.
     */
    WORD,
    /** A double-quoted identifier, {@code "Foo"} or {@code U&"Foo"}; the value keeps its case. */
    QUOTED_IDENTIFIER,
    /** A string constant: {@code '...'}, {@code E'...'}, {@code N'...'}, {@code U&'...'} or dollar-quoted. */
    STRING,
    /** A bit-string constant, {@code B'1010'} or {@code X'1F'}; the value is the digits. */
    BIT_STRING,
    /** A numeric constant: {@code 42}, {@code 1.5e10}, {@code .5}, {@code 0x1F}, {@code 1_000}. */
    NUMBER,
    /** A positional parameter, {@code $1}. */
    PARAMETER,
    /**
     * An operator: {@code =}, {@code <>}, {@code ->>}, {@code ||}, and the operator-like {@code :=}, {@code =>} and
     * {@code ..}.
     */
    OPERATOR,
    /** Punctuation: {@code ( ) , ; [ ] . :: :}. */
    PUNCTUATION,
    /** A {@code --} comment (without its line break) or a {@code /* *}{@code /} comment (nested ones included). */
    COMMENT,
    /**
     * A psql meta-command, from a backslash outside quotes to the end of the line ({@code \connect db},
     * {@code \gexec}). The server would reject it; psql runs it.
     */
    META_COMMAND,
    /**
     * The data rows psql sends after a {@code COPY ... FROM stdin} statement: from the line after its semicolon up to
     * the line {@code \.} (or the end of the script). The value is the rows without that line; no SQL in them.
     */
    COPY_DATA,
    /**
     * A character the grammar has no use for (a brace, a lone {@code $}). PostgreSQL's lexer passes it on and the
     * parser rejects the statement, so this is not a lexical error either.
     */
    OTHER
}
