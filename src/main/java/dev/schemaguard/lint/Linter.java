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

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs every rule over every statement of every migration, in the order the migrations apply, with
 * the schema the earlier migrations created in view.
 */
public final class Linter {

    private final List<Rule> rules;
    private final boolean rerunnableRequired;
    private final Set<String> ruleIds;

    private final String transaction;

    public Linter(List<Rule> rules, boolean rerunnableRequired) {
        this(rules, rerunnableRequired, "auto");
    }

    /** @param transaction {@code migrations.transaction}: auto, per-file or none */
    public Linter(List<Rule> rules, boolean rerunnableRequired, String transaction) {
        this.transaction = transaction;
        this.rules = List.copyOf(rules);
        this.ruleIds = rules.stream().map(Rule::id).collect(Collectors.toUnmodifiableSet());
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

    /** Migrations split and parsed together, on every core, while the previous chunk is linted. */
    private static final int PARSE_CHUNK = 256;
    /** Below this many migrations the parsing stays on the calling thread: starting workers costs more. */
    private static final int PARALLEL_FROM = 64;

    /**
     * Lints the migrations of a graph, Alembic's through the SQL their op.* calls emit. Splitting, parsing and what
     * else depends on nothing but the migration (see {@link Prepared}), most of the work on large histories, run on
     * worker threads on every core, a chunk ahead, while this thread runs the rules in apply order (each migration is
     * judged against the schema the earlier ones built).
     */
    public Result lint(MigrationGraph graph) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Phase>> phases = new HashMap<>();
        SchemaState state = new SchemaState();
        List<Migration> order = graph.applyOrder().stream().map(graph::migration).toList();
        ForkJoinPool workers = order.size() >= PARALLEL_FROM
                ? new ForkJoinPool(Runtime.getRuntime().availableProcessors()) : null;
        try {
            Future<List<Object>> next = parse(workers, order, 0);
            for (int from = 0; from < order.size(); from += PARSE_CHUNK) {
                List<Object> parsed = await(next);
                next = from + PARSE_CHUNK < order.size() ? parse(workers, order, from + PARSE_CHUNK) : null;
                for (int i = 0; i < parsed.size(); i++) {
                    // a migration that cannot be parsed stops the lint where the apply order reaches it
                    if (parsed.get(i) instanceof RuntimeException failure) {
                        throw failure;
                    }
                    findings.addAll(lintMigration(order.get(from + i), (Prepared) parsed.get(i), state, phases));
                }
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        return new Result(findings, Map.copyOf(phases));
    }

    /** The operations of the chunk of {@code order} at {@code from}, or the failure to parse each migration. */
    private Future<List<Object>> parse(ForkJoinPool workers, List<Migration> order, int from) {
        List<Migration> chunk = order.subList(from, Math.min(order.size(), from + PARSE_CHUNK));
        if (workers == null) {
            return CompletableFuture.completedFuture(chunk.stream().map(this::prepareOrFailure).toList());
        }
        return workers.submit(() -> chunk.parallelStream().map(this::prepareOrFailure).toList());
    }

    private static List<Object> await(Future<List<Object>> parsing) {
        try {
            return parsing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("parsing the migrations failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing the migrations", e);
        }
    }

    /**
     * What linting a migration needs that depends on the migration alone: its statements with what each does, how
     * its runner runs it, its suppressions, and the phase of each statement by what it is.
     */
    private record Prepared(List<AlembicOperations.Operation> operations, List<MigrationContext.Step> steps,
                            RunnerSemantics.Plan plan, Suppressions suppressions, List<Phase> phases,
                            int sqlStatements) {
    }

    private Object prepareOrFailure(Migration migration) {
        try {
            List<AlembicOperations.Operation> operations = operations(migration);
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
        } catch (RuntimeException e) {
            return e;
        }
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
            for (Rule rule : rules) {
                rule.check(new RuleContext(rule.id(), migration, steps, i, before, state, facts, sink));
            }
            state.apply(command, migration.id());
        }
        for (Rule rule : rules) {
            rule.checkMigration(new MigrationContext(rule.id(), migration, steps, before, sink));
        }
        phases.put(migration.id(), phasesOf(prepared, before));
        findings.addAll(suppressions.problems(migration, ruleIds));
        return findings;
    }

    /** The migration's up statements with what each does: SQL split and typed, or an Alembic migration's op.* calls. */
    public static List<MigrationContext.Step> stepsOf(Migration migration) {
        return operations(migration).stream().map(o -> new MigrationContext.Step(o.statement(), o.command())).toList();
    }

    /** The migration's statements: SQL split and typed, or an Alembic migration's op.* calls. */
    private static List<AlembicOperations.Operation> operations(Migration migration) {
        if (migration.format() == MigrationFormat.ALEMBIC) {
            return AlembicOperations.of(migration);
        }
        MigrationScript up = migration.up();
        SqlScript script = StatementSplitter.split(migration.file(), up.text(), up.firstLine());
        List<AlembicOperations.Operation> operations = new ArrayList<>();
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
}
