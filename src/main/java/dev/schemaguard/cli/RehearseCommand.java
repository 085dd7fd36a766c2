package dev.schemaguard.cli;

import dev.schemaguard.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "rehearse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays the migrations on a real PostgreSQL, in the order the runner applies them, from an "
                + "empty database.",
                "Each migration: applied with its runner's transaction semantics (a failure is reported with the "
                        + "server's SQLSTATE and message at the failing line), its schema changes recorded, the "
                        + "ACCESS EXCLUSIVE locks it takes on existing tables traced from pg_locks; when it has a "
                        + "down migration, existing tables are filled with generated rows, the down is run and the "
                        + "schema and data compared with before, and the up applied again; finally the up is run "
                        + "once more to see whether a restarted runner would survive it.",
                "The embedded server needs nothing installed; --db-url uses a server of yours, where only "
                        + "scratch databases are created and dropped."},
        footer = {"", "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage, "
                + "unreadable input or no usable server, 3 an internal error (a bug: rerun with --debug and report it).",
                "", "Examples:", "  schemaguard rehearse examples/sql-expand-contract",
                "  schemaguard rehearse --db-url postgresql://postgres@127.0.0.1:5432/postgres --format json"})
final class RehearseCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PROJECT_DIR",
            description = "The project directory (default: the current directory).")
    Path projectDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    RehearsalOptions rehearsal;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        Commands.formatter(format, options, Commands.FINDING_FORMATS);
        options.failOnSeverity();
        Project project = Project.load(projectDir, options.config);
        Report report = Commands.rehearsalReport(project, rehearsal, options);
        Output.write(Commands.formatter(format, options, Commands.FINDING_FORMATS).format(report), options.output,
                Main.stdout());
        return Commands.exitCode(report);
    }
}
