package dev.schemaguard.sql;

import dev.schemaguard.testing.GeneratedText;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a DO block's body is read for (an exception handler for duplicates, a catalog check) is found in one pass
 * instead of by one backtracking pattern each: on bodies built from the words those patterns look for, both give the
 * same answer.
 */
class DoBlockScanTest {

    /** The patterns the scans replace: the reference. */
    private static final Pattern CATCHES_DUPLICATE = Pattern.compile(
            "(?is)\\bexception\\b.*\\bwhen\\b[^;]*\\b(duplicate_object|others|sqlstate\\s+'42710')\\b");
    private static final Pattern CHECKS_CATALOG = Pattern.compile(
            "(?is)\\b(not\\s+exists|if\\s+not\\s+found|to_regtype)\\b.*\\b(pg_type|pg_catalog|to_regtype|information_schema)\\b"
                    + "|\\bto_regtype\\s*\\(");

    private static final String[] PIECES = {"exception", "EXCEPTION", "when", "When", "others", "duplicate_object",
            "sqlstate '42710'", "SQLSTATE  '42710'x", "sqlstate '42710';", ";", " ", "\n", "  ", "x", "_", "é", "'",
            "(", ")", "not exists", "NOT\n EXISTS", "if not found", "to_regtype", "to_regtype (", "pg_type", "pg_catalog",
            "information_schema", "begin", "end", "raise notice 'when others';", "whenever", "exceptions", "1"};

    @Test
    void scansAnswerAsThePatternsOnGeneratedBodies() {
        Random random = new Random(17);
        int catching = 0;
        int checking = 0;
        for (int i = 0; i < 200_000; i++) {
            String code = GeneratedText.of(random, PIECES, 14);
            boolean catches = CATCHES_DUPLICATE.matcher(code).find();
            boolean checks = CHECKS_CATALOG.matcher(code).find();
            assertThat(StatementParser.catchesDuplicate(code)).as("handler in: %s", code).isEqualTo(catches);
            assertThat(StatementParser.checksCatalog(code)).as("catalog check in: %s", code).isEqualTo(checks);
            catching += catches ? 1 : 0;
            checking += checks ? 1 : 0;
        }
        // the generated bodies exercise both answers of both questions
        assertThat(catching).isBetween(1_000, 199_000);
        assertThat(checking).isBetween(1_000, 199_000);
    }
}
