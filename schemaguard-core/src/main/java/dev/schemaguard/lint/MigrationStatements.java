package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Statement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The statements of migrations, split and typed once, for the analyses that report on them after linting (the
 * rehearsal, the consumers): where a migration names an object, and whether a finding on it is suppressed by a
 * {@code -- schemaguard:ignore RULE reason} above its statement, as a static finding would be.
 */
public final class MigrationStatements {

    private final Map<String, List<MigrationContext.Step>> steps = new HashMap<>();
    private final Map<String, Suppressions> suppressions = new HashMap<>();
    private final java.util.function.Function<Migration, List<MigrationContext.Step>> stepsOf;

    /** The statements of the graph's migrations. */
    public MigrationStatements(dev.schemaguard.graph.MigrationGraph graph) {
        this.stepsOf = Linter.stepsOf(graph);
    }

    /** The migration's statements with what each does. */
    public List<MigrationContext.Step> of(Migration m) {
        return steps.computeIfAbsent(m.id(), id -> stepsOf.apply(m));
    }

    /**
     * The line of the migration's first statement that names {@code object}, in its text or in what it does (a
     * Django operation's text is its Python call; the SQL it stands for names the object); its declaration line
     * otherwise.
     */
    public int lineMentioning(Migration m, String object) {
        Pattern name = Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(object) + "(?![\\w$])");
        return of(m).stream().filter(step -> name.matcher(step.statement().text()).find()
                        || step.command() != null && name.matcher(step.command().toString()).find())
                .mapToInt(step -> step.statement().line()).findFirst().orElse(m.line());
    }

    /** The statement of the migration that line {@code line} falls in (the last starting at or before it), or null. */
    public Statement statementAt(Migration m, int line) {
        Statement found = null;
        for (MigrationContext.Step step : of(m)) {
            if (step.statement().line() <= line) {
                found = step.statement();
            }
        }
        return found;
    }

    /** Whether a suppression in the migration's file silences {@code finding}, a finding on {@code m}. */
    public boolean suppressed(Migration m, Finding finding) {
        return finding.file() != null && finding.file().equals(m.displayFile())
                && suppressions.computeIfAbsent(m.id(), id -> Suppressions.of(of(m))).suppresses(finding);
    }
}
