package dev.schemaguard.rehearsal;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.Linter;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.Phase;
import dev.schemaguard.lint.Suppressions;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.postgres.CatalogDiff;
import dev.schemaguard.postgres.CatalogReader;
import dev.schemaguard.postgres.DataSeeder;
import dev.schemaguard.postgres.Fingerprints;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the migration graph on a real PostgreSQL, in the order the runner applies it, and turns what the server
 * did into findings: each migration applied with its runner's transaction semantics, its catalog diff recorded,
 * the ACCESS EXCLUSIVE locks it took on existing tables traced, its down run and compared (schema and data), its
 * up run again to continue, and its up re-run to test restart safety.
 */
public final class Rehearsal {

    /** Rows each table gets before a migration whose round trip is checked. */
    static final int ROWS_PER_TABLE = 20;
    private static final long SEED = 20_041;
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

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
     * that changes the schema: one that prepared before and fails after is {@code consumer-breaking-change}.
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

    /** How this project's migrations are run: SQL files directly, Alembic through the project's own Alembic. */
    public static Preparation prepare(MigrationGraph graph, Path projectDir, Config config) {
        boolean down = config.require().downMigrations();
        boolean rerunnable = config.require().rerunnable();
        String transaction = config.migrations().transaction();
        if (!isAlembic(graph)) {
            String psqlOnly = SqlExecutor.psqlOnly(graph);
            if (psqlOnly != null) {
                return new Preparation(null, psqlOnly + "; the static analysis above still applies");
            }
            return new Preparation(new Settings(down, rerunnable, transaction, (db, c, tx) -> new SqlExecutor(c, tx)),
                    null);
        }
        AlembicExecutor.Availability alembic = AlembicExecutor.availability(projectDir, config.alembic());
        if (!alembic.available()) {
            return new Preparation(null, alembic.problem() + "; the static analysis above still applies");
        }
        return new Preparation(new Settings(down, rerunnable, transaction,
                (db, c, tx) -> AlembicExecutor.start(projectDir, config.alembic(), db)), null);
    }

    /** Told of each migration as the rehearsal reaches it. */
    public interface Progress {
        void step(int done, int total, String migration);
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

    /** The rehearsal's findings and what it did per migration. */
    public record Result(String server, List<MigrationRun> migrations, List<Finding> findings, long nanos) {
    }

    private final MigrationGraph graph;
    private final Settings settings;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> createdBy = new HashMap<>();
    private Baseline baseline;
    private final Map<String, Suppressions> suppressions = new HashMap<>();
    /** Each migration's statements, split and typed once for locks, suppressions and line lookups. */
    private final Map<String, List<MigrationContext.Step>> steps = new HashMap<>();
    /** The catalog the database has now, when known without reading it; {@code null} otherwise. */
    private Catalog knownState;
    /** Whether the last round trip gave back exactly the catalog from before its up. */
    private boolean roundTripClean;
    /** A second connection to the rehearsal database, which reads half of each catalog snapshot. */
    private Connection catalogReader;
    /** The executor of the replay: it knows the version table the runner keeps, beyond the usual names. */
    private MigrationExecutor replayExecutor;
    /** Tables the seeder could not fill: not tried again before every migration. */
    private final Set<String> unfillable = new HashSet<>();

    private Rehearsal(MigrationGraph graph, Settings settings) {
        this.graph = graph;
        this.settings = settings;
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
        try (ScratchDatabase db = server.createDatabase(); Connection c = db.connectSimple();
             Connection second = db.connectSimple(); MigrationExecutor executor = open(db, c)) {
            catalogReader = second;
            replayExecutor = executor;
            Map<QueryProbe, Boolean> prepared = new LinkedHashMap<>();
            settings.probes().forEach(probe -> prepared.put(probe, Probes.prepares(c, probe.sql()) == null));
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
                MigrationRun run = rehearse(m, c, executor);
                runs.add(run);
                if (run.outcome().equals("applied")) {
                    applied.add(id);
                    if (!run.changes().isEmpty()) {
                        probeConsumers(m, c, prepared);
                    }
                } else {
                    blockedBy.put(id, id);
                }
            }
            progress.step(order.size(), order.size(), null);
        } catch (SQLException e) {
            throw new IllegalStateException("the rehearsal connection failed: " + e.getMessage(), e);
        }
        reportUnreached(blockedBy);
        checkBranchOrders(server, applied, order);
        return new Result(server.description(), runs, List.copyOf(findings), System.nanoTime() - start);
    }

