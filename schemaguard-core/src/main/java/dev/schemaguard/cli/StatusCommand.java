package dev.schemaguard.cli;

import dev.schemaguard.gate.Project;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.graph.GraphFindings;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.report.Report;
import dev.schemaguard.status.DatabaseState;
import dev.schemaguard.status.ReadOnlySession;
import dev.schemaguard.status.UpgradeCheck;
import dev.schemaguard.status.VersionTableReader;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

final class StatusCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("status", StatusCommand::new,
                new String[] {"Reads a database's version table (alembic_version, flyway_schema_history, golang-migrate's or "
                + "dbmate's schema_migrations, told apart by their columns) and says what an upgrade to head will "
                + "run, in order, or every reason it would fail: stamps no revision has, several heads, a dirty "
                + "golang-migrate version, failed Flyway rows, applied Flyway migrations whose file changed "
                + "(Flyway's own checksum), applied versions no file has.",
                "Read-only: the connection and its one transaction are read-only, with statement and lock timeouts; "
                        + "nothing is written. A database without a version table is empty to the runner: "
                        + "everything is pending."},
                "", "Exit codes: 0 the upgrade to head will run (or there is nothing to run), 1 it would fail: any "
                + "blocker (whatever --fail-on) or a finding at or above --fail-on, 2 the database or the project "
                + "cannot be read (unreachable server, bad URL, failed login: one line, never the password), "
                + "3 an internal error.",
                "", "Before a deploy, so a broken upgrade stops it with its reasons instead of a crash loop:",
                "  # a CI step, or an Argo CD PreSync / Helm pre-upgrade Job (the password in PGPASSWORD or ~/.pgpass,",
                "  # never in the URL, which other users of the machine can read in the process list):",
                "  schemaguard status . --db-url postgresql://app@db.internal/league --quiet",
                "  # or an init container ahead of the one that migrates:",
                "  initContainers:",
                "    - name: schema-status",
                "      image: registry.example/app-migrations:1.4.2  # the release's migrations",
                "      command: [\"schemaguard\", \"status\", \"/app\", \"--quiet\",",
                "                \"--db-url\", \"postgresql://app@db.internal/league\"]",
                "      env: [{name: PGPASSWORD, valueFrom: {secretKeyRef: {name: league-db, key: password}}}]",
                "", "Examples:", "  schemaguard status examples/alembic-fork --db-url postgresql://app@db/league",
                "  PGHOST=db.internal PGUSER=app PGDATABASE=league schemaguard status . --db-url postgresql:// "
                        + "--format json");
        spec.addPositional(CommandSpecs.projectDirectory());
        spec.addOption(CommandSpecs.option("--db-url", "URL", String.class,
                "The database to read (postgresql://user@host[:port]/database; what it leaves out is taken from "
                        + "PGHOST, PGPORT, PGUSER, PGDATABASE, PGSERVICE, and the password from PGPASSWORD or "
                        + "~/.pgpass, as libpq does). Default: database.url in schemaguard.yml when it is not "
                        + "'embedded'."));
        spec.addOption(CommandSpecs.option("--version-table", "[SCHEMA.]TABLE", String.class,
                "The version table when the runner was configured with another name (Alembic's version_table, "
                        + "Flyway's table, golang-migrate's x-migrations-table, dbmate's --migrations-table). "
                        + "Default: the runner's own name, found on the search path."));
        spec.addOption(CommandSpecs.option("--format", "FORMAT", Formats.Status.class, "text",
                "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."));
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final String dbUrl;
    private final String versionTable;
    private final Formats.Status format;
    private final ReportOptions options;

    private StatusCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        dbUrl = CommandSpecs.value(parsed, "--db-url");
        versionTable = CommandSpecs.value(parsed, "--version-table");
        format = CommandSpecs.value(parsed, "--format");
        options = new ReportOptions(parsed);
    }

    @Override
    public Integer call() {
        Project project = Project.load(projectDir, options.config);
        String url = dbUrl != null ? dbUrl : project.config().database().url();
        if (url == null || url.equals("embedded")) {
            throw new UsageException("status reads a real database: give --db-url postgresql://user@host:port/database "
                    + "(or set database.url in schemaguard.yml)");
        }
        DatabaseUrl database = parse(url);
        DatabaseState state = ReadOnlySession.read(database,
                c -> VersionTableReader.read(c, project.graph().source().format(), versionTable));
        UpgradeCheck.Result check = UpgradeCheck.of(project.graph(), project.analysis(), state, database.toString());
        List<Finding> findings = new ArrayList<>(GraphFindings.of(project.graph(), project.analysis()));
        findings.addAll(check.findings());
        List<Finding> kept = options.severityPolicy(project.config()).apply(findings);
        Report report = new Report("status", project.graph(), project.analysis(), kept, Optional.empty(),
                options.failOnSeverity(), Map.of(), Optional.empty(), Optional.of(check.status()));
        Output.write(format.formatter(options), report, options.output, Main.stdout());
        return Commands.exitCode(report);
    }

    /** The URL, or an error that does not repeat it: only PostgreSQL URLs have their password masked in messages. */
    private static DatabaseUrl parse(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (InputException e) {
            throw new InputException("the database URL is not a PostgreSQL URL; write it as "
                    + "postgresql://user[:password]@host[:port]/database");
        }
    }
}
