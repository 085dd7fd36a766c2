package dev.schemaguard.rehearsal;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;
import dev.schemaguard.lint.Phase;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.postgres.CatalogDiff;
import dev.schemaguard.postgres.CatalogReader;
import dev.schemaguard.postgres.DataSeeder;
import dev.schemaguard.postgres.Fingerprints;
import dev.schemaguard.postgres.Foresight;
import dev.schemaguard.postgres.SeedResult;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.postgres.ScratchServer;
import dev.schemaguard.postgres.ScriptRunner;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays the migration graph on a real PostgreSQL, in the order the runner applies it, and records what the server
 * did: each migration applied with its runner's transaction semantics, its catalog before and after, the ACCESS
 * EXCLUSIVE locks it took on existing tables, its down run and the schema and data after it, its up run again to
 * continue, and its up re-run to test restart safety. It judges nothing: the rehearsal rules
 * ({@link RehearsalRule}) turn each {@link MigrationTrace}, and at the end the {@link RehearsalTrace}, into findings.
 */
public final class Rehearsal {

    /** Rows each table gets before a migration whose round trip is checked. */
    static final int ROWS_PER_TABLE = 20;
    private static final long SEED = 20_041;

    /**
     * What the project asks of the rehearsal.
     *
     * @param requireDown       {@code require.down_migrations}: a missing down is an error
     * @param requireRerunnable {@code require.rerunnable}: a migration that fails when run twice is an error
     * @param transaction       {@code migrations.transaction}
     * @param executors         opens the executor that runs the project's migrations on a database
     */
    public record Settings(boolean requireDown, boolean requireRerunnable, String transaction, Executors executors,
                           List<QueryProbe> probes) {

        public Settings(boolean requireDown, boolean requireRerunnable, String transaction, Executors executors) {
            this(requireDown, requireRerunnable, transaction, executors, List.of());
        }

        /** The same settings, with queries of the consumers to prepare after every migration. */
        public Settings withProbes(List<QueryProbe> queries) {
            return new Settings(requireDown, requireRerunnable, transaction, executors, List.copyOf(queries));
        }
    }

    /**
     * A consumer's query, prepared on the rehearsal database before the first migration and after every migration
     * that changes the schema: one that prepared before and fails after is a {@link BrokenQuery}.
     *
     * @param consumer the consumer's name
     * @param file     where the query is, relative to the consumer's root
     * @param line     its line
     * @param sql      the query, parameters as $n
     */
    public record QueryProbe(String consumer, String file, int line, String sql) {
    }

    /**
     * Where the rehearsal starts instead of an empty database: a schema dump of production ({@code pg_dump
     * --schema-only}) and the revisions it stands for, which are then not replayed.
     *
     * @param file      the dump, as the user named it
     * @param text      its content
     * @param revisions the revision (or, after unmerged branches, revisions) the dump corresponds to
     */
    public record Baseline(Path file, String text, List<String> revisions) {
    }

    /** Opens the executor for one rehearsal database. */
    public interface Executors {
        MigrationExecutor open(ScratchDatabase database, Connection connection, String transaction);
    }

    /** The settings for a project, or why its migrations cannot be rehearsed here. */
    public record Preparation(Settings settings, String skipped) {
    }

