package dev.schemaguard.status;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Words;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.GraphFindings;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.io.InputException;
import dev.schemaguard.report.DatabaseStatus;
import dev.schemaguard.source.DjangoReader;
import dev.schemaguard.source.LiquibaseChangelog;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What an upgrade to head would do to a database in a given state, with every reason it would fail: the graph's,
 * planned by {@link UpgradePlan} from where the database stands, and those only the database shows, judged by the
 * runner's own rules (golang-migrate's dirty flag, Flyway's failed rows and checksums, versions no file has).
 */
public final class UpgradeCheck {

    /** How many tables a note names before it only counts. */
    private static final int TABLES_NAMED = 5;

    /**
     * The status, and the findings of rules that exist for some of its reasons ({@code unknown-stamp}).
     *
     * @param status   the database's status for the report
     * @param findings findings to add to the graph's
     */
    public record Result(DatabaseStatus status, List<Finding> findings) {
    }

    private final MigrationGraph graph;
    private final GraphAnalysis analysis;
    private final DatabaseState state;
    private final List<String> stamps = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final List<String> unknownStamps = new ArrayList<>();
    private final List<String> unknownApplied = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> blockers = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private List<String> targets = List.of();
    private Boolean dirty;
    private List<DatabaseStatus.ChangedMigration> changed;

    private UpgradeCheck(MigrationGraph graph, GraphAnalysis analysis, DatabaseState state) {
        this.graph = graph;
        this.analysis = analysis;
        this.state = state;
    }

    /** Checks the upgrade of the database at {@code url} (shown without password) in {@code state}. */
    public static Result of(MigrationGraph graph, GraphAnalysis analysis, DatabaseState state, String url) {
        UpgradeCheck check = new UpgradeCheck(graph, analysis, state);
        check.notes.addAll(state.notes());
        if (state.kind() == null) {
            check.noVersionTable();
        } else {
            switch (state.kind()) {
                case ALEMBIC -> check.alembic();
                case GOLANG_MIGRATE -> check.golangMigrate();
                case DBMATE -> check.applied(DBMATE);
                case GOOSE -> check.applied(GOOSE);
                case DIESEL -> check.applied(DIESEL);
                case PRISMA -> check.prisma();
                case SQITCH -> check.sqitch();
                case DJANGO -> check.django();
                case LIQUIBASE -> check.liquibase();
                case FLYWAY -> check.flyway();
            }
        }
        DatabaseStatus status = new DatabaseStatus(url, state.table(),
                state.kind() == null ? null : state.kind().label(), check.stamps, check.pending, check.targets,
                check.unknownStamps, check.unknownApplied, check.dirty, check.failed, check.changed, check.blockers,
                check.notes);
        return new Result(status, check.findings);
    }

    /** Plans from the given migrations (applied with all they revise), taking the graph's blockers and targets. */
    private UpgradePlan plan(List<String> from) {
        UpgradePlan plan = UpgradePlan.from(graph, analysis, from);
        blockers.addAll(plan.blockers());
        targets = plan.targets();
        return plan;
    }

    private void noVersionTable() {
        pending.addAll(plan(List.of()).pending());
        List<String> tables = state.userTables();
        if (tables.isEmpty() || pending.isEmpty()) {
            return;
        }
        String holding = "the database has no version table, yet its schema holds " + tables.size()
                + (tables.size() == 1 ? " table" : " tables") + " (" + named(tables) + ")";
        if (graph.source().format() == MigrationFormat.FLYWAY) {
            blockers.add(holding + ": Flyway refuses to migrate a non-empty schema without a schema history "
                    + "('Found non-empty schema(s) ... but no schema history table'); run flyway baseline at the "
                    + "version the schema is at, or set baselineOnMigrate");
        } else {
            notes.add(holding + ": an upgrade runs every migration from the first on top of them; if they came "
                    + "from these migrations, record where the database stands first (alembic stamp, migrate force, "
                    + "or insert the applied versions for dbmate)");
        }
    }

    private void alembic() {
        for (VersionRow row : state.rows()) {
            stamps.add(row.version());
        }
        UpgradePlan plan = plan(stamps);
        pending.addAll(plan.pending());
        unknownStamps.addAll(plan.unknownStamps());
        findings.addAll(GraphFindings.ofUpgrade(graph, plan));
    }

