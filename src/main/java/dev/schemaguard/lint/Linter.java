package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.GooseReader;
import dev.schemaguard.source.LiquibaseReader;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.source.MigrationScript;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.SqlScript;
import dev.schemaguard.sql.SqlSyntaxException;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementParser;
import dev.schemaguard.sql.StatementSplitter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs every rule over every statement of every migration, in the order the migrations apply, with
 * the schema the earlier migrations created in view.
 */
public final class Linter {

    private final List<Rule> rules;
    /** What each rule of {@link #rules} is, in the same order: who its contexts report for. */
    private final List<RuleCatalogue.Entry> entries;
    private final boolean rerunnableRequired;
    private final boolean downRequired;
    private final Set<String> ruleIds;

    private final String transaction;

    public Linter(List<Rule> rules, boolean rerunnableRequired) {
        this(rules, rerunnableRequired, "auto");
    }

    /** @param transaction {@code migrations.transaction}: auto, per-file or none */
    public Linter(List<Rule> rules, boolean rerunnableRequired, String transaction) {
        this(rules, rerunnableRequired, false, transaction);
    }

    /**
     * @param downRequired {@code require.down_migrations}
     * @param transaction  {@code migrations.transaction}: auto, per-file or none
     */
    public Linter(List<Rule> rules, boolean rerunnableRequired, boolean downRequired, String transaction) {
        this.downRequired = downRequired;
        this.transaction = transaction;
        this.rules = List.copyOf(rules);
        this.entries = rules.stream().map(rule -> RuleCatalogue.of(rule.getClass())).toList();
        this.ruleIds = entries.stream().map(RuleCatalogue.Entry::id).collect(Collectors.toUnmodifiableSet());
        this.rerunnableRequired = rerunnableRequired;
    }

    /**
     * What linting found.
     *
     * @param findings the findings, suppressions applied
     * @param phases   each migration's expand/contract phases, in phase order
     */
    public record Result(List<Finding> findings, Map<String, List<Phase>> phases) {
    }

    /** How far ahead of the rules migrations are prepared: what is held in memory at once. */
    private static final int PREPARE_AHEAD = 512;
    /** Below this many migrations the calling thread prepares them all: starting helpers costs more. */
    private static final int HELPERS_FROM = 64;

