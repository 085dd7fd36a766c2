package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.source.MigrationScript;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.SqlScript;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementParser;
import dev.schemaguard.sql.StatementSplitter;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every rule over every statement of every migration, in the order the migrations apply, with
 * the schema the earlier migrations created in view.
 */
public final class Linter {

    private final List<Rule> rules;
    private final boolean rerunnableRequired;

    public Linter(List<Rule> rules, boolean rerunnableRequired) {
        this.rules = List.copyOf(rules);
        this.rerunnableRequired = rerunnableRequired;
    }

    /** Lints the migrations of a graph, Alembic's through the SQL their op.* calls emit. */
    public List<Finding> lint(MigrationGraph graph) {
        List<Finding> findings = new ArrayList<>();
        SchemaState state = new SchemaState();
        for (String id : applyOrder(graph)) {
            findings.addAll(lintMigration(graph.migration(id), state));
        }
        return findings;
    }

    /** Parent-first order; file order where a cycle leaves none. */
    private static List<String> applyOrder(MigrationGraph graph) {
        List<String> order = new ArrayList<>(graph.size());
        try {
            new TopologicalOrderIterator<>(graph.graph(), graph.fileOrder()).forEachRemaining(order::add);
            return order;
        } catch (IllegalArgumentException cycle) {
            return graph.migrations().stream().map(Migration::id).toList();
        }
    }

    /** Lints one migration against {@code state}, then applies the migration to it. */
    List<Finding> lintMigration(Migration migration, SchemaState state) {
        List<AlembicOperations.Operation> operations = operations(migration);
        List<Statement> statements = operations.stream().map(AlembicOperations.Operation::statement).toList();
        List<Command> commands = operations.stream().map(AlembicOperations.Operation::command).toList();
        RunnerSemantics.Plan plan = RunnerSemantics.plan(migration, commands);
        Suppressions suppressions = new Suppressions(statements);
        SchemaState before = state.copy();
        List<Finding> findings = new ArrayList<>();
        boolean explicitTransaction = false;
        boolean lockTimeoutSet = false;
        int sqlStatements = (int) commands.stream().filter(c -> !(c instanceof Command.MetaCommand)).count();
        for (int i = 0; i < statements.size(); i++) {
            Command command = commands.get(i);
            if (command instanceof Command.Transaction t) {
                explicitTransaction = t.kind() == Command.TransactionKind.BEGIN
                        || explicitTransaction && t.kind() != Command.TransactionKind.COMMIT
                        && t.kind() != Command.TransactionKind.ROLLBACK;
            }
            if (command instanceof Command.SetVariable set && set.name().equals("lock_timeout")) {
                lockTimeoutSet = !set.value().strip().equals("0");
            }
            boolean runnerTransaction = plan.transactional() && operations.get(i).inTransaction();
            MigrationFacts facts = new MigrationFacts(runnerTransaction || explicitTransaction, plan.runner(),
                    lockTimeoutSet, sqlStatements, rerunnableRequired);
            for (Rule rule : rules) {
                RuleContext context = new RuleContext(rule.id(), migration, statements.get(i), command, before, state,
                        facts, finding -> {
                            if (!suppressions.suppresses(finding)) {
                                findings.add(finding);
                            }
                        });
                rule.check(context);
            }
            state.apply(command, migration.id());
        }
        findings.addAll(suppressions.problems(migration));
        return findings;
    }

    /** The migration's statements: SQL split and typed, or an Alembic migration's op.* calls. */
    private static List<AlembicOperations.Operation> operations(Migration migration) {
        if (migration.format() == MigrationFormat.ALEMBIC) {
            return AlembicOperations.of(migration);
        }
        MigrationScript up = migration.up();
        SqlScript script = StatementSplitter.split(migration.file(), up.text(), up.firstLine());
        return script.statements().stream()
                .map(s -> new AlembicOperations.Operation(s, StatementParser.parse(s), true)).toList();
    }
}
