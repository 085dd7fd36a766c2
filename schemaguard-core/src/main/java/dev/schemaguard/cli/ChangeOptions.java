package dev.schemaguard.cli;

import dev.schemaguard.gate.Options;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

import static dev.schemaguard.cli.CommandSpecs.option;
import static dev.schemaguard.cli.CommandSpecs.value;

/** The options of the changed-only gate: which migrations to judge, and which findings are already accepted. */
final class ChangeOptions {

    /** Adds the options to a command. */
    static void addTo(CommandSpec command) {
        command.addOption(option("--since", "REF", String.class,
                "Judge only the migrations added or changed since the merge base of HEAD and the git revision REF "
                        + "(origin/main); the whole history still builds the schema, the graph and the rehearsal. A "
                        + "migration that existed at REF and was edited, renamed or removed is itself a finding "
                        + "(modified-applied-migration)."));
        command.addOption(option("--baseline-findings", "FILE", Path.class,
                "Accept the findings FILE holds (written by --write-baseline): they are left out of the report and "
                        + "the exit code; any other finding still counts."));
        command.addOption(option("--write-baseline", "FILE", Path.class,
                "Write every finding of this run to FILE as the accepted baseline, then report as if it were given "
                        + "with --baseline-findings."));
    }

    final String since;
    private final Path baseline;
    private final Path writeBaseline;

    /** The options as {@code command} parsed them. */
    ChangeOptions(CommandSpec command) {
        since = value(command, "--since");
        baseline = value(command, "--baseline-findings");
        writeBaseline = value(command, "--write-baseline");
    }

    Options.Changes toGate() {
        return new Options.Changes(since, baseline, writeBaseline);
    }
}