    private void golangMigrate() {
        List<VersionRow> rows = state.rows();
        if (rows.isEmpty()) {
            pending.addAll(plan(List.of()).pending());
            dirty = false;
            return;
        }
        if (rows.size() > 1) {
            blockers.add(state.table() + " holds " + rows.size() + " rows (versions "
                    + Words.and(rows.stream().map(VersionRow::version).toList()) + "); golang-migrate keeps exactly "
                    + "one and reads whichever the server returns first, so where the database stands is unknown: "
                    + "keep only the row of the version the schema is at");
        }
        // golang-migrate writes -1 for "no version"; with several rows, the highest is the likeliest position.
        VersionRow row = rows.get(rows.size() - 1);
        dirty = rows.stream().anyMatch(VersionRow::dirty);
        BigInteger version = new BigInteger(row.version());
        boolean nilVersion = version.signum() < 0;
        Migration at = nilVersion ? null : byNumber(version);
        if (!nilVersion) {
            stamps.add(row.version());
        }
        if (!nilVersion && at == null) {
            unknownApplied.add(row.version());
            blockers.add("the database is at version " + row.version() + ", which no file of the project has: "
                    + "golang-migrate stops ('no migration found for version " + row.version() + "'); restore the "
                    + "migration files of that version, or deploy the release that has them");
        }
        Migration position = nilVersion ? null : at != null ? at : lastBelow(version);
        pending.addAll(plan(position == null ? List.of() : List.of(position.id())).pending());
        if (dirty) {
            Migration previous = at == null ? null : previousOf(at);
            String previousVersion = previous == null ? "-1" : new BigInteger(previous.id()).toString();
            blockers.add("the database is dirty at version " + row.version()
                    + (at == null ? "" : " (" + at.displayFile() + ")") + ": that migration started and did not "
                    + "finish, so golang-migrate runs nothing ('Dirty database version " + row.version()
                    + ". Fix and force version.'). Check which of its statements took effect; complete them by hand "
                    + "and run migrate force " + row.version() + ", or undo them and run migrate force "
                    + previousVersion + " (it then runs again)");
        }
    }

    /**
     * How a runner that records each migration it applied treats the files it has not: how it keys a version, whether
     * one older than the newest applied runs or stops the upgrade, and what it does with a recorded version no file has.
     */
    private record RecordingRunner(String name, Function<String, String> key, String olderNotApplied,
                                   boolean olderBlocks, String unknownApplied) {
    }

    private static final RecordingRunner DBMATE = new RecordingRunner("dbmate", Function.identity(),
            "dbmate applies %s now, out of order (with --strict it refuses)", false, "dbmate ignores %s");
    private static final RecordingRunner GOOSE = new RecordingRunner("goose", UpgradeCheck::number,
            "goose refuses to apply %s ('found missing migrations'); run goose up -allow-missing, or renumber "
                    + "the files above the newest applied version", true, "goose ignores %s");
    // diesel records the version without its dashes: 2019-01-01-000000 is 20190101000000
    private static final RecordingRunner DIESEL = new RecordingRunner("diesel", v -> v.replace("-", ""),
            "diesel applies %s now, out of order", false, "diesel ignores %s");
    private static final RecordingRunner PRISMA = new RecordingRunner("Prisma Migrate", Function.identity(),
            "prisma migrate deploy applies %s now, out of order", false, "prisma migrate deploy ignores %s");

    /** The version as a number without leading zeros, or as written when it is not one. */
    private static String number(String version) {
        return version.matches("\\d+") ? new BigInteger(version).toString() : version;
    }

