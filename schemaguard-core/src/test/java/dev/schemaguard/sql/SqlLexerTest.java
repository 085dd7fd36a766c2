package dev.schemaguard.sql;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class SqlLexerTest {

    private static List<Token> lex(String sql) {
        return SqlLexer.tokenize(sql);
    }

    /** The only token of {@code sql}. */
    private static Token only(String sql) {
        List<Token> tokens = lex(sql);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static SqlSyntaxException failure(String sql) {
        return catchThrowableOfType(SqlSyntaxException.class, () -> lex(sql));
    }

    @Test
    void wordsFoldToLowerCaseAndKeepTheirPositions() {
        assertThat(lex("SELECT Foo, \"Bar\"\"Baz\" FROM public.t"))
                .extracting(Token::kind, Token::text, Token::value, Token::line, Token::column)
                .containsExactly(
                        tuple(TokenKind.WORD, "SELECT", "select", 1, 1),
                        tuple(TokenKind.WORD, "Foo", "foo", 1, 8),
                        tuple(TokenKind.PUNCTUATION, ",", ",", 1, 11),
                        tuple(TokenKind.QUOTED_IDENTIFIER, "\"Bar\"\"Baz\"", "Bar\"Baz", 1, 13),
                        tuple(TokenKind.WORD, "FROM", "from", 1, 24),
                        tuple(TokenKind.WORD, "public", "public", 1, 29),
                        tuple(TokenKind.PUNCTUATION, ".", ".", 1, 35),
                        tuple(TokenKind.WORD, "t", "t", 1, 36));
    }

    @Test
    void linesAreFileLinesFromTheGivenFirstLineAndATabIsOneColumn() {
        List<Token> tokens = SqlLexer.tokenize(Path.of("x.sql"), "SELECT 1;\n  -- note\n\tDROP TABLE t;", 10);
        assertThat(tokens).extracting(Token::text, Token::line, Token::column, Token::offset).containsExactly(
                tuple("SELECT", 10, 1, 0), tuple("1", 10, 8, 7), tuple(";", 10, 9, 8),
                tuple("-- note", 11, 3, 12), tuple("DROP", 12, 2, 21), tuple("TABLE", 12, 7, 26),
                tuple("t", 12, 13, 32), tuple(";", 12, 14, 33));
    }

    @Test
    void crlfLineEndingsAreOneLineBreakAndStayOutOfComments() {
        List<Token> tokens = lex("SELECT 1;\r\n-- c\r\n  SELECT 2;\r\n");
        assertThat(tokens).extracting(Token::text, Token::line, Token::column).containsExactly(
                tuple("SELECT", 1, 1), tuple("1", 1, 8), tuple(";", 1, 9), tuple("-- c", 2, 1),
                tuple("SELECT", 3, 3), tuple("2", 3, 10), tuple(";", 3, 11));
    }

    @Test
    void unquotedIdentifiersFoldOnlyAsciiAndAreTruncatedTo63Bytes() {
        assertThat(only("ÉTÉ").value()).isEqualTo("ÉtÉ");
        assertThat(only("Ümlaut_Col$2").value()).isEqualTo("Ümlaut_col$2");
        assertThat(only("A".repeat(70)).value()).isEqualTo("a".repeat(63));
        // 2-byte characters: 31 fit in 63 bytes, the 32nd would make 64.
        assertThat(only("é".repeat(40)).value()).isEqualTo("é".repeat(31));
        assertThat(only("\"" + "Q".repeat(64) + "\"").value()).isEqualTo("Q".repeat(63));
    }

    @Nested
    class Strings {

        @Test
        void doubledQuotesStandForOneQuote() {
            Token t = only("'it''s'");
            assertThat(t.kind()).isEqualTo(TokenKind.STRING);
            assertThat(t.text()).isEqualTo("'it''s'");
            assertThat(t.value()).isEqualTo("it's");
            assertThat(only("''''").value()).isEqualTo("'");
            assertThat(only("''").value()).isEmpty();
        }

        @Test
        void aBackslashIsAnOrdinaryCharacterInAStandardString() {
            assertThat(lex("SELECT 'C:\\'; SELECT 2")).extracting(Token::text)
                    .containsExactly("SELECT", "'C:\\'", ";", "SELECT", "2");
        }

        @Test
        void escapeStringsResolveBackslashEscapes() {
            assertThat(only("E'it\\'s'").value()).isEqualTo("it's");
            assertThat(only("E'\\\\'").value()).isEqualTo("\\");
            assertThat(only("e'\\\\\\''").value()).isEqualTo("\\'");
            assertThat(only("E'a\\nb\\tc\\bd\\fe\\rf\\vg\\q'").value())
                    .isEqualTo("a\nb\tc\bd\fe\rf\u000Bgq");
            assertThat(only("E'\\x41\\101\\x4a'").value()).isEqualTo("AAJ");
            assertThat(only("E'\\xC3\\xA9t\\303\\251'").value()).isEqualTo("été");
            assertThat(only("E'\\u00e9\\U0001F600'").value()).isEqualTo("é😀");
            assertThat(only("E'\\uD83D\\uDE00'").value()).isEqualTo("😀");
            assertThat(only("E'\\x'").value()).isEqualTo("x");
        }

        @Test
        void anEscapedQuoteDoesNotEndAnEscapeString() {
            SqlSyntaxException e = failure("SELECT E'\\';\nSELECT 1;");
            assertThat(e.getMessage()).startsWith("unterminated quoted string");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(8);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "E'\\uD83D'        | invalid Unicode surrogate pair",
                "E'\\uD83Dx'       | invalid Unicode surrogate pair",
                "E'\\uDE00'        | invalid Unicode surrogate pair",
                "E'\\user'         | invalid Unicode escape",
                "E'\\U0011FFFF'    | invalid Unicode escape value",
                "E'\\u0000'        | invalid Unicode escape value",
                "E'\\xC3'          | invalid byte sequence for encoding \"UTF8\": 0xc3",
                "E'\\xC3\\x28'      | invalid byte sequence for encoding \"UTF8\": 0xc3",
                "E'\\0'            | invalid byte sequence for encoding \"UTF8\": 0x00",
        })
        void malformedEscapesAreErrors(String sql, String message) {
            assertThat(failure(sql.strip())).hasMessageStartingWith(message);
        }

        @Test
        void literalsSeparatedByALineBreakAreOneConstant() {
            Token t = only("'foo'\n  'bar'");
            assertThat(t.value()).isEqualTo("foobar");
            assertThat(t.text()).isEqualTo("'foo'\n  'bar'");
            assertThat(only("'a' -- note\n  -- more\n'b'").value()).isEqualTo("ab");
            assertThat(only("E'\\x41'\r\n'\\x42'").value()).isEqualTo("AB");
            assertThat(only("B'10'\n'01'").value()).isEqualTo("1001");
            assertThat(lex("'foo' 'bar'")).extracting(Token::value).containsExactly("foo", "bar");
            assertThat(lex("'foo' /* c */\n'bar'")).extracting(Token::kind)
                    .containsExactly(TokenKind.STRING, TokenKind.COMMENT, TokenKind.STRING);
        }

        @Test
        void unicodeEscapeLiteralsAreDecoded() {
            assertThat(only("U&'d\\0061t\\+000061'").value()).isEqualTo("data");
            assertThat(only("U&'\\D83D\\DE00 \\\\'").value()).isEqualTo("😀 \\");
            Token withClause = only("U&'d!0061t!!' UESCAPE '!'");
            assertThat(withClause.value()).isEqualTo("dat!");
            assertThat(withClause.text()).isEqualTo("U&'d!0061t!!' UESCAPE '!'");
            Token identifier = only("u&\"Fo\\006F\"");
            assertThat(identifier.kind()).isEqualTo(TokenKind.QUOTED_IDENTIFIER);
            assertThat(identifier.value()).isEqualTo("Foo");
            assertThat(only("U&\"a#0062\" uescape /* c */ E'#'").value()).isEqualTo("ab");
            assertThat(lex("U&'x' UESCAPES")).extracting(Token::value).containsExactly("x", "uescapes");
            assertThat(lex("U& 'x'")).extracting(Token::kind, Token::value).containsExactly(
                    tuple(TokenKind.WORD, "u"), tuple(TokenKind.OPERATOR, "&"), tuple(TokenKind.STRING, "x"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "U&'\\061'              | invalid Unicode escape",
                "U&'\\D83D'             | invalid Unicode surrogate pair",
                "U&'x' UESCAPE 'a'      | invalid Unicode escape character",
                "U&'x' UESCAPE '!!'     | invalid Unicode escape character",
                "U&'x' UESCAPE x        | UESCAPE must be followed by a simple string literal",
                "U&'x' UESCAPE N'!'     | UESCAPE must be followed by a simple string literal",
        })
        void malformedUnicodeLiteralsAreErrors(String sql, String message) {
            assertThat(failure(sql.strip())).hasMessageStartingWith(message);
        }

        @Test
        void bitNationalAndHexStringsHaveTheirOwnPrefixes() {
            assertThat(lex("B'1010' x'1F' N'naïve' b '1'")).extracting(Token::kind, Token::value).containsExactly(
                    tuple(TokenKind.BIT_STRING, "1010"), tuple(TokenKind.BIT_STRING, "1F"),
                    tuple(TokenKind.STRING, "naïve"), tuple(TokenKind.WORD, "b"), tuple(TokenKind.STRING, "1"));
        }
    }

    @Nested
    class DollarQuotes {

        @Test
        void theBodyIsOpaque() {
            Token t = only("$$a; 'b' \"c\" -- d\n/* e$$");
            assertThat(t.kind()).isEqualTo(TokenKind.STRING);
            assertThat(t.value()).isEqualTo("a; 'b' \"c\" -- d\n/* e");
        }

        @Test
        void onlyTheSameTagCloses() {
            assertThat(only("$fn$ BEGIN RETURN $$x$$; END $fn$").value()).isEqualTo(" BEGIN RETURN $$x$$; END ");
            assertThat(only("$a$ $b$ $a$").value()).isEqualTo(" $b$ ");
            assertThat(only("$A$ x $a$ y $A$").value()).isEqualTo(" x $a$ y ");
            assertThat(only("$_1$x$_1$").value()).isEqualTo("x");
            assertThat(only("$body$a$$body$").value()).isEqualTo("a$");
        }

        @Test
        void parametersAndDollarsInIdentifiersAreNotQuotes() {
            assertThat(lex("$1 + $12::int")).extracting(Token::kind, Token::text).containsExactly(
                    tuple(TokenKind.PARAMETER, "$1"), tuple(TokenKind.OPERATOR, "+"),
                    tuple(TokenKind.PARAMETER, "$12"), tuple(TokenKind.PUNCTUATION, "::"),
                    tuple(TokenKind.WORD, "int"));
            assertThat(only("foo$bar$").kind()).isEqualTo(TokenKind.WORD);
            assertThat(lex("$ x")).extracting(Token::kind).containsExactly(TokenKind.OTHER, TokenKind.WORD);
            assertThat(failure("SELECT $1abc")).hasMessage("trailing junk after parameter");
            assertThat(failure("SELECT $99999999999")).hasMessage("parameter number too large");
        }

        @Test
        void anUnclosedDollarQuoteNamesItsTagAndWhereItStarts() {
            SqlSyntaxException e = failure("DO\n  $fn$ BEGIN NULL; END $$;\n");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("unterminated dollar-quoted string").contains("$fn$");
        }
    }

    @Nested
    class Comments {

        @Test
        void blockCommentsNest() {
            assertThat(lex("/* a /* nested; */ 'still' */ SELECT")).extracting(Token::kind, Token::text)
                    .containsExactly(tuple(TokenKind.COMMENT, "/* a /* nested; */ 'still' */"),
                            tuple(TokenKind.WORD, "SELECT"));
            assertThat(lex("/**/x")).extracting(Token::text).containsExactly("/**/", "x");
        }

        @Test
        void anUnclosedNestedCommentIsAnErrorWhereItStarts() {
            SqlSyntaxException e = failure("SELECT 1;\n  /* outer /* inner */\nSELECT 2;");
            assertThat(e.getMessage()).startsWith("unterminated /* comment");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            assertThat(failure("/*/")).hasMessageStartingWith("unterminated /* comment");
        }

        @Test
        void lineCommentsRunToTheEndOfTheLine() {
            assertThat(lex("-- x; 'y \"z\nSELECT")).extracting(Token::text, Token::line)
                    .containsExactly(tuple("-- x; 'y \"z", 1), tuple("SELECT", 2));
            assertThat(lex("a-->b")).extracting(Token::kind, Token::text)
                    .containsExactly(tuple(TokenKind.WORD, "a"), tuple(TokenKind.COMMENT, "-->b"));
        }

        @Test
        void aCommentStartEndsAnOperator() {
            assertThat(lex("1 +/* c */2 *-- d\n3")).extracting(Token::kind, Token::text).containsExactly(
                    tuple(TokenKind.NUMBER, "1"), tuple(TokenKind.OPERATOR, "+"), tuple(TokenKind.COMMENT, "/* c */"),
                    tuple(TokenKind.NUMBER, "2"), tuple(TokenKind.OPERATOR, "*"), tuple(TokenKind.COMMENT, "-- d"),
                    tuple(TokenKind.NUMBER, "3"));
        }
    }

    @Nested
    class QuotedIdentifiers {

        @Test
        void doubledQuotesAreDecodedAndCaseIsKept() {
            Token t = only("\"Foo\"\"\"");
            assertThat(t.kind()).isEqualTo(TokenKind.QUOTED_IDENTIFIER);
            assertThat(t.value()).isEqualTo("Foo\"");
            assertThat(only("\"a;b -- c\"").value()).isEqualTo("a;b -- c");
        }

        @Test
        void emptyAndUnterminatedIdentifiersAreErrors() {
            assertThat(failure("SELECT \"\" FROM t")).hasMessage("zero-length delimited identifier");
            SqlSyntaxException e = failure("SELECT 1;\nSELECT \"abc;\n");
            assertThat(e.getMessage()).startsWith("unterminated quoted identifier");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(8);
        }
    }

    @Nested
    class Numbers {

        @Test
        void everyNumericForm() {
            assertThat(lex("42 1.5e10 .5 1. 0x1F 0o17 0b101 1_000 1e-3 1.5E+3 0X_FF"))
                    .allSatisfy(t -> assertThat(t.kind()).isEqualTo(TokenKind.NUMBER))
                    .extracting(Token::value)
                    .containsExactly("42", "1.5e10", ".5", "1.", "0x1F", "0o17", "0b101", "1000", "1e-3", "1.5E+3",
                            "0XFF");
        }

        @Test
        void twoDotsAfterAnIntegerAreARange() {
            assertThat(lex("1..10")).extracting(Token::kind, Token::text).containsExactly(
                    tuple(TokenKind.NUMBER, "1"), tuple(TokenKind.OPERATOR, ".."), tuple(TokenKind.NUMBER, "10"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "123abc | trailing junk after numeric literal",
                "1__0   | trailing junk after numeric literal",
                "1.5e   | trailing junk after numeric literal",
                "1e+    | trailing junk after numeric literal",
                "0b102  | trailing junk after numeric literal",
                "0x1G   | trailing junk after numeric literal",
                "0x     | invalid hexadecimal integer",
                "0o_    | invalid octal integer",
                "0b     | invalid binary integer",
        })
        void malformedNumbersAreErrors(String sql, String message) {
            SqlSyntaxException e = failure("SELECT " + sql.strip());
            assertThat(e).hasMessage(message);
            assertThat(e.column()).isEqualTo(8);
        }
    }

    @Test
    void punctuationAndOperatorsFollowTheServersRules() {
        assertThat(lex("a::int[1:2], x := y => z .. w; a <> b >= c != d ->> 'k' || e @> f"))
                .extracting(Token::kind, Token::text).containsExactly(
                        tuple(TokenKind.WORD, "a"), tuple(TokenKind.PUNCTUATION, "::"), tuple(TokenKind.WORD, "int"),
                        tuple(TokenKind.PUNCTUATION, "["), tuple(TokenKind.NUMBER, "1"),
                        tuple(TokenKind.PUNCTUATION, ":"), tuple(TokenKind.NUMBER, "2"),
                        tuple(TokenKind.PUNCTUATION, "]"), tuple(TokenKind.PUNCTUATION, ","),
                        tuple(TokenKind.WORD, "x"), tuple(TokenKind.OPERATOR, ":="), tuple(TokenKind.WORD, "y"),
                        tuple(TokenKind.OPERATOR, "=>"), tuple(TokenKind.WORD, "z"), tuple(TokenKind.OPERATOR, ".."),
                        tuple(TokenKind.WORD, "w"), tuple(TokenKind.PUNCTUATION, ";"), tuple(TokenKind.WORD, "a"),
                        tuple(TokenKind.OPERATOR, "<>"), tuple(TokenKind.WORD, "b"), tuple(TokenKind.OPERATOR, ">="),
                        tuple(TokenKind.WORD, "c"), tuple(TokenKind.OPERATOR, "!="), tuple(TokenKind.WORD, "d"),
                        tuple(TokenKind.OPERATOR, "->>"), tuple(TokenKind.STRING, "'k'"),
                        tuple(TokenKind.OPERATOR, "||"), tuple(TokenKind.WORD, "e"), tuple(TokenKind.OPERATOR, "@>"),
                        tuple(TokenKind.WORD, "f"));
    }

    @Test
    void aTrailingPlusOrMinusIsItsOwnOperatorUnlessTheOperatorCannotBeSql() {
        assertThat(lex("x=-1")).extracting(Token::text).containsExactly("x", "=", "-", "1");
        assertThat(lex("x*-+1")).extracting(Token::text).containsExactly("x", "*", "-", "+", "1");
        assertThat(lex("x @- y")).extracting(Token::text).containsExactly("x", "@-", "y");
        assertThat(lex("j #- '{a}'")).extracting(Token::text).containsExactly("j", "#-", "'{a}'");
        assertThat(failure("SELECT 1 " + "<".repeat(64) + " 2")).hasMessage("operator too long");
    }

    @Test
    void psqlMetaCommandsRunToTheEndOfTheLine() {
        assertThat(lex("\\connect mydb\r\nSELECT 1 \\gexec\nx")).extracting(Token::kind, Token::text, Token::line)
                .containsExactly(tuple(TokenKind.META_COMMAND, "\\connect mydb", 1), tuple(TokenKind.WORD, "SELECT", 2),
                        tuple(TokenKind.NUMBER, "1", 2), tuple(TokenKind.META_COMMAND, "\\gexec", 2),
                        tuple(TokenKind.WORD, "x", 3));
    }

    @Test
    void charactersTheGrammarDoesNotUseAreOtherTokens() {
        assertThat(lex("{x}")).extracting(Token::kind)
                .containsExactly(TokenKind.OTHER, TokenKind.WORD, TokenKind.OTHER);
    }

    @Test
    void errorsNameTheFileLineAndColumnWhereTheTokenStarts() {
        assertThatThrownBy(() -> SqlLexer.tokenize(Path.of("db/m.sql"), "SELECT 1;\nSELECT 'abc;\nSELECT 2;", 7))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.file()).isEqualTo(Path.of("db/m.sql"));
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.column()).isEqualTo(8);
                    assertThat(e.describe()).isEqualTo("db/m.sql:8:8: unterminated quoted string that starts here");
                });
        assertThat(failure("\n  'x").describe())
                .isEqualTo("line 2, column 3: unterminated quoted string that starts here");
        assertThat(failure("B'01").getMessage()).startsWith("unterminated bit string literal");
        assertThat(failure("X'01").getMessage()).startsWith("unterminated hexadecimal string literal");
    }

    @Test
    void tokensKnowWhereTheyEnd() {
        Token body = lex("SELECT $$\na\nb$$").get(1);
        assertThat(body.line()).isEqualTo(1);
        assertThat(body.endLine()).isEqualTo(3);
        assertThat(body.end()).isEqualTo(15);
    }
}
