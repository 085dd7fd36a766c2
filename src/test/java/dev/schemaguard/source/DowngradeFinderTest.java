package dev.schemaguard.source;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revision file's {@code def downgrade(...):} is looked for only where the words occur instead of by a line-start
 * pattern tried at every character: on texts built from the pieces that matter (line breaks of every kind, indented
 * and commented definitions, broken signatures), both find the same definition.
 */
class DowngradeFinderTest {

    /** The pattern the finder replaces: the reference. */
    private static final Pattern DOWNGRADE = Pattern.compile("(?m)^def downgrade\\s*\\([^)]*\\)[^:]*:");

    private static final String[] PIECES = {"def downgrade", "def downgrade()", "def downgrade() -> None:",
            "def downgrade(x):", "def downgrade (\n):", "    def downgrade():", "# def downgrade():", "def downgraded():",
            "\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", " ", ":", "(", ")", "pass", "op.drop_table('t')", "x"};

    @Test
    void findsWhatThePatternFinds() {
        Random random = new Random(17);
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n >= 0; n--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = text.toString();
            Matcher expected = DOWNGRADE.matcher(s);
            Matcher actual = AlembicReader.downgrade(s);
            if (expected.find()) {
                found++;
                assertThat(actual).as("in %s", s).isNotNull();
                assertThat(actual.start()).as("in %s", s).isEqualTo(expected.start());
                assertThat(actual.end()).as("in %s", s).isEqualTo(expected.end());
            } else {
                assertThat(actual).as("in %s", s).isNull();
            }
        }
        assertThat(found).isBetween(1_000, 99_000);
    }
}