    /** A runner that records every migration it applied and applies every file not recorded, in file order. */
    private void applied(RecordingRunner runner) {
        Map<String, Migration> byKey = new LinkedHashMap<>();
        for (Migration m : graph.source().migrations()) {
            byKey.putIfAbsent(runner.key().apply(m.id()), m);
        }
        Set<String> applied = new HashSet<>();
        // a failed row (Prisma's) records a migration that did not apply
        for (VersionRow row : state.rows().stream().filter(VersionRow::success).toList()) {
            String key = runner.key().apply(row.version());
            if (byKey.containsKey(key)) {
                applied.add(key);
            } else {
                unknownApplied.add(row.version());
            }
        }
        Migration position = null;
        for (Migration m : graph.source().migrations()) {
            if (applied.contains(runner.key().apply(m.id()))) {
                position = m;
            }
        }
        if (runner == PRISMA) {
            if (position != null) {
                stamps.add(position.id());
            }
        } else {
            state.rows().stream().map(VersionRow::version)
                    .max((a, b) -> Versions.compare(numeric(a), numeric(b)))
                    .ifPresent(stamps::add);
        }
        plan(position == null ? List.of() : List.of(position.id()));
        List<String> outOfOrder = new ArrayList<>();
        boolean beforePosition = position != null;
        for (Migration m : graph.source().migrations()) {
            if (!applied.contains(runner.key().apply(m.id()))) {
                pending.add(m.id());
                if (beforePosition) {
                    outOfOrder.add(m.id());
                }
            }
            if (m == position) {
                beforePosition = false;
            }
        }
        if (!outOfOrder.isEmpty()) {
            String them = outOfOrder.size() == 1 ? "it" : "them";
            String message = Words.and(outOfOrder) + (outOfOrder.size() == 1 ? " was" : " were") + " never applied "
                    + "although the later " + position.id() + " was: " + runner.olderNotApplied().formatted(them);
            (runner.olderBlocks() ? blockers : notes).add(message);
        }
        if (!unknownApplied.isEmpty()) {
            notes.add(state.table() + " records " + Words.and(unknownApplied) + " as applied, which no file of the "
                    + "project has: " + runner.unknownApplied().formatted(unknownApplied.size() == 1 ? "it" : "them")
                    + ", but the database ran migrations this project does not have (a newer release, or a renamed "
                    + "or deleted file)");
        }
    }

    /** Prisma: applied as recorded, and a migration that started and did not finish stops every later one. */
    private void prisma() {
        List<VersionRow> failedRows = state.rows().stream().filter(row -> !row.success()).toList();
        for (VersionRow row : failedRows) {
            failed.add(row.version());
            blockers.add("migration " + row.version() + " is recorded as started and not finished: prisma migrate "
                    + "deploy applies nothing until it is resolved (P3009); repair what it half-applied, then run "
                    + "prisma migrate resolve --rolled-back " + row.version() + " (it then runs again) or --applied "
                    + row.version());
        }
        applied(PRISMA);
    }

