package dev.schemaguard.gate;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Cleanup;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.EmbeddedServer;
import dev.schemaguard.postgres.ExternalServer;
import dev.schemaguard.postgres.ScratchServer;
import dev.schemaguard.rehearsal.Rehearsal;
import dev.schemaguard.report.RehearsalSummary;
import dev.schemaguard.source.MigrationFormat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the rehearsal for a command: chooses the server, shows progress, and shapes the result for the report. */
final class Rehearse {

    /** The rehearsal's findings, its summary, and the consumer queries it saw break. */
    record Outcome(List<Finding> findings, RehearsalSummary summary, List<Rehearsal.BrokenQuery> brokenQueries) {
    }

    private Rehearse() {
    }

    static Outcome run(Project project, Options.Rehearsing options, List<Rehearsal.QueryProbe> probes,
                       PrintStream err) {
        if (project.graph().size() == 0) {
            return new Outcome(List.of(), RehearsalSummary.skipped("no migrations to rehearse"), List.of());
        }
        String flask = flaskApplication(project);
        if (flask != null) {
            return new Outcome(List.of(), RehearsalSummary.skipped(flask), List.of());
        }
        Rehearsal.Preparation preparation = Rehearsal.prepare(project.graph(), project.directory(), project.config());
        if (preparation.skipped() != null) {
            return new Outcome(List.of(), RehearsalSummary.skipped(preparation.skipped()), List.of());
        }
        String url = options.dbUrl() != null ? options.dbUrl() : project.config().database().url();
        java.util.function.Consumer<String> progress = line -> err.println("schemaguard: " + line);
        try (ScratchServer server = url == null || url.equals("embedded")
                ? EmbeddedServer.start(options.postgresVersion(), progress)
                : new ExternalServer(DatabaseUrl.parse(url), progress)) {
            ProgressBar bar = new ProgressBar(err, System.console() != null && !Boolean.getBoolean("schemaguard.noProgress"));
            Rehearsal.Result result;
            try {
                result = Rehearsal.run(project.graph(), server, preparation.settings().withProbes(probes),
                        baseline(project, options), bar);
            } catch (RuntimeException e) {
                throw Cleanup.interrupted() ? interrupted() : e;
            }
            bar.done();
            if (Cleanup.interrupted()) {
                throw interrupted();
            }
            List<RehearsalSummary.Entry> entries = result.migrations().stream().map(r -> new RehearsalSummary.Entry(
                    r.id(), r.outcome(), r.note(), TimeUnit.NANOSECONDS.toMillis(r.upNanos()),
                    TimeUnit.NANOSECONDS.toMillis(r.nanos()), r.changes(), r.phases())).toList();
            return new Outcome(result.findings(), new RehearsalSummary(result.server(), null,
                    TimeUnit.NANOSECONDS.toMillis(result.nanos()), entries), result.brokenQueries());
        }
    }

    /**
     * Why a Flask-Migrate project cannot be rehearsed through its env.py, or {@code null}: that env.py takes its
     * engine from the running Flask application ({@code current_app}), which only {@code flask db upgrade} starts.
     */
    private static String flaskApplication(Project project) {
        if (project.graph().source().format() != MigrationFormat.ALEMBIC) {
            return null;
        }
        java.nio.file.Path envPy = project.graph().source().migrationsDir().resolveSibling("env.py");
        try {
            if (Files.isRegularFile(envPy) && Files.readString(envPy).contains("current_app")) {
                return "env.py takes its database from the Flask application (Flask-Migrate's current_app), which "
                        + "only flask db upgrade starts; SchemaGuard runs Alembic without the application. The static "
                        + "analysis above still applies";
            }
        } catch (java.io.IOException e) {
            return null; // an unreadable env.py: Alembic's own loading reports it
        }
        return null;
    }

    /** The baseline from the options, else from database.baseline, or {@code null} to start from empty. */
    private static Rehearsal.Baseline baseline(Project project, Options.Rehearsing options) {
        java.nio.file.Path file = options.baseline();
        List<String> revisions = options.from();
        if (file == null && project.config().database().baseline() != null) {
            file = project.directory().resolve(project.config().database().baseline());
            String revision = project.config().database().baselineRevision();
            if (revision == null) {
                throw new InputException("database.baseline needs database.baseline_revision: the revision the dump "
                        + "corresponds to");
            }
            revisions = List.of(revision);
        }
        if (file == null) {
            return null;
        }
        List<String> resolved = new java.util.ArrayList<>();
        for (String revision : revisions) {
            String id = UpgradePlan.resolve(project.graph(), revision);
            if (id == null) {
                UpgradePlan plan = UpgradePlan.from(project.graph(), project.analysis(), List.of(revision));
                throw new InputException("the baseline's revision '" + revision + "' is no revision of this project: "
                        + String.join("; ", plan.blockers()));
            }
            resolved.add(id);
        }
        try {
            return new Rehearsal.Baseline(file, java.nio.file.Files.readString(file), resolved);
        } catch (java.io.IOException e) {
            throw new InputException(file, "cannot read the baseline: " + e.getMessage());
        }
    }

    private static InputException interrupted() {
        return new InputException("interrupted: the rehearsal stopped before its end; its scratch databases and "
                + "server are removed");
    }

    /** A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal. */
    private static final class ProgressBar implements Rehearsal.Progress {
        /** Scripts shorter than this run too fast for their statements to be worth counting. */
        private static final int LONG_SCRIPT = 1_000;
        private static final long REDRAW_NANOS = 200_000_000L;
        private final PrintStream err;
        private final boolean enabled;
        private boolean drawn;
        private String line = "";
        private long drawnAt;

        ProgressBar(PrintStream err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void step(int done, int total, String migration) {
            if (!enabled || total == 0) {
                return;
            }
            int width = 30;
            int filled = done * width / total;
            line = "rehearsing [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                    + (migration == null ? "" : " " + migration);
            draw(line);
        }

        @Override
        public void statements(String migration, int done, int total) {
            long now = System.nanoTime();
            if (enabled && total >= LONG_SCRIPT && (done == total || now - drawnAt >= REDRAW_NANOS)) {
                draw(line + ": statement " + done + "/" + total);
            }
        }

        private void draw(String text) {
            err.print("\r\033[K" + text);
            err.flush();
            drawn = true;
            drawnAt = System.nanoTime();
        }

        void done() {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
