package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole gate for a migration change: every analysis SchemaGuard has, one report, "
                + "one exit code.",
                "It runs the revision-graph analysis, the static rules, and the rehearsal on a real PostgreSQL "
                        + "(see 'schemaguard help rehearse'; --static leaves the rehearsal out)."},
        footer = {"", "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or "
                + "unreadable input, 3 an internal error (a bug: rerun with --debug and report it).",
                "", "Example:", "  schemaguard check examples/alembic-fork"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PROJECT_DIR",
            description = "The project directory (default: the current directory).")
    Path projectDir;

    @Mixin
    FindingsFormat output;

    @Option(names = "--static", description = "Static analysis only: no rehearsal on a PostgreSQL server.")
    boolean staticOnly;

    @Option(names = "--stamp", paramLabel = "REV[,REV]", split = ",",
            description = "The revisions a database is stamped with (its version table): the report shows the "
                    + "upgrade from there to head, and whether it can run.")
    java.util.List<String> stamps;

    @Option(names = "--fail-on-unanalysed", description = "Fail when any query of a consumer could not be analysed "
            + "in full (min_coverage 100 for every consumer).")
    boolean failOnUnanalysed;

    @Mixin
    RehearsalOptions rehearsal;

    @Mixin
    ChangeOptions change;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        Project loaded = Project.load(projectDir, options.config);
        Project project = failOnUnanalysed ? loaded.requiringFullCoverage() : loaded;
        Report report = Gate.check(project,
                Commands.options("check", stamps, options, true, staticOnly ? null : rehearsal, change));
        output.write(report, project, options);
        return Commands.exitCode(report);
    }
}