    /**
     * sqitch: the registry holds the changes deployed, in plan order; the next upgrade deploys the rest of the plan,
     * provided what was deployed is the plan's beginning.
     */
    /**
     * Django records every applied migration: what is pending is every migration of the project not recorded, in apply
     * order; a recorded migration whose dependency is not recorded stops migrate (InconsistentMigrationHistory).
     */
    private void django() {
        Set<String> applied = new HashSet<>();
        Set<String> apps = new HashSet<>();
        graph.migrations().forEach(m -> apps.add(m.id().substring(0, m.id().indexOf('.'))));
        Map<String, List<String>> squashes = new LinkedHashMap<>();
        Map<String, String> squashOf = new HashMap<>();
        for (Migration m : graph.migrations()) {
            List<String> replaced = DjangoReader.replaced(m);
            if (!replaced.isEmpty()) {
                squashes.put(m.id(), replaced);
                replaced.forEach(r -> squashOf.putIfAbsent(r, m.id()));
            }
        }
        Set<String> recordedReplaced = new HashSet<>();
        int elsewhere = 0;
        for (VersionRow row : state.rows()) {
            String id = row.version();
            if (graph.migration(id) != null) {
                applied.add(id);
            } else if (squashOf.containsKey(id)) {
                recordedReplaced.add(id);
            } else if (apps.contains(id.substring(0, Math.max(0, id.indexOf('.'))))) {
                unknownApplied.add(id);
            } else {
                elsewhere++;
            }
        }
        // As Django's loader: a squash whose replaced migrations are all recorded is applied; one with some of them
        // recorded is not used, and migrate runs the rest of the replaced migrations in its place.
        Map<String, List<String>> partlyApplied = new LinkedHashMap<>();
        squashes.forEach((squash, replaced) -> {
            long recorded = replaced.stream().filter(recordedReplaced::contains).count();
            if (recorded == replaced.size()) {
                applied.add(squash);
            } else if (recorded > 0 && !applied.contains(squash)) {
                List<String> rest = replaced.stream().filter(r -> !recordedReplaced.contains(r)).toList();
                partlyApplied.put(squash, rest);
                notes.add(squash + " squashes " + replaced.size() + " migrations, " + recorded + " of them recorded: "
                        + "Django does not use the squash on this database and runs the rest of them in its place ("
                        + named(rest) + ")");
            }
        });
        if (!unknownApplied.isEmpty()) {
            notes.add("recorded migrations of the project's apps that no file declares (deleted, or replaced by a "
                    + "squash): " + named(unknownApplied) + "; Django ignores them");
        }
        if (elsewhere > 0) {
            notes.add(elsewhere + " recorded migrations of apps with no migrations in the project (Django's own, "
                    + "installed packages) are not checked");
        }
        for (String id : graph.applyOrder()) {
            if (!applied.contains(id)) {
                continue;
            }
            List<String> dependencies = new ArrayList<>(graph.parents(id));
            graph.migration(id).dependsOn().stream().filter(d -> graph.migration(d) != null).forEach(dependencies::add);
            for (String dependency : dependencies) {
                if (!applied.contains(dependency)) {
                    blockers.add("migration " + id + " is applied before its dependency " + dependency
                            + ": manage.py migrate stops with InconsistentMigrationHistory; apply or fake the "
                            + "dependency, or record the database's real state");
                }
            }
            if (graph.graph().outgoingEdgesOf(id).stream().map(e -> graph.graph().getEdgeTarget(e))
                    .noneMatch(applied::contains)) {
                stamps.add(id);
            }
        }
        plan(List.copyOf(stamps));
        for (String id : graph.applyOrder()) {
            if (partlyApplied.containsKey(id)) {
                pending.addAll(partlyApplied.get(id));
            } else if (!applied.contains(id)) {
                pending.add(id);
            }
        }
    }

    /**
     * Liquibase records each executed changeset by id, author and the changelog path it ran from (as Liquibase named
     * it: from the classpath root, or as given): a changeset is applied when a row has its id and author and a path its
     * file ends with. A held DATABASECHANGELOGLOCK blocks every update, and so does an applied changeset whose
     * checksum Liquibase would now compute differently (its validation fails), unless it runs on change.
     */
    private void liquibase() {
        Set<String> applied = new HashSet<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        List<Migration> changesets = graph.source().migrations();
        for (VersionRow row : state.rows()) {
            if (row.version().equals(VersionTableReader.LIQUIBASE_LOCK)) {
                blockers.add("DATABASECHANGELOGLOCK is held by " + row.description() + " since " + row.type()
                        + ": every liquibase update waits for it, then fails ('Could not acquire change log lock'); "
                        + "an update killed mid-run (a pod restarted) leaves it held: once no update is running, "
                        + "release it with liquibase releaseLocks");
                continue;
            }
            String file = row.description() == null ? "" : row.description().replaceFirst("^classpath\\*?:", "")
                    .replaceFirst("^/+", "");
            Migration match = changesets.stream().filter(m -> m.id().startsWith(row.version() + ":")
                    && (m.id().endsWith(":" + file) || m.id().endsWith("/" + file))).findFirst().orElse(null);
            if (match == null) {
                unknownApplied.add(row.version() + ":" + row.description());
            } else {
                applied.add(match.id());
                checksums.put(match.id(), row.checksum());
            }
        }
        if (!unknownApplied.isEmpty()) {
            notes.add("executed changesets no changelog declares (removed, or run from another changelog path): "
                    + named(unknownApplied) + "; Liquibase ignores them");
        }
        liquibaseChecksums(checksums);
        String last = null;
        for (Migration m : changesets) {
            if (applied.contains(m.id())) {
                last = m.id();
            } else {
                pending.add(m.id());
            }
        }
        if (last != null) {
            stamps.add(last);
        }
        plan(last == null ? List.of() : List.of(last));
    }

