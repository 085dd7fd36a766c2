package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.report.Report;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

final class CheckCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("check", CheckCommand::new,
                new String[] {"The whole gate for a migration change: every analysis SchemaGuard has, one report, "
                        + "one exit code.",
                        "It runs the revision-graph analysis, the static rules, and the rehearsal on a real PostgreSQL "
                                + "(see 'schemaguard help rehearse'; --static leaves the rehearsal out)."},
                "", "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or "
                        + "unreadable input, 3 an internal error (a bug: rerun with --debug and report it).",
                "", "Example:", "  schemaguard check examples/alembic-fork");
        spec.addPositional(CommandSpecs.projectDirectory());
        FindingsFormat.addTo(spec);
        spec.addOption(CommandSpecs.flag("Static analysis only: no rehearsal on a PostgreSQL server.", "--static"));
        spec.addOption(CommandSpecs.listOption("--stamp", "REV[,REV]", "The revisions a database is stamped with (its "
                + "version table): the report shows the upgrade from there to head, and whether it can run."));
        spec.addOption(CommandSpecs.flag("Fail when any query of a consumer could not be analysed in full "
                + "(min_coverage 100 for every consumer).", "--fail-on-unanalysed"));
        RehearsalOptions.addTo(spec);
        ChangeOptions.addTo(spec);
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final FindingsFormat output;
    private final boolean staticOnly;
    private final List<String> stamps;
    private final boolean failOnUnanalysed;
    private final RehearsalOptions rehearsal;
    private final ChangeOptions change;
    private final ReportOptions options;

    private CheckCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        output = new FindingsFormat(parsed);
        staticOnly = CommandSpecs.isSet(parsed, "--static");
        stamps = CommandSpecs.value(parsed, "--stamp");
        failOnUnanalysed = CommandSpecs.isSet(parsed, "--fail-on-unanalysed");
        rehearsal = new RehearsalOptions(parsed);
        change = new ChangeOptions(parsed);
        options = new ReportOptions(parsed);
    }

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