    /**
     * Lints the migrations of a graph, Alembic's through the SQL their op.* calls emit. Splitting, parsing and what
     * else depends on nothing but the migration (see {@link Prepared}), most of the work on large histories, run on
     * helper threads (one fewer than the cores), ahead of this thread, which runs the rules in apply order (each
     * migration is judged against the schema the earlier ones built) and prepares migrations too when it catches up.
     */
    public Result lint(MigrationGraph graph) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Phase>> phases = new HashMap<>();
        SchemaState state = new SchemaState();
        Map<String, List<AlembicOperations.Operation>> django = graph.source().format() == MigrationFormat.DJANGO
                ? DjangoOperations.of(graph) : Map.of();
        List<Migration> order = graph.applyOrder().stream().map(graph::migration).toList();
        int helpers = order.size() < HELPERS_FROM ? 0 : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        try (WorkAhead<Migration, Prepared> prepared = new WorkAhead<>(order, m -> prepare(m, django), helpers, PREPARE_AHEAD)) {
            for (int i = 0; i < order.size(); i++) {
                // a migration that cannot be parsed stops the lint where the apply order reaches it
                findings.addAll(lintMigration(order.get(i), prepared.take(i), state, phases));
            }
        }
        return new Result(findings, Map.copyOf(phases));
    }

    /**
     * What linting a migration needs that depends on the migration alone: its statements with what each does, how
     * its runner runs it, its suppressions, and the phase of each statement by what it is.
     */
    private record Prepared(List<AlembicOperations.Operation> operations, List<MigrationContext.Step> steps,
                            RunnerSemantics.Plan plan, Suppressions suppressions, List<Phase> phases,
                            int sqlStatements) {
    }

    private Prepared prepare(Migration migration, Map<String, List<AlembicOperations.Operation>> django) {
        List<AlembicOperations.Operation> operations = django.containsKey(migration.id()) ? django.get(migration.id())
                : operations(migration);
        List<Statement> statements = operations.stream().map(AlembicOperations.Operation::statement).toList();
        List<Command> commands = operations.stream().map(AlembicOperations.Operation::command).toList();
        List<MigrationContext.Step> steps = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            steps.add(new MigrationContext.Step(statements.get(i), commands.get(i)));
            phases.add(Phase.of(commands.get(i)));
        }
        int sqlStatements = (int) commands.stream().filter(c -> !(c instanceof Command.MetaCommand)).count();
        // immutable once: every rule's context then shares the steps instead of copying them per statement
        return new Prepared(operations, List.copyOf(steps), RunnerSemantics.plan(migration, commands, transaction),
                new Suppressions(statements), Collections.unmodifiableList(phases), sqlStatements);
    }

    /** A migration's phases; shaping a table it creates itself is part of expanding. */
    private static List<Phase> phasesOf(Prepared prepared, SchemaState before) {
        Set<Phase> found = EnumSet.noneOf(Phase.class);
        for (int i = 0; i < prepared.steps().size(); i++) {
            Phase phase = prepared.steps().get(i).command() instanceof Command.AlterTable alter
                    && !before.hasTable(alter.table()) ? Phase.EXPAND : prepared.phases().get(i);
            if (phase != null) {
                found.add(phase);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Lints one migration, {@code prepared}, against {@code state}, then applies the migration to it and records its
     * phases.
     */
    private List<Finding> lintMigration(Migration migration, Prepared prepared, SchemaState state,
                                        Map<String, List<Phase>> phases) {
        List<AlembicOperations.Operation> operations = prepared.operations();
        List<MigrationContext.Step> steps = prepared.steps();
        RunnerSemantics.Plan plan = prepared.plan();
        Suppressions suppressions = prepared.suppressions();
        SchemaState before = state.snapshot();
        List<Finding> findings = new ArrayList<>();
        Consumer<Finding> sink = finding -> {
            if (!suppressions.suppresses(finding)) {
                findings.add(finding);
            }
        };
        boolean explicitTransaction = false;
        boolean lockTimeoutSet = false;
        int sqlStatements = prepared.sqlStatements();
        Map<Class<?>, Object> perMigration = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Statement statement = steps.get(i).statement();
            Command command = steps.get(i).command();
            if (command instanceof Command.Transaction t) {
                explicitTransaction = t.kind() == Command.TransactionKind.BEGIN
                        || explicitTransaction && t.kind() != Command.TransactionKind.COMMIT
                        && t.kind() != Command.TransactionKind.ROLLBACK;
            }
            Boolean timeout = LockTimeout.effect(statement, command);
            if (timeout != null) {
                lockTimeoutSet = timeout;
            }
            boolean runnerTransaction = plan.transactional() && operations.get(i).inTransaction();
            MigrationFacts facts = new MigrationFacts(runnerTransaction || explicitTransaction, plan.runner(),
                    lockTimeoutSet, sqlStatements, rerunnableRequired);
            RuleContext context = new RuleContext(migration, steps, i, before, state, facts, sink, perMigration);
            for (int r = 0; r < rules.size(); r++) {
                rules.get(r).check(context.forRule(entries.get(r)));
            }
            state.apply(command, migration.id());
        }
        if (migration.up().options().equals(GooseReader.GO_CODE)) {
            state.unknownChanges();
        }
        for (int r = 0; r < rules.size(); r++) {
            rules.get(r).checkMigration(new MigrationContext(entries.get(r), migration, steps, before, downRequired,
                    sink));
        }
        // Every other rule has had its say: whether a suppression silenced anything is known now.
        SuppressionContext suppressionContext = new SuppressionContext(migration, suppressions.all(), ruleIds,
                findings::add);
        for (int r = 0; r < rules.size(); r++) {
            rules.get(r).checkSuppressions(suppressionContext.forRule(entries.get(r)));
        }
        phases.put(migration.id(), phasesOf(prepared, before));
        return findings;
    }

    /**
     * The up statements of every migration of the graph with what each does: SQL split and typed, an Alembic
     * migration's op.* calls, a Django migration's operations; computed once per migration, when first asked for.
     */
    public static java.util.function.Function<Migration, List<MigrationContext.Step>> stepsOf(MigrationGraph graph) {
        Map<String, List<AlembicOperations.Operation>> django = graph.source().format() == MigrationFormat.DJANGO
                ? DjangoOperations.of(graph) : Map.of();
        return migration -> (django.containsKey(migration.id()) ? django.get(migration.id()) : operations(migration))
                .stream().map(o -> new MigrationContext.Step(o.statement(), o.command())).toList();
    }

    /** The migration's statements: SQL split and typed, or an Alembic migration's op.* calls. */
    private static List<AlembicOperations.Operation> operations(Migration migration) {
        if (migration.format() == MigrationFormat.ALEMBIC) {
            return AlembicOperations.of(migration);
        }
        MigrationScript up = migration.up();
        SqlScript script;
        try {
            script = StatementSplitter.split(migration.file(), up.text(), up.firstLine());
        } catch (SqlSyntaxException notSql) {
            // the server rejects the script where its lexer fails: one finding there, nothing else to type
            Statement at = new Statement(Statement.Kind.SQL, migration.file(), notSql.line(), notSql.column(),
                    notSql.line(), "", List.of(), List.of());
            return List.of(new AlembicOperations.Operation(at, new Command.SyntaxError(notSql.reason()), true));
        }
        List<AlembicOperations.Operation> operations = new ArrayList<>();
        if (migration.format() == MigrationFormat.LIQUIBASE) {
            operations.addAll(unreadChanges(migration));
        }
        for (Statement statement : script.statements()) {
            Command command = StatementParser.parse(statement);
            operations.add(new AlembicOperations.Operation(statement, command, true));
            // A DO block wrapping ADD CONSTRAINT (Drizzle's form for every foreign key) locks and scans like
            // the bare statement: the constraint rules see it at the DO's line. Other wrapped statements stay
            // inside the block, whose exception handler makes them safe to re-run.
            if (command instanceof Command.DoBlock block) {
                for (Command inner : block.statements()) {
                    if (inner instanceof Command.AlterTable alter
                            && alter.actions().stream().allMatch(a -> a instanceof Command.AddConstraint)) {
                        operations.add(new AlembicOperations.Operation(statement, inner, true));
                    }
                }
            }
        }
        return operations;
    }

    /** The Liquibase changes the reader could not write as SQL (loadData, customChange, ...), each said where it is. */
    private static List<AlembicOperations.Operation> unreadChanges(Migration migration) {
        List<AlembicOperations.Operation> unread = new ArrayList<>();
        String[] lines = migration.up().text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(LiquibaseReader.UNREAD);
            if (at >= 0) {
                int line = migration.up().firstLine() + i;
                Statement statement = new Statement(Statement.Kind.SQL, migration.file(), line, at + 1, line,
                        lines[i].substring(at), List.of(), List.of());
                unread.add(new AlembicOperations.Operation(statement, new Command.Unrecognized(
                        lines[i].substring(at + LiquibaseReader.UNREAD.length()).strip()), true));
            }
        }
        return unread;
    }
}