    /**
     * Compares the applied changesets' MD5SUMs with the checksums Liquibase (the liquibase-core SchemaGuard carries)
     * computes from the changelog now, of the same checksum version.
     */
    private void liquibaseChecksums(Map<String, String> stored) {
        Map<String, LiquibaseChangelog.Comparison> compared;
        try {
            compared = LiquibaseChangelog.of(graph.source().projectDir(), graph.source().migrationsDir())
                    .compare(stored, LiquibaseChangelog.compiledClasses(graph.source().projectDir()));
        } catch (InputException e) {
            notes.add("checksums are not compared with the changelogs: " + e.getMessage());
            return;
        }
        changed = new ArrayList<>();
        compared.forEach((id, c) -> {
            if (c.valid()) {
                return;
            }
            Migration m = graph.migration(id);
            changed.add(new DatabaseStatus.ChangedMigration(id, m.displayFile(), c.stored(), c.now()));
            if (c.reruns()) {
                notes.add("changeset " + id + " changed since it ran (checksum " + c.stored() + " in the database, "
                        + c.now() + " now); it says runOnChange, so the update runs it again");
            } else {
                blockers.add("changeset " + id + " changed since it ran (checksum " + c.stored() + " in the "
                        + "database, " + c.now() + " now): Liquibase's validation fails ('Validation Failed: 1 "
                        + "changesets check sum') and the update runs nothing; restore the changeset and put the "
                        + "change in a new one, or, when the change is harmless, add <validCheckSum>" + c.now()
                        + "</validCheckSum> to it");
            }
        });
    }

    private void sqitch() {
        List<Migration> plan = graph.source().migrations();
        List<VersionRow> rows = state.rows();
        int deployed = 0;
        for (VersionRow row : rows) {
            Migration expected = deployed < plan.size() ? plan.get(deployed) : null;
            String name = expected == null ? null : expected.id().replaceFirst("@.*$", "");
            if (!row.version().equals(name)) {
                unknownApplied.add(row.version());
                blockers.add("the registry's change " + (deployed + 1) + " is " + row.version() + " (project "
                        + row.description() + ") where the plan has " + (name == null ? "no more changes" : name)
                        + ": sqitch deploy stops on a plan that does not begin with what was deployed; revert to "
                        + "the last change both agree on, or deploy the plan that was used");
                break;
            }
            deployed++;
        }
        if (deployed > 0) {
            stamps.add(plan.get(deployed - 1).id());
        }
        pending.addAll(plan(deployed == 0 ? List.of() : List.of(plan.get(deployed - 1).id())).pending());
    }

