package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.report.Report;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

final class RehearseCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("rehearse", RehearseCommand::new,
                new String[] {"Replays the migrations on a real PostgreSQL, in the order the runner applies them, from an "
                + "empty database.",
                "Each migration: applied with its runner's transaction semantics (a failure is reported with the "
                        + "server's SQLSTATE and message at the failing line), its schema changes recorded, the "
                        + "ACCESS EXCLUSIVE locks it takes on existing tables traced from pg_locks; when it has a "
                        + "down migration, existing tables are filled with generated rows, the down is run and the "
                        + "schema and data compared with before, and the up applied again; finally the up is run "
                        + "once more to see whether a restarted runner would survive it.",
                "The embedded server needs nothing installed; --db-url uses a server of yours, where only "
                        + "scratch databases are created and dropped."},
                "", "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage, "
                + "unreadable input or no usable server, 3 an internal error (a bug: rerun with --debug and report it).",
                "", "Examples:", "  schemaguard rehearse examples/sql-expand-contract",
                "  schemaguard rehearse . --baseline prod-schema.sql --from 018   (what the deploy from 018 will run)",
                "  schemaguard rehearse --db-url postgresql://postgres@127.0.0.1:5432/postgres --format json");
        spec.addPositional(CommandSpecs.projectDirectory());
        FindingsFormat.addTo(spec);
        RehearsalOptions.addTo(spec);
        spec.addOption(CommandSpecs.option("--baseline", "FILE", Path.class,
                "Start from this schema dump of production (pg_dump --schema-only) instead of an empty database; "
                        + "needs --from (default: database.baseline in schemaguard.yml)."));
        spec.addOption(CommandSpecs.listOption("--from", "REV[,REV]",
                "The revision(s) the baseline corresponds to: production's stamp. Only the migrations after it are "
                        + "replayed, exactly what the deploy would run (default: database.baseline_revision)."));
        ChangeOptions.addTo(spec);
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final FindingsFormat output;
    private final RehearsalOptions rehearsal;
    private final Path baseline;
    private final List<String> from;
    private final ChangeOptions change;
    private final ReportOptions options;

    private RehearseCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        output = new FindingsFormat(parsed);
        rehearsal = new RehearsalOptions(parsed);
        baseline = CommandSpecs.value(parsed, "--baseline");
        from = CommandSpecs.value(parsed, "--from");
        change = new ChangeOptions(parsed);
        options = new ReportOptions(parsed);
    }

    @Override
    public Integer call() {
        if ((baseline == null) != (from == null)) {
            throw new UsageException(baseline == null ? "--from needs --baseline: the schema production has at that revision"
                    : "--baseline needs --from: the revision production is stamped at");
        }
        rehearsal.baseline = baseline;
        rehearsal.from = from;
        Project project = Project.load(projectDir, options.config);
        Report report = Gate.rehearse(project,
                Commands.options("rehearse", null, options, true, rehearsal, change));
        output.write(report, project, options);
        return Commands.exitCode(report);
    }
}