    /**
     * How this project's migrations are run: SQL files directly, Alembic and Django migrations through the project's
     * own Alembic or Django, Liquibase changelogs through the Liquibase SchemaGuard carries.
     */
    public static Preparation prepare(MigrationGraph graph, Path projectDir, Config config) {
        boolean down = config.require().downMigrations();
        boolean rerunnable = config.require().rerunnable();
        String transaction = config.migrations().transaction();
        if (graph.source().format() == MigrationFormat.DJANGO) {
            DjangoExecutor.Preparation django = DjangoExecutor.prepare(projectDir, config.django(), graph);
            if (!django.available()) {
                return new Preparation(null, "Django migrations are Python that only Django runs (RunPython, the "
                        + "field classes' own SQL): " + django.problem() + "; nothing was rehearsed; the static "
                        + "analysis above still applies");
            }
            return new Preparation(new Settings(down, rerunnable, transaction,
                    (db, c, tx) -> DjangoExecutor.start(projectDir, django, graph, db)), null);
        }
        if (graph.source().format() == MigrationFormat.LIQUIBASE) {
            String problem = LiquibaseExecutor.problem(projectDir, graph);
            if (problem != null) {
                return new Preparation(null, problem + "; nothing was rehearsed; the static analysis above still "
                        + "applies");
            }
            return new Preparation(new Settings(down, rerunnable, transaction,
                    (db, c, tx) -> LiquibaseExecutor.start(projectDir, graph, db)), null);
        }
        if (!isAlembic(graph)) {
            String psqlOnly = SqlExecutor.psqlOnly(graph);
            if (psqlOnly != null) {
                return new Preparation(null, psqlOnly + "; the static analysis above still applies");
            }
            return new Preparation(new Settings(down, rerunnable, transaction, (db, c, tx) -> new SqlExecutor(c, tx)),
                    null);
        }
        var alembic = AlembicExecutor.availability(projectDir, config.alembic());
        if (!alembic.available()) {
            return new Preparation(null, alembic.problem() + "; the static analysis above still applies");
        }
        return new Preparation(new Settings(down, rerunnable, transaction,
                (db, c, tx) -> AlembicExecutor.start(projectDir, config.alembic(), db)), null);
    }

    /** Told of each migration as the rehearsal reaches it, and of the statements of long ones as they run. */
    public interface Progress {
        void step(int done, int total, String migration);

        /** {@code done} of the {@code total} statements of {@code migration}'s script have run. */
        default void statements(String migration, int done, int total) {
        }
    }

    /**
     * One migration's rehearsal.
     *
     * @param id       the migration
     * @param outcome  {@code applied}, {@code failed} or {@code not reached}
     * @param note     why it failed or was not reached, else empty
     * @param upNanos  time of its up alone
     * @param nanos    time of its whole rehearsal (up, snapshots, round trip, re-run)
     * @param changes  its schema changes, as a change list
     * @param phases   its expand/contract phases as the database saw them ("expand", "backfill", ...)
     */
    public record MigrationRun(String id, String outcome, String note, long upNanos, long nanos, List<String> changes,
                               List<String> phases) {
    }

    /**
     * A consumer's query that prepared before a migration and fails after it: a fact for the consumer rules.
     *
     * @param migration the migration after which it fails
     * @param probe     the query
     * @param failure   the server's error, its line counted from the query's first line (0)
     */
    public record BrokenQuery(String migration, QueryProbe probe, Execution.Failure failure) {
    }

    /** The rehearsal rules' findings, what the rehearsal did per migration, and the consumer queries it broke. */
    public record Result(String server, List<MigrationRun> migrations, List<Finding> findings,
                         List<BrokenQuery> brokenQueries, long nanos) {
    }

