package dev.schemaguard.cli;

import dev.schemaguard.gate.Options;
import dev.schemaguard.report.Report;

import java.util.List;

/** What the reporting commands share: their options as the gate takes them, and the exit code of a report. */
final class Commands {

    private Commands() {
    }

    /**
     * The gate's options from a command's.
     *
     * @param rehearsal where to rehearse, or {@code null} to leave the rehearsal out
     * @param change    the changed-only options, or {@code null} for commands without them
     */
    static Options options(String command, List<String> stamps, ReportOptions options, boolean withGraph,
                           RehearsalOptions rehearsal, ChangeOptions change) {
        return new Options(command, stamps, withGraph, rehearsal == null ? null : rehearsal.toGate(),
                change == null ? Options.Changes.ALL : change.toGate(), options.enabled(), options.disabled(),
                options.failOnSeverity(), Main.stderr());
    }

    static int exitCode(Report report) {
        return report.fails() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