    /**
     * At every fork that merges again, applies the branches in both orders, each time from a fresh database, and
     * compares what the two orders build. Runners apply independent branches in an order of their own (Alembic by
     * revision map, and each environment in the order its deploys came), so a schema that depends on the order
     * differs between environments.
     */
    private void checkBranchOrders(ScratchServer server, Set<String> applied, List<String> order) {
        for (GraphAnalysis.Fork fork : GraphAnalysis.of(graph).forks()) {
            if (!fork.merged() || !fork.acyclic() || fork.children().size() < 2) {
                continue;
            }
            Set<String> mergeAncestors = ancestors(fork.mergedAt());
            List<Set<String>> reached = new ArrayList<>();
            Map<String, Integer> reachedBy = new HashMap<>();
            for (String child : fork.children()) {
                Set<String> branch = new HashSet<>(descendantsOrSelf(child));
                branch.retainAll(mergeAncestors);
                reached.add(branch);
                branch.forEach(id -> reachedBy.merge(id, 1, Integer::sum));
            }
            // A migration that two branches reach (an earlier merge of some of them) follows all of them in either
            // order: it belongs to no single branch.
            List<String> shared = order.stream().filter(id -> reachedBy.getOrDefault(id, 0) > 1).toList();
            List<List<String>> branches = new ArrayList<>();
            for (Set<String> branch : reached) {
                branches.add(order.stream().filter(id -> branch.contains(id) && reachedBy.get(id) == 1).toList());
            }
            Set<String> inBranches = new HashSet<>(shared);
            branches.forEach(inBranches::addAll);
            if (!applied.containsAll(inBranches) || !applied.contains(fork.mergedAt())) {
                continue; // a failure there is reported already; the orders cannot be compared
            }
            Set<String> before = new HashSet<>();
            inBranches.forEach(id -> before.addAll(ancestors(id)));
            before.removeAll(inBranches);
            before.removeAll(baselineRevisions());
            List<String> prefix = order.stream().filter(before::contains).toList();
            List<String> forward = new ArrayList<>(prefix);
            branches.forEach(forward::addAll);
            forward.addAll(shared);
            List<String> backward = new ArrayList<>(prefix);
            for (int i = branches.size() - 1; i >= 0; i--) {
                backward.addAll(branches.get(i));
            }
            backward.addAll(shared);
            compareOrders(server, fork, branches, forward, backward);
        }
    }

    private void compareOrders(ScratchServer server, GraphAnalysis.Fork fork, List<List<String>> branches,
                               List<String> forward, List<String> backward) {
        Migration merge = graph.migration(fork.mergedAt());
        String first = String.join(", ", branches.get(0));
        String last = String.join(", ", branches.get(branches.size() - 1));
        OrderOutcome one = applyInOrder(server, forward);
        OrderOutcome other = applyInOrder(server, backward);
        List<Evidence> evidence = fork.children().stream()
                .map(id -> Evidence.at(graph.migration(id).displayFile(), graph.migration(id).line(), "branch " + id))
                .toList();
        String fix = "Make the branches independent (each changing objects the other does not touch), or make one "
                + "branch depend on the other (down_revision or depends_on) so every environment applies them in the "
                + "same order.";
        if (one.failure != null || other.failure != null) {
            OrderOutcome failed = one.failure != null ? one : other;
            String orderText = failed == one ? first + " before " + last : last + " before " + first;
            report("branch-order-dependent", Severity.ERROR, merge, failed.failure.file(), failed.failure.line(),
                    "the branches of the fork at " + fork.at() + " only work in one order: applied as " + orderText
                            + ", migration " + failed.failedId + " fails: " + failed.failure.describe(), fix, evidence);
            return;
        }
        List<CatalogChange> differences = CatalogDiff.between(one.catalog, other.catalog).stream()
                .filter(change -> !change.objectKind().equals(CatalogDiff.COLUMN_ORDER)).toList();
        if (!differences.isEmpty()) {
            report("branch-order-dependent", Severity.ERROR, merge, merge.displayFile(), merge.line(),
                    "the branches of the fork at " + fork.at() + " build different schemas in the two orders they can "
                            + "run in: going from " + first + " first to " + last + " first, "
                            + summarise(descriptions(differences)), fix, evidence);
        }
    }

