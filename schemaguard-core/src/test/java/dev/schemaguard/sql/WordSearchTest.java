package dev.schemaguard.sql;

import dev.schemaguard.testing.GeneratedText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patterns tried only where their first words occur find what a search at every character finds, match for match,
 * on bodies built from those words, their neighbours at a word boundary and look-alikes in other cases.
 */
class WordSearchTest {

    private static final String[] PIECES = {"drop", "DROP", "Drop", "rename", "execute", "EXECUTE function",
            "set", "SET schema", "set not null", "add", "ADD constraint", "add column", "validate constraint",
            "create", "CREATE TYPE", "create type \"Mood\"", "create type s . t", "table", "column", "type", "x", "_",
            "é", "\u212Aey", "\u017Fet", "1", " ", "\n", "\t", "(", ";", "'", "dropped", "undrop", "re", "name"};

    /** Each pattern with the words every match of it starts with, as the code searching bodies gives them. */
    private static final Object[][] PATTERNS = {
            {Pattern.compile("\\bdrop\\s+(table|column)\\b|\\brename\\b"), new String[] {"drop", "rename"}},
            {Pattern.compile("(?i)\\b(drop|rename|execute|set\\s+schema)\\b"),
                    new String[] {"drop", "rename", "execute", "set"}},
            {Pattern.compile("(?i)\\bEXECUTE\\b(?!\\s+(?:FUNCTION|PROCEDURE)\\b)"), new String[] {"execute"}},
            {Pattern.compile("\\badd\\s+constraint\\b|\\bset\\s+not\\s+null\\b|\\bvalidate\\s+constraint\\b"),
                    new String[] {"add", "set", "validate"}},
            {Pattern.compile("(?i)\\bcreate\\s+type\\s+((?:\"[^\"]+\"|\\w+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|\\w+))?)"),
                    new String[] {"create"}},
    };

    @Test
    void findsTheMatchesASearchAtEveryCharacterFinds() {
        Random random = new Random(17);
        int matched = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = GeneratedText.of(random, PIECES, 12);
            for (Object[] entry : PATTERNS) {
                Pattern pattern = (Pattern) entry[0];
                List<String> expected = new ArrayList<>();
                for (Matcher m = pattern.matcher(text); m.find(); ) {
                    expected.add(m.start() + "-" + m.end() + ":" + m.group());
                }
                List<String> found = new ArrayList<>();
                Matcher m = pattern.matcher(text);
                for (int from = 0; WordSearch.find(m, text, from, (String[]) entry[1]); from = m.end()) {
                    found.add(m.start() + "-" + m.end() + ":" + m.group());
                }
                assertThat(found).as("%s in: %s", pattern, text).isEqualTo(expected);
                assertThat(WordSearch.contains(pattern.matcher(text), text, (String[]) entry[1]))
                        .isEqualTo(!expected.isEmpty());
                matched += expected.isEmpty() ? 0 : 1;
            }
        }
        // the generated bodies exercise both answers
        assertThat(matched).isBetween(10_000, 240_000);
    }
}
