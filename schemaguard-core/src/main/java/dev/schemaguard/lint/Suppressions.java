package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- schemaguard:ignore RULE_ID reason} comments: on the lines just above a statement they
 * silence that statement's findings of the rule; above the first statement and separated from it by a
 * blank line, they silence the whole file. The rules about suppressions judge them once every other rule
 * has run ({@link Rule#checkSuppressions}).
 */
public final class Suppressions {

    private static final Pattern IGNORE = Pattern.compile(
            "^(?:--|#)\\s*schemaguard:ignore\\s+([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)\\s*(.*)$");

    /** One {@code schemaguard:ignore} comment, and whether a finding has been silenced by it so far. */
    public static final class Suppression {
        private final List<String> rules;
        private final String reason;
        private final int line;
        private final int statementLine;
        private boolean used;

        Suppression(List<String> rules, String reason, int line, int statementLine) {
            this.rules = List.copyOf(rules);
            this.reason = reason;
            this.line = line;
            this.statementLine = statementLine;
        }

        /** The rule ids it names. */
        public List<String> rules() {
            return rules;
        }

        /** The reason written after the ids; empty when none is. */
        public String reason() {
            return reason;
        }

        /** The line of the comment. */
        public int line() {
            return line;
        }

        /** Whether it covers the whole file rather than the statement below it. */
        public boolean wholeFile() {
            return statementLine == 0;
        }

        /** Whether it has silenced a finding. */
        public boolean used() {
            return used;
        }
    }

    private final List<Suppression> suppressions = new ArrayList<>();

    /** Collects the suppressions written before the migration's statements. */
    Suppressions(List<Statement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            List<Token> comments = statement.leadingComments();
            for (int c = 0; c < comments.size(); c++) {
                Token comment = comments.get(c);
                Matcher m = IGNORE.matcher(comment.text().strip());
                if (!m.matches()) {
                    continue;
                }
                int blockEnd = contiguousBlockEnd(comments, c);
                boolean touchesStatement = blockEnd == statement.line() - 1;
                int target = i == 0 && !touchesStatement ? 0 : statement.line();
                suppressions.add(new Suppression(List.of(m.group(1).split("\\s*,\\s*")), m.group(2).strip(),
                        comment.line(), target));
            }
        }
    }

    /** The last line of the run of comments (with no blank line between them) that holds comment {@code c}. */
    private static int contiguousBlockEnd(List<Token> comments, int c) {
        int end = comments.get(c).endLine();
        for (int k = c + 1; k < comments.size() && comments.get(k).line() <= end + 1; k++) {
            end = comments.get(k).endLine();
        }
        return end;
    }

    /** The suppressions written before a migration's statements, for analyses that report on them later. */
    static Suppressions of(List<MigrationContext.Step> steps) {
        return new Suppressions(steps.stream().map(MigrationContext.Step::statement).toList());
    }

    /** Whether the finding is suppressed; marks the suppression used. */
    public boolean suppresses(Finding finding) {
        boolean suppressed = false;
        for (Suppression s : suppressions) {
            if (s.rules.contains(finding.rule()) && (s.statementLine == 0 || s.statementLine == finding.line())) {
                s.used = true;
                suppressed = true;
            }
        }
        return suppressed;
    }

    /** Every suppression of the migration, in the order they are written. */
    public List<Suppression> all() {
        return List.copyOf(suppressions);
    }
}