    /** What applying a list of migrations built, or where it failed. */
    private record OrderOutcome(Catalog catalog, String failedId, Execution.Failure failure) {
    }

    private OrderOutcome applyInOrder(ScratchServer server, List<String> ids) {
        try (ScratchDatabase db = server.createDatabase(); Connection c = db.connectSimple();
             MigrationExecutor executor = open(db, c)) {
            for (String id : ids) {
                Execution up = executor.up(graph.migration(id), null);
                if (!up.succeeded()) {
                    return new OrderOutcome(null, id, up.failure());
                }
            }
            return new OrderOutcome(withoutRunnerTables(CatalogReader.read(c), executor.versionTables()), null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("the rehearsal connection failed: " + e.getMessage(), e);
        }
    }

    private Set<String> ancestors(String id) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(graph.parents(id));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (graph.migration(next) != null && seen.add(next)) {
                queue.addAll(graph.parents(next));
            }
        }
        return seen;
    }

    private Set<String> descendantsOrSelf(String id) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(id));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (seen.add(next)) {
                queue.addAll(graph.children(next));
            }
        }
        return seen;
    }

    /** The line of the migration's first statement that names {@code object}; its declaration line otherwise. */
    private int lineMentioning(Migration m, String object) {
        Pattern name = Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(object) + "(?![\\w$])");
        return stepsOf(m).stream().filter(step -> name.matcher(step.statement().text()).find())
                .mapToInt(step -> step.statement().line()).findFirst().orElse(m.line());
    }

    private List<MigrationContext.Step> stepsOf(Migration m) {
        return steps.computeIfAbsent(m.id(), id -> Linter.stepsOf(m));
    }

    /**
     * A database at the rehearsal's starting point (empty, or the baseline loaded and, for Alembic, its revisions
     * stamped through the project's env.py, into whatever version table that names) and its executor.
     */
    private MigrationExecutor open(ScratchDatabase db, Connection c) {
        if (baseline != null) {
            Baselines.load(c, baseline);
        }
        MigrationExecutor executor = settings.executors().open(db, c, settings.transaction());
        if (baseline != null && isAlembic(graph)) {
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
            for (String revision : baseline.revisions()) {
                done.add(revision);
                done.addAll(ancestors(revision));
            }
        }
        return done;
    }

    /** Prepares every consumer query again; those that stop preparing were broken by {@code m}. */
    private void probeConsumers(Migration m, Connection c, Map<QueryProbe, Boolean> prepared) {
        for (Map.Entry<QueryProbe, Boolean> entry : prepared.entrySet()) {
            QueryProbe probe = entry.getKey();
            Execution.Failure failure = Probes.prepares(c, probe.sql());
            if (failure != null && entry.getValue()) {
                Matcher quoted = QUOTED.matcher(failure.message());
                String object = quoted.find() ? quoted.group(1).substring(quoted.group(1).lastIndexOf('.') + 1) : null;
                report("consumer-breaking-change", Severity.ERROR, m, m.displayFile(),
                        object == null ? m.line() : lineMentioning(m, object),
                        "after migration " + m.id() + ", the query of " + probe.consumer() + " at " + probe.file() + ":"
                                + (probe.line() + failure.line()) + " no longer runs: " + failure.describe(),
                        "Change " + probe.consumer() + " first (stop using what this migration removes or changes, and "
                                + "deploy it), then apply this migration; or keep the old shape until then.",
                        List.of(new Evidence(probe.consumer(), probe.file(), probe.line() + failure.line(),
                                "prepared before " + m.id() + ", fails after it")));
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

    private MigrationRun rehearse(Migration m, Connection c, MigrationExecutor executor) {
        long start = System.nanoTime();
        boolean hasDown = executor.hasDown(m);
        // The previous migration may have left a state already read: a snapshot costs a dozen catalog queries.
        Catalog before = knownState != null ? knownState : snapshot(c);
        knownState = null;
        Fingerprints.DataFingerprint dataBefore = null;
        List<String> notes = new ArrayList<>();
        if (hasDown) {
            dataBefore = Fingerprints.take(c, before);
            // Seeding reads the types of every column: only worth it when a table is still empty.
            if (dataBefore.tables().values().stream().anyMatch(t -> t.rowCount() == 0 && !unfillable.contains(t.table()))) {
                SeedResult seeded = DataSeeder.seedEmptyTables(c, before, ROWS_PER_TABLE, SEED);
                // A table left empty cannot show a loss: say so (once) rather than let "no data loss" mean more
                // than it does.
                for (SeedResult.Problem problem : seeded.problems()) {
                    if (unfillable.add(problem.table())) {
                        notes.add("not filled: " + problem.message());
                    }
                }
                dataBefore = Fingerprints.take(c, before);
                dataBefore.tables().values().stream().filter(t -> t.rowCount() == 0)
                        .forEach(t -> unfillable.add(t.table()));
            }
        }
        Execution up = executor.up(m, ScriptRunner.relations(c));
        if (!up.succeeded()) {
            migrationFailed(m, up.failure());
            return new MigrationRun(m.id(), "failed", up.failure().describe(), up.nanos(), System.nanoTime() - start,
                    List.of(), List.of());
        }
        Catalog after = snapshot(c);
        Fingerprints.DataFingerprint dataAfterUp = hasDown ? Fingerprints.take(c, after) : null;
        List<CatalogChange> changes = CatalogDiff.between(before, after);
        for (CatalogChange change : changes) {
            if (change.kind() == CatalogChange.Kind.ADDED) {
                createdBy.putIfAbsent(change.object(), m.id());
            }
        }
        reportLocks(m, up.locks());
        List<String> phases = DiffPhases.of(changes, dataBefore, dataAfterUp).stream().map(Phase::label).toList();
        if (!hasDown) {
            if (settings.requireDown()) {
                report("down-missing", Severity.ERROR, m, m.displayFile(), m.line(),
                        "migration " + m.id() + " has no down migration, and require.down_migrations asks every "
                                + "migration for one", "Write the down migration that reverses it: "
                                + reverseHint(changes));
            }
        } else if (!roundTrip(m, c, executor, before, dataBefore, after, dataAfterUp)) {
            return new MigrationRun(m.id(), "failed", "its round trip left the database where its up cannot run",
                    up.nanos(), System.nanoTime() - start, descriptions(changes), phases);
        }
        Execution again = executor.rerun(m);
        if (!again.succeeded()) {
            Execution.Failure f = again.failure();
            report("not-rerunnable", settings.requireRerunnable() ? Severity.ERROR : Severity.INFO, m, f.file(), f.line(),
                    "running migration " + m.id() + " a second time fails: " + f.describe()
                            + " (a runner that re-applies it after a crash or restart would stop here)",
                    "Make each statement safe to repeat: IF NOT EXISTS / IF EXISTS, CREATE OR REPLACE, a DO block "
                            + "catching duplicate_object for CREATE TYPE, and updates that skip rows already done.");
            notes.add("fails when run twice");
        }
        // Up again after a clean round trip rebuilds the same catalog, and a rolled-back re-run changes nothing.
        if ((!hasDown || roundTripClean) && executor.rerunLeavesNoTrace(m)) {
            knownState = after;
        }
        return new MigrationRun(m.id(), "applied", String.join("; ", notes), up.nanos(), System.nanoTime() - start,
                descriptions(changes), phases);
    }

    /**
     * Down, compare schema and data with before up, then up again. Returns false when the database cannot be brought
     * back to the migration applied.
     */
    private boolean roundTrip(Migration m, Connection c, MigrationExecutor executor, Catalog before,
                              Fingerprints.DataFingerprint dataBefore, Catalog afterUp,
                              Fingerprints.DataFingerprint dataAfterUp) {
        roundTripClean = false;
        Execution down = executor.down(m);
        if (!down.succeeded()) {
            Execution.Failure f = down.failure();
            report("down-failed", Severity.ERROR, m, f.file(), f.line(),
                    "the down migration of " + m.id() + " fails right after its up: " + f.describe(),
                    "Run the down against the schema the up leaves and fix the statement; the down must undo exactly "
                            + "what the up did, in reverse order.");
            // A transactional down rolled back: the migration is still applied, and the rehearsal goes on.
            roundTripClean = CatalogDiff.between(afterUp, snapshot(c)).isEmpty();
            return roundTripClean;
        }
        Catalog afterDown = snapshot(c);
        // A column dropped and added back comes last: no down can restore the order, so it is no difference.
        List<CatalogChange> left = CatalogDiff.between(before, afterDown).stream()
                .filter(change -> !change.objectKind().equals(CatalogDiff.COLUMN_ORDER)).toList();
        Fingerprints.DataFingerprint destroyed = DataLoss.destroyedByUp(dataBefore, dataAfterUp);
        List<String> lost = destroyed.tables().isEmpty() ? List.of()
                : Fingerprints.compare(destroyed, Fingerprints.take(c, onlyTables(afterDown, destroyed.tables().keySet())));
        if (!lost.isEmpty()) {
            report("data-loss", Severity.ERROR, m, m.displayFile(), m.line(),
                    "up then down of " + m.id() + " does not give the data back: " + summarise(lost),
                    "A down cannot restore what the up destroyed: keep the data (rename or copy the column or table "
                            + "first, drop it in a later contract migration once nothing needs it), or make the down "
                            + "restore it from that copy.",
                    lost.stream().map(l -> Evidence.at(m.displayFile(), m.line(), l)).toList());
        }
        Execution upAgain = executor.up(m, null);
        String differs = "after up then down of " + m.id() + ", the schema differs from before up: "
                + summarise(descriptions(left));
        List<Evidence> evidence = left.stream().map(ch -> Evidence.at(downFile(m), 1, ch.description())).toList();
        if (!upAgain.succeeded()) {
            Execution.Failure f = upAgain.failure();
            report("down-not-inverse", Severity.ERROR, m, f.file(), f.line(),
                    (left.isEmpty() ? "after its down, " + m.id() : differs + "; so " + m.id())
                            + " cannot be applied again: " + f.describe(),
                    "Make the down remove everything the up creates, so that up, down, up works.", evidence);
            return false;
        }
        roundTripClean = left.isEmpty() && CatalogDiff.between(before, afterDown).isEmpty();
        if (!left.isEmpty()) {
            report("down-not-inverse", Severity.WARNING, m, downFile(m), 1, differs,
                    "Make the down undo every change of the up: " + summarise(descriptions(left)) + ".", evidence);
        }
        return true;
    }

    private void migrationFailed(Migration m, Execution.Failure f) {
        List<Evidence> evidence = new ArrayList<>();
        String message = "migration " + m.id() + " fails on a database built by the migrations before it: " + f.describe();
        String fix = "Fix the statement so that it runs after every earlier migration; replay the chain from an empty "
                + "database (schemaguard rehearse) rather than building the schema from models.";
        if (f.sqlState().equals("42710") || f.sqlState().equals("42P07") || f.sqlState().equals("42701")) {
            Matcher quoted = QUOTED.matcher(f.message());
            if (quoted.find() && createdBy.containsKey(quoted.group(1))) {
                Migration creator = graph.migration(createdBy.get(quoted.group(1)));
                message += "; " + quoted.group(1) + " was created by migration " + creator.id() + " ("
                        + creator.displayFile() + ")";
                evidence.add(Evidence.at(creator.displayFile(), lineMentioning(creator, quoted.group(1)),
                        "creates " + quoted.group(1)));
                fix = "Do not create " + quoted.group(1) + " again: migration " + creator.id() + " already did. Remove "
                        + "the creation, or guard it (IF NOT EXISTS; for a type, a DO block catching duplicate_object; "
                        + "in Alembic, create_type=False on the enum).";
            }
        }
        report("migration-failed", Severity.ERROR, m, f.file(), f.line(), message, fix, evidence);
    }

    private void reportLocks(Migration m, List<Execution.Lock> locks) {
        Map<String, List<Execution.Lock>> byStatement = new LinkedHashMap<>();
        for (Execution.Lock lock : locks) {
            byStatement.computeIfAbsent(lock.file() + ":" + lock.line(), k -> new ArrayList<>()).add(lock);
        }
        List<MigrationContext.Step> steps = locks.isEmpty() ? List.of() : stepsOf(m);
        for (List<Execution.Lock> group : byStatement.values()) {
            Execution.Lock first = group.get(0);
            List<String> tables = group.stream().map(Execution.Lock::relation).distinct().sorted().toList();
            int until = group.stream().mapToInt(Execution.Lock::heldUntilLine).max().orElse(first.line());
            String them = tables.size() == 1 ? "it" : "them";
            String slow = until > first.line() ? SlowUnderLock.firstBetween(steps, first.line(), until) : null;
            String held;
            if (until <= first.line()) {
                held = "; it is released when the statement ends";
            } else if (slow == null) {
                held = "; the transaction keeps it up to line " + until + ", through statements that only change the "
                        + "catalog";
            } else {
                held = "; the transaction keeps it up to line " + until + ", through " + slow + ", blocking every read "
                        + "and write of " + them + " meanwhile";
            }
            String message = first.statement() + " took an ACCESS EXCLUSIVE lock on " + String.join(", ", tables)
                    + ", which existed before this migration" + held;
            String fix = slow != null
                    ? "Set lock_timeout, and move " + slow + " into its own transaction or migration so the lock lasts "
                    + "only for the catalog change."
                    : "Set lock_timeout so the lock is never waited for long; prefer a form that needs a weaker lock "
                    + "(NOT VALID then VALIDATE, CONCURRENTLY) where there is one.";
            report("exclusive-lock", slow != null ? Severity.WARNING : Severity.INFO, m, first.file(), first.line(),
                    message, fix, List.of());
        }
    }

    private void reportUnreached(Map<String, String> blockedBy) {
        Map<String, List<String>> unreached = new LinkedHashMap<>();
        blockedBy.forEach((id, cause) -> {
            if (!id.equals(cause)) {
                unreached.computeIfAbsent(cause, k -> new ArrayList<>()).add(id);
            }
        });
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            List<String> after = unreached.get(f.migration());
            if (f.rule().equals("migration-failed") && after != null) {
                findings.set(i, new Finding(f.rule(), f.severity(), f.migration(), f.file(), f.line(),
                        f.message() + "; " + after.size() + " later migration" + (after.size() == 1 ? "" : "s")
                                + " could not be rehearsed: " + ids(after), f.fix(), f.evidence()));
            }
        }
    }

    private void report(String rule, Severity severity, Migration m, String file, int line, String message, String fix) {
        report(rule, severity, m, file, line, message, fix, List.of());
    }

    private void report(String rule, Severity severity, Migration m, String file, int line, String message, String fix,
                        List<Evidence> evidence) {
        Finding finding = new Finding(rule, severity, m.id(), file, line, message, fix, evidence);
        // -- schemaguard:ignore RULE reason above a statement silences the rehearsal's findings on it too.
        if (file.equals(m.displayFile()) && suppressions.computeIfAbsent(m.id(), id -> Suppressions.of(stepsOf(m)))
                .suppresses(finding)) {
            return;
        }
        findings.add(finding);
    }

    private static String downFile(Migration m) {
        return m.down().map(script -> SqlExecutor.display(script, m)).orElse(m.displayFile());
    }

    private static String reverseHint(List<CatalogChange> changes) {
        return changes.isEmpty() ? "this one changes no schema object, so an empty down will do."
                : "it has to undo " + summarise(descriptions(changes)) + ".";
    }

    private static List<String> descriptions(List<CatalogChange> changes) {
        return changes.stream().map(CatalogChange::description).toList();
    }

    /** The version tables runners keep their bookkeeping in: not the application's schema or data. */
    static final Set<String> RUNNER_TABLES = Set.of("alembic_version", "flyway_schema_history", "schema_migrations",
            "schema_version", "goose_db_version");

    /** The catalog of the rehearsal database, without the runner's version table. */
    private Catalog snapshot(Connection c) {
        return withoutRunnerTables(CatalogReader.read(c, catalogReader), replayExecutor.versionTables());
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

    private static String ids(List<String> ids) {
        int shown = Math.min(ids.size(), 10);
        String text = String.join(", ", ids.subList(0, shown));
        return ids.size() > shown ? text + " and " + (ids.size() - shown) + " more" : text;
    }

    /** The first few items and how many more. */
    static String summarise(List<String> items) {
        int shown = Math.min(items.size(), 6);
        String text = String.join("; ", items.subList(0, shown));
        return items.size() > shown ? text + "; and " + (items.size() - shown) + " more" : text;
    }

    /** Whether the project's migrations are Alembic's (Python, run through Alembic). */
    static boolean isAlembic(MigrationGraph graph) {
        return graph.migrations().stream().anyMatch(m -> m.format() == MigrationFormat.ALEMBIC);
    }
}
