package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- schemaguard:ignore RULE_ID reason} comments: on the lines just above a statement they
 * silence that statement's findings of the rule; above the first statement and separated from it by a
 * blank line, they silence the whole file. A suppression that silences nothing, or gives no reason,
 * is itself reported.
 */
public final class Suppressions {

    private static final Pattern IGNORE = Pattern.compile(
            "^(?:--|#)\\s*schemaguard:ignore\\s+([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)\\s*(.*)$");

    private static final class Suppression {
        final List<String> rules;
        final String reason;
        final int line;
        final int statementLine;
        boolean used;

        Suppression(List<String> rules, String reason, int line, int statementLine) {
            this.rules = rules;
            this.reason = reason;
            this.line = line;
            this.statementLine = statementLine;
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
    public static Suppressions of(List<MigrationContext.Step> steps) {
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

    /**
     * Findings about the suppressions themselves, once every rule has run. Only suppressions of rules
     * that ran are judged unused: a rehearsal or consumer rule may yet use its suppression.
     */
    List<Finding> problems(Migration migration, Set<String> rulesThatRan) {
        List<Finding> findings = new ArrayList<>();
        for (Suppression s : suppressions) {
            for (String rule : s.rules) {
                if (!RuleCatalogue.contains(rule)) {
                    findings.add(new Finding("unused-suppression", Severity.WARNING, migration.id(),
                            migration.displayFile(), s.line, "'" + rule + "' is not a rule id, so this suppression "
                            + "silences nothing", "Correct the rule id (the README lists them) or remove the comment.",
                            List.of()));
                }
            }
            if (!s.used && s.rules.stream().allMatch(RuleCatalogue::contains)
                    && s.rules.stream().allMatch(rulesThatRan::contains)) {
                findings.add(new Finding("unused-suppression", Severity.WARNING, migration.id(), migration.displayFile(),
                        s.line, "this suppression of " + String.join(", ", s.rules) + " silences nothing: no such "
                        + "finding on " + (s.statementLine == 0 ? "this file" : "the statement below"),
                        "Remove it, so it cannot hide a real finding later.", List.of()));
            }
            if (s.reason.isEmpty()) {
                findings.add(new Finding("suppression-without-reason", Severity.WARNING, migration.id(),
                        migration.displayFile(), s.line, "suppression of " + String.join(", ", s.rules)
                        + " gives no reason", "Say why the hazard does not apply here, after the rule id: "
                        + "-- schemaguard:ignore " + s.rules.get(0) + " table is empty until the next release",
                        List.of()));
            }
        }
        return findings;
    }
}