    private final MigrationGraph graph;
    private final Settings settings;
    private final RehearsalRules rules;
    private final MigrationStatements statements;
    /** What later migrations ask of the rows that exist before each one. */
    private final LaterDemands demands;
    /** Which migration created each object, as the catalog diffs show. */
    private final Map<String, String> createdBy = new HashMap<>();
    private Baseline baseline;
    private final List<RehearsalTrace.Failure> failures = new ArrayList<>();
    private final List<BrokenQuery> brokenQueries = new ArrayList<>();
    /** The catalog the database has now, when known without reading it; {@code null} otherwise. */
    private Catalog knownState;
    /** The rehearsal database, its connections and the executor of the replay. */
    private Workspace work;
    private Progress progress;
    /** The migration being rehearsed, for the progress of its statements. */
    private String current;
    /** Where the rehearsal goes on from when its database was left elsewhere. */
    private Checkpoint checkpoint;
    /** Drops the databases the rehearsal left for a copy, in the background. */
    private final java.util.concurrent.ExecutorService dropper = java.util.concurrent.Executors
            .newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "schemaguard-drop");
                thread.setDaemon(true);
                return thread;
            });
    private final List<java.util.concurrent.Future<?>> drops = new ArrayList<>();
    /** The migrations applied on the rehearsal database, in the order they were (the baseline's apart). */
    private final List<String> appliedOrder = new ArrayList<>();
    /**
     * Tables not to fill before every migration: those the seeder could not fill, and those whose generated rows made
     * an up fail (the rehearsal goes on without them).
     */
    private final Set<String> unfillable = new HashSet<>();
    /** The data the retry of an up without the generated rows started from, for its round trip. */
    private Fingerprints.DataFingerprint dataBeforeRetry;
    /** The tables seeding left empty, tried again only when what their seeding depends on changed. */
    private final UnseededTables unseeded = new UnseededTables();
    /** Tables the rehearsal filled with generated rows, by oid: a later migration may rename them. */
    private final Set<Long> filled = new HashSet<>();

    private Rehearsal(MigrationGraph graph, Settings settings) {
        this.graph = graph;
        this.settings = settings;
        this.statements = new MigrationStatements(graph);
        this.rules = new RehearsalRules(graph, settings, statements);
        this.demands = new LaterDemands(graph, graph.applyOrder(), statements);
    }

    /** Rehearses every migration of {@code graph} from an empty database on {@code server}. */
    public static Result run(MigrationGraph graph, ScratchServer server, Settings settings, Progress progress) {
        return run(graph, server, settings, null, progress);
    }

    /** Rehearses the migrations after {@code baseline}'s revisions, starting from its schema. */
    public static Result run(MigrationGraph graph, ScratchServer server, Settings settings, Baseline baseline,
                             Progress progress) {
        Rehearsal rehearsal = new Rehearsal(graph, settings);
        rehearsal.baseline = baseline;
        return rehearsal.replay(server, progress);
    }

    private Result replay(ScratchServer server, Progress progress) {
        long start = System.nanoTime();
        Set<String> applied = new HashSet<>(baselineRevisions());
        List<String> order = graph.applyOrder().stream().filter(id -> !applied.contains(id)).toList();
        List<MigrationRun> runs = new ArrayList<>();
        Map<String, String> blockedBy = new LinkedHashMap<>();
        this.progress = progress;
        work = watched(Workspace.open(server.createDatabase(), this::open));
        List<RehearsalTrace.BranchOrders> orders;
        try {
            replayEach(server, order, applied, runs, blockedBy);
            try (SharedPrefixes prefixes = new SharedPrefixes(server, graph, this::open, this::reopen,
                    this::dropLater)) {
                orders = new ForkOrders(graph).compare(applied, order, baselineRevisions(), prefixes::apply);
            }
        } finally {
            awaitDrops();
        }
        rules.judge(new RehearsalTrace(withUnreached(blockedBy), orders));
        return new Result(server.description(), runs, rules.findings(), List.copyOf(brokenQueries),
                System.nanoTime() - start);
    }

    /** Rehearses the migrations of {@code order} one by one on the rehearsal database, which it drops at the end. */
    private void replayEach(ScratchServer server, List<String> order, Set<String> applied, List<MigrationRun> runs,
                            Map<String, String> blockedBy) {
        try (Checkpoint restarts = new Checkpoint(server, graph, this::open, this::reopen)) {
            checkpoint = restarts;
            Map<QueryProbe, Boolean> prepared = new LinkedHashMap<>();
            settings.probes().forEach(probe -> prepared.put(probe,
                    Probes.prepares(work.connection, probe.sql()) == null));
            int done = 0;
            for (String id : order) {
                progress.step(done++, order.size(), id);
                Migration m = graph.migration(id);
                String blocker = blocker(m, applied, blockedBy);
                if (blocker != null) {
                    blockedBy.put(id, blocker);
                    runs.add(new MigrationRun(id, "not reached", blocker + " failed", 0, 0, List.of(), List.of()));
                    continue;
                }
                MigrationRun run = rehearse(m);
                runs.add(run);
                if (run.outcome().equals("applied")) {
                    applied.add(id);
                    appliedOrder.add(id);
                    if (!run.changes().isEmpty()) {
                        probeConsumers(m, work.connection, prepared);
                    }
                } else {
                    blockedBy.put(id, id);
                }
            }
            progress.step(order.size(), order.size(), null);
        } finally {
            work.disconnect();
            dropLater(work.database);
        }
    }

    /** The failed migrations, each with the migrations its failure kept from being rehearsed. */
    private List<RehearsalTrace.Failure> withUnreached(Map<String, String> blockedBy) {
        List<RehearsalTrace.Failure> all = new ArrayList<>();
        for (RehearsalTrace.Failure f : failures) {
            List<String> unreached = blockedBy.entrySet().stream()
                    .filter(e -> !e.getKey().equals(e.getValue()) && e.getValue().equals(f.migration().id()))
                    .map(Map.Entry::getKey).toList();
            all.add(new RehearsalTrace.Failure(f.migration(), f.failure(), f.creators(), unreached));
        }
        return all;
    }

    /**
     * Drops {@code database} in the background: DROP DATABASE waits for every backend of the server to acknowledge it
     * (a second or more on a busy one), and the rehearsal goes on meanwhile, waiting for the drops only at its end.
     */
    private void dropLater(ScratchDatabase database) {
        drops.add(dropper.submit(database::close));
    }

    /** Waits for the databases left for a copy to be dropped; a drop that failed is the server's to clean up. */
    private void awaitDrops() {
        dropper.shutdown();
        for (java.util.concurrent.Future<?> drop : drops) {
            try {
                drop.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // ScratchDatabase.close reports nothing it can act on; the run's clean-up drops what is left
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The executor on a database of this rehearsal that is already where the rehearsal wants it. */
    private MigrationExecutor reopen(ScratchDatabase db, Connection c) {
        return settings.executors().open(db, c, settings.transaction());
    }

    /**
     * Goes on from a new database holding what the ups of {@code ids} build (and none of the generated rows), the
     * rehearsal's own having been left elsewhere by a down, a re-run or a failed up. False, and nothing changed, when
     * those ups do not build it again on their own.
     */
    private boolean restore(List<String> ids) {
        ScratchDatabase copy = checkpoint.copyAfter(ids);
        if (copy == null) {
            return false;
        }
        Workspace left = work;
        work = watched(Workspace.open(copy, this::reopen));
        left.disconnect();
        dropLater(left.database);
        filled.clear();
        unseeded.forget();
        knownState = null;
        return true;
    }

    /** The workspace, its executor telling the progress of the statements of the current migration. */
    private Workspace watched(Workspace workspace) {
        workspace.executor.onStatements((done, total) -> progress.statements(current, done, total));
        return workspace;
    }

    /** The applied migrations and {@code m} after them. */
    private List<String> appliedWith(Migration m) {
        List<String> ids = new ArrayList<>(appliedOrder);
        ids.add(m.id());
        return ids;
    }

    /** Whether the rehearsal database's catalog is {@code expected}. */
    private boolean stillAt(Catalog expected) {
        return CatalogDiff.between(expected, snapshot()).isEmpty();
    }

    /**
     * A database at the rehearsal's starting point (empty, or the baseline loaded and its revisions recorded by the
     * runner: for Alembic through the project's env.py, into whatever version table that names) and its executor.
     */
    private MigrationExecutor open(ScratchDatabase db, Connection c) {
        if (baseline != null) {
            Baselines.load(c, baseline);
        }
        MigrationExecutor executor = settings.executors().open(db, c, settings.transaction());
        if (baseline != null) {
            try {
                executor.stamp(baseline.revisions());
            } catch (RuntimeException e) {
                executor.close();
                throw e;
            }
        }
        return executor;
    }

    /** The revisions the baseline stands for, with every ancestor: applied before the rehearsal starts. */
    private Set<String> baselineRevisions() {
        Set<String> done = new HashSet<>();
        if (baseline != null) {
            ForkOrders walks = new ForkOrders(graph);
            for (String revision : baseline.revisions()) {
                done.add(revision);
                done.addAll(walks.ancestors(revision));
            }
        }
        return done;
    }

    /** Prepares every consumer query again; those that stop preparing were broken by {@code m}. */
    private void probeConsumers(Migration m, Connection c, Map<QueryProbe, Boolean> prepared) {
        for (Map.Entry<QueryProbe, Boolean> entry : prepared.entrySet()) {
            Execution.Failure failure = Probes.prepares(c, entry.getKey().sql());
            if (failure != null && entry.getValue()) {
                brokenQueries.add(new BrokenQuery(m.id(), entry.getKey(), failure));
            }
            entry.setValue(failure == null);
        }
    }

    /** The failed migration that keeps {@code m} from being applied, or {@code null}. */
    private String blocker(Migration m, Set<String> applied, Map<String, String> blockedBy) {
        List<String> needed = new ArrayList<>(m.parents());
        needed.addAll(m.dependsOn());
        for (String parent : needed) {
            if (blockedBy.containsKey(parent)) {
                return blockedBy.get(parent);
            }
            if (graph.migration(parent) != null && !applied.contains(parent)) {
                return parent;
            }
        }
        return null;
    }

    /** Rehearses one migration, has its trace judged, and says what became of it. */
    private MigrationRun rehearse(Migration m) {
        long start = System.nanoTime();
        current = m.id();
        boolean hasDown = work.executor.hasDown(m);
        // The previous migration may have left a state already read: a snapshot costs a dozen catalog queries.
        Catalog before = knownState != null ? knownState : snapshot();
        knownState = null;
        List<String> notes = new ArrayList<>();
        Fingerprints.DataFingerprint dataBefore = hasDown ? fill(m, before, notes) : null;
        Execution up = work.executor.up(m, ScriptRunner.relations(work.connection));
        MigrationTrace.Retry retry = null;
        if (!up.succeeded()) {
            retry = withoutGeneratedRows(m, before, up.failure(), hasDown);
            if (retry == null || !retry.up().succeeded()) {
                // What does not depend on it goes on from where it found the database.
                if (!stillAt(before)) {
                    restore(appliedOrder);
                }
                Execution.Failure failure = retry == null ? up.failure() : retry.up().failure();
                failures.add(new RehearsalTrace.Failure(m, failure, createdBy, List.of()));
                rules.judge(new MigrationTrace(m, hasDown, before, up, retry, null, List.of(), null, null));
                return new MigrationRun(m.id(), "failed", failure.describe(), up.nanos(), System.nanoTime() - start,
                        List.of(), List.of());
            }
            notes.add("applied without the generated rows of " + String.join(", ", retry.emptiedTables()));
            dataBefore = dataBeforeRetry;
        }
        long upNanos = (retry == null ? up : retry.up()).nanos();
        Catalog after = snapshot();
        Fingerprints.DataFingerprint dataAfterUp = hasDown ? Fingerprints.take(work.connection, after) : null;
        List<CatalogChange> changes = CatalogDiff.between(before, after);
        for (CatalogChange change : changes) {
            if (change.kind() == CatalogChange.Kind.ADDED) {
                createdBy.putIfAbsent(change.object(), m.id());
            }
        }
        List<String> phases = DiffPhases.of(changes, dataBefore, dataAfterUp).stream().map(Phase::label).toList();
        MigrationTrace.RoundTrip roundTrip = hasDown ? roundTrip(m, dataBefore, dataAfterUp) : null;
        // Whether the catalog is again exactly what the up left.
        boolean atAfter = roundTrip == null || CatalogDiff.between(after, roundTrip.afterDown()).isEmpty();
        if (roundTrip != null && roundTrip.down().succeeded()) {
            atAfter = roundTrip.upAgain().succeeded() && (CatalogDiff.between(before, roundTrip.afterDown()).isEmpty()
                    || stillAt(after));
        }
        if (!atAfter) {
            if (!restore(appliedWith(m))) {
                rules.judge(new MigrationTrace(m, true, before, up, retry, after, changes, roundTrip, null));
                return new MigrationRun(m.id(), "failed", "its round trip left the database where its up cannot run",
                        upNanos, System.nanoTime() - start, SchemaDifferences.descriptions(changes), phases);
            }
            notes.add("went on from a copy of the database after its up: its round trip left it elsewhere");
        }
        Execution again = work.executor.rerun(m);
        if (!again.succeeded()) {
            notes.add("fails when run twice");
        }
        rules.judge(new MigrationTrace(m, hasDown, before, up, retry, after, changes, roundTrip, again));
        // A rolled-back re-run changes nothing; one that ran for good may have left the catalog elsewhere.
        if (work.executor.rerunLeavesNoTrace(m) || stillAt(after)) {
            knownState = atAfter ? after : null;
        } else if (restore(appliedWith(m))) {
            notes.add("went on from a copy of the database after its up: running it twice left it elsewhere");
        }
        return new MigrationRun(m.id(), "applied", String.join("; ", notes), upNanos, System.nanoTime() - start,
                SchemaDifferences.descriptions(changes), phases);
    }

    /**
     * Fills the tables that are still empty with generated rows that meet what the migrations from {@code m} on ask
     * of them, so the round trip has data to lose, and fingerprints the data. A table the seeder cannot fill is named in {@code notes} (once), rather than letting "no data loss"
     * mean more than it does.
     */
    private Fingerprints.DataFingerprint fill(Migration m, Catalog before, List<String> notes) {
        Connection c = work.connection;
        Fingerprints.DataFingerprint data = Fingerprints.take(c, before);
        // Seeding reads the types of every column: only worth it when a table is still empty.
        if (data.tables().values().stream().noneMatch(t -> t.rowCount() == 0 && !unfillable.contains(t.table()))) {
            return data;
        }
        Foresight foresight = demands.from(m.id());
        Fingerprints.DataFingerprint unseededData = data;
        Set<String> tried = new HashSet<>(before.tables().keySet());
        tried.removeIf(name -> unseeded.unchanged(before.tables().get(name), before, unseededData, foresight));
        SeedResult seeded = DataSeeder.seedEmptyTables(c, onlyTables(before, tried), ROWS_PER_TABLE, SEED, foresight);
        filled.addAll(ScriptRunner.oids(c, before.tables().values().stream()
                .filter(t -> seeded.tables().stream().anyMatch(s -> s.rowsInserted() > 0
                        && s.table().equals(t.displayName()))).map(Catalog.Table::sqlName).toList()).values());
        for (SeedResult.Problem problem : seeded.problems()) {
            if (unfillable.add(problem.table())) {
                notes.add("not filled: " + problem.message());
            }
        }
        Fingerprints.DataFingerprint seededData = Fingerprints.take(c, before);
        seededData.tables().values().stream().filter(t -> t.rowCount() == 0).forEach(t -> {
            unfillable.add(t.table());
            if (tried.contains(t.table())) {
                unseeded.leftEmpty(before.tables().get(t.table()), before, seededData, foresight);
            }
        });
        return seededData;
    }

    /**
     * After an up failed on the data (SQLSTATE class 22, data exception, 23, integrity constraint violation, or P0001,
     * an exception a DO block raised) while tables hold rows the rehearsal generated, runs the up again on the same
     * schema without those rows: the facts of {@code data-dependent-failure}. When the failed up rolled back, the
     * tables the rehearsal filled are emptied; when it left part of its work behind (or a table the rehearsal did not
     * fill references them), the rehearsal goes on from a copy of the database before it, which holds none of the
     * generated rows. The data the retry starts from is fingerprinted for the round trip. {@code null} when not
     * tried.
     */
    private MigrationTrace.Retry withoutGeneratedRows(Migration m, Catalog before, Execution.Failure failure,
                                                      boolean hasDown) {
        // raise_exception too: a DO block that refuses to run on rows it does not expect is checking the data
        boolean dataError = failure.sqlState().startsWith("22") || failure.sqlState().startsWith("23")
                || failure.sqlState().equals("P0001");
        Map<String, Long> oids = ScriptRunner.oids(work.connection,
                before.tables().values().stream().map(Catalog.Table::sqlName).toList());
        List<Catalog.Table> generated = before.tables().values().stream()
                .filter(t -> filled.contains(oids.get(t.sqlName()))).toList();
        if (!dataError || generated.isEmpty()) {
            return null;
        }
        List<String> emptied = generated.stream().map(Catalog.Table::displayName).sorted().toList();
        List<String> examples = examples(m, failure, generated);
        if (!(stillAt(before) && truncated(generated)) && !restore(appliedOrder)) {
            return null;
        }
        unfillable.addAll(emptied);
        unseeded.forget();
        generated.forEach(t -> filled.remove(oids.get(t.sqlName())));
        dataBeforeRetry = hasDown ? Fingerprints.take(work.connection, before) : null;
        return new MigrationTrace.Retry(emptied, examples,
                work.executor.up(m, ScriptRunner.relations(work.connection)));
    }

    /**
     * Whether emptying {@code tables} worked; a table the rehearsal did not fill may reference them, and then the
     * rehearsal goes on from a copy instead, which holds none of the generated rows.
     */
    private boolean truncated(List<Catalog.Table> tables) {
        try (java.sql.Statement truncate = work.connection.createStatement()) {
            truncate.execute("TRUNCATE " + String.join(", ", tables.stream().map(Catalog.Table::sqlName).toList()));
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A generated value of each column of {@code tables} that the failing statement names (the first in order, at
     * most three columns), as {@code table.column = 'value'}: what rows like the generated ones look like.
     */
    private List<String> examples(Migration m, Execution.Failure failure, List<Catalog.Table> tables) {
        dev.schemaguard.sql.Statement statement = statements.statementAt(m, failure.line());
        List<String> examples = new ArrayList<>();
        if (statement == null) {
            return examples;
        }
        for (Catalog.Table table : tables) {
            for (Catalog.Column column : table.columns()) {
                java.util.regex.Pattern word = java.util.regex.Pattern.compile(
                        "(?i)(?<![\\w$])" + java.util.regex.Pattern.quote(column.name()) + "(?![\\w$])");
                if (examples.size() == 3 || !word.matcher(statement.text()).find()) {
                    continue;
                }
                String name = Catalog.quote(column.name());
                try (java.sql.Statement s = work.connection.createStatement();
                     java.sql.ResultSet r = s.executeQuery("SELECT " + name + "::text FROM " + table.sqlName()
                             + " WHERE " + name + " IS NOT NULL ORDER BY 1 LIMIT 1")) {
                    if (r.next()) {
                        examples.add(table.displayName() + "." + column.name() + " = '"
                                + r.getString(1).replace("'", "''") + "'");
                    }
                } catch (SQLException e) {
                    // a value the rehearsal cannot read back (the failed up left the connection aborted): none shown
                }
            }
        }
        return examples;
    }

    /** Down, then the schema and the destroyed data read, then up again: the facts of the round trip. */
    private MigrationTrace.RoundTrip roundTrip(Migration m, Fingerprints.DataFingerprint dataBefore,
                                               Fingerprints.DataFingerprint dataAfterUp) {
        Execution down = work.executor.down(m);
        Catalog afterDown = snapshot();
        if (!down.succeeded()) {
            return new MigrationTrace.RoundTrip(down, afterDown, null, null, null);
        }
        Fingerprints.DataFingerprint destroyed = DestroyedData.byUp(dataBefore, dataAfterUp);
        Fingerprints.DataFingerprint destroyedAfterDown = destroyed.tables().isEmpty() ? null
                : Fingerprints.take(work.connection, onlyTables(afterDown, destroyed.tables().keySet()));
        return new MigrationTrace.RoundTrip(down, afterDown, destroyed, destroyedAfterDown, work.executor.up(m, null));
    }

    /** The version tables runners keep their bookkeeping in: not the application's schema or data. */
    static final Set<String> RUNNER_TABLES = Set.of("alembic_version", "flyway_schema_history", "schema_migrations",
            "schema_version", "goose_db_version");

    /** The catalog of the rehearsal database, without the runner's version table. */
    private Catalog snapshot() {
        return withoutRunnerTables(CatalogReader.read(work.connection, work.reader), work.executor.versionTables());
    }

    /**
     * The catalog without the runner's version table (the usual names, and {@code more} the executor knows of),
     * which is no migration's to change and holds no user data.
     */
    static Catalog withoutRunnerTables(Catalog catalog, List<String> more) {
        Set<String> runner = new HashSet<>(RUNNER_TABLES);
        runner.addAll(more);
        Map<String, Catalog.Table> tables = new java.util.TreeMap<>(catalog.tables());
        tables.keySet().removeIf(runner::contains);
        Map<String, Catalog.Index> indexes = new java.util.TreeMap<>(catalog.indexes());
        indexes.values().removeIf(index -> runner.contains(index.table()));
        return new Catalog(catalog.schemas(), tables, indexes, catalog.enums(), catalog.types(), catalog.sequences(),
                catalog.views(), catalog.functions(), catalog.triggers(), catalog.extensions());
    }

    /** The catalog with only the named tables (and their indexes): what a partial fingerprint needs. */
    private static Catalog onlyTables(Catalog catalog, Set<String> names) {
        Map<String, Catalog.Table> tables = new java.util.TreeMap<>(catalog.tables());
        tables.keySet().retainAll(names);
        return new Catalog(catalog.schemas(), tables, catalog.indexes(), catalog.enums(), catalog.types(),
                catalog.sequences(), catalog.views(), catalog.functions(), catalog.triggers(), catalog.extensions());
    }

    /** Whether the project's migrations are Alembic's (Python, run through Alembic). */
    static boolean isAlembic(MigrationGraph graph) {
        return graph.migrations().stream().anyMatch(m -> m.format() == MigrationFormat.ALEMBIC);
    }
}