    private void flyway() {
        FlywayHistory history = FlywayHistory.of(state.rows());
        Map<List<BigInteger>, Migration> files = new LinkedHashMap<>();
        Map<String, Migration> repeatableFiles = new LinkedHashMap<>();
        for (Migration m : graph.source().migrations()) {
            String name = m.file().getFileName().toString();
            if (name.startsWith("R__")) {
                repeatableFiles.put(name, m);
            } else {
                files.putIfAbsent(Versions.key(m.id()), m);
            }
        }
        List<BigInteger> newestFile = files.keySet().stream().reduce((a, b) -> Versions.compare(a, b) >= 0 ? a : b)
                .orElse(null);
        changed = new ArrayList<>();
        for (Map.Entry<List<BigInteger>, VersionRow> entry : history.applied().entrySet()) {
            VersionRow row = entry.getValue();
            Migration file = files.get(entry.getKey());
            if (file == null) {
                unknownApplied.add(row.version());
                if (newestFile != null && Versions.compare(entry.getKey(), newestFile) > 0) {
                    notes.add("version " + row.version() + " is applied but newer than every file: Flyway ignores "
                            + "it (a newer release migrated this database; the code deployed is older than its schema)");
                } else {
                    blockers.add("version " + row.version() + " is applied (" + row.script() + ") but no file has it: "
                            + "Flyway's validate fails ('Detected applied migration not resolved locally: "
                            + row.version() + "'); restore the file, or run flyway repair to mark it deleted if it "
                            + "was removed on purpose");
                }
            } else if (FlywayHistory.sqlChecksum(row)) {
                String now = String.valueOf(FlywayChecksum.of(file.up().text()));
                if (!now.equals(row.checksum())) {
                    changed.add(new DatabaseStatus.ChangedMigration(file.id(), file.displayFile(), row.checksum(), now));
                    blockers.add(file.displayFile() + " changed since version " + row.version() + " was applied "
                            + "(checksum " + row.checksum() + " in the database, " + now + " now): Flyway's validate "
                            + "fails ('Migration checksum mismatch for migration version " + row.version() + "'); "
                            + "restore the file as it was applied, or, if the database already matches the new text, "
                            + "run flyway repair to record its checksum");
                }
            }
        }
        for (VersionRow row : history.failed().values()) {
            failed.add(row.version());
            blockers.add("version " + row.version() + " (" + row.script() + ") is recorded as failed: Flyway runs "
                    + "nothing ('Detected failed migration to version " + row.version() + "'); remove what it "
                    + "half-applied, then run flyway repair to delete the failed row");
        }
        for (String script : history.failedRepeatables()) {
            failed.add(script);
            blockers.add("repeatable migration " + script + " is recorded as failed: Flyway runs nothing until what "
                    + "it half-applied is removed and flyway repair deletes the failed row");
        }
        for (String version : history.unreadable()) {
            unknownApplied.add(version);
            blockers.add("version '" + version + "' in " + state.table() + " is no Flyway version: the history "
                    + "was edited by hand; Flyway cannot read it");
        }
        List<BigInteger> highest = history.highest();
        Migration position = null;
        for (Map.Entry<List<BigInteger>, Migration> file : files.entrySet()) {
            if (highest == null || Versions.compare(file.getKey(), highest) > 0) {
                continue;
            }
            if (position == null || file.getValue().order() > position.order()) {
                position = file.getValue();
            }
            boolean belowBaseline = history.baseline() != null
                    && Versions.compare(file.getKey(), history.baseline()) <= 0;
            if (!history.applied().containsKey(file.getKey()) && !history.failed().containsKey(file.getKey())
                    && !belowBaseline) {
                Migration m = file.getValue();
                blockers.add(m.displayFile() + " (version " + m.id() + ") was never applied, but the database is "
                        + "already at " + versionText(highest, history) + ": Flyway's validate fails ('Detected "
                        + "resolved migration not applied to database: " + m.id() + "'); run it with -outOfOrder=true, "
                        + "or give it a version above " + versionText(highest, history));
            }
        }
        if (highest != null) {
            stamps.add(versionText(highest, history));
        }
        for (String id : plan(position == null ? List.of() : List.of(position.id())).pending()) {
            Migration m = graph.migration(id);
            String name = m.file().getFileName().toString();
            if (!repeatableFiles.containsKey(name)) {
                pending.add(id);
                continue;
            }
            // A repeatable migration runs when it never ran or its file changed since it last ran.
            VersionRow last = history.repeatables().get(name);
            if (last == null || last.checksum() != null
                    && !last.checksum().equals(String.valueOf(FlywayChecksum.of(m.up().text())))) {
                pending.add(id);
            }
        }
    }

    /** A version as the history stores it (its applied row's text, or the baseline's). */
    private static String versionText(List<BigInteger> key, FlywayHistory history) {
        VersionRow row = history.applied().get(key);
        if (row != null) {
            return row.version();
        }
        return String.join(".", key.stream().map(BigInteger::toString).toList());
    }

    private Migration byNumber(BigInteger version) {
        List<BigInteger> wanted = List.of(version);
        for (Migration m : graph.source().migrations()) {
            if (wanted.equals(Versions.key(m.id()))) {
                return m;
            }
        }
        return null;
    }

    private Migration lastBelow(BigInteger version) {
        Migration last = null;
        for (Migration m : graph.source().migrations()) {
            List<BigInteger> key = Versions.key(m.id());
            if (key != null && Versions.compare(key, List.of(version)) < 0) {
                last = m;
            }
        }
        return last;
    }

    private Migration previousOf(Migration m) {
        List<String> parents = graph.parents(m.id());
        return parents.isEmpty() ? null : graph.migration(parents.get(0));
    }

    private static List<BigInteger> numeric(String version) {
        List<BigInteger> key = Versions.key(version);
        return key == null ? List.of(BigInteger.ZERO) : key;
    }

    private static String named(List<String> tables) {
        List<String> shown = tables.subList(0, Math.min(tables.size(), TABLES_NAMED));
        return String.join(", ", shown) + (tables.size() > TABLES_NAMED ? ", …" : "");
    }
}
