package dev.schemaguard.maven;

import dev.schemaguard.finding.Severity;
import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Options;
import dev.schemaguard.gate.Project;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.report.FileLinks;
import dev.schemaguard.report.Formatter;
import dev.schemaguard.report.GithubFormatter;
import dev.schemaguard.report.Locations;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.ReportFormat;
import dev.schemaguard.report.TextFormatter;
import dev.schemaguard.report.TextStyle;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code schemaguard check} in a Maven build: the whole gate on the project's migrations, the text report in the
 * build's log, the report in {@link #format} written to {@link #output} when asked, and the build failed when a
 * finding is at or above {@link #failOn}. The parameters are the command line's options of the same names.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** The project folder (where the migrations or schemaguard.yml are). */
    @Parameter(property = "schemaguard.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /** The configuration file; by default schemaguard.yml found from {@link #projectDir}. */
    @Parameter(property = "schemaguard.config")
    File config;

    /** Judge only the migrations added or changed since this git revision. */
    @Parameter(property = "schemaguard.since")
    String since;

    /** Leave the rehearsal on a PostgreSQL server out (check --static); written {@code <static>} in a pom. */
    @Parameter(alias = "static", property = "schemaguard.static", defaultValue = "false")
    boolean staticOnly;

    /** The revisions the production database is stamped with, for the upgrade from there. */
    @Parameter(property = "schemaguard.stamps")
    List<String> stamps;

    /** Rules reported even where the configuration turns them off. */
    @Parameter(property = "schemaguard.enable")
    List<String> enable;

    /** Rules not reported. */
    @Parameter(property = "schemaguard.disable")
    List<String> disable;

    /** A PostgreSQL server to rehearse on instead of the embedded one. */
    @Parameter(property = "schemaguard.dbUrl")
    String dbUrl;

    /** The embedded server's PostgreSQL release, fetched from Maven Central when not the bundled one. */
    @Parameter(property = "schemaguard.postgresVersion")
    String postgresVersion;

    /** The format of the report written to {@link #output}: text, json, sarif, junit, markdown, html, gitlab. */
    @Parameter(property = "schemaguard.format", defaultValue = "text")
    String format;

    /** Where to write the report in {@link #format}; the text report is in the build's log either way. */
    @Parameter(property = "schemaguard.output")
    File output;

    /**
     * The folder the paths of the sarif, gitlab, markdown and html reports (and of GitHub's annotations) are relative
     * to; by default the root of the git repository the project is in, as code scanning resolves them.
     */
    @Parameter(property = "schemaguard.sarifRoot")
    File sarifRoot;

    /** In the json report, the rehearsal's times per migration (left out by default: the report is deterministic). */
    @Parameter(property = "schemaguard.timings", defaultValue = "false")
    boolean timings;

    /** Accept the findings this file holds (written by {@link #writeBaseline}): only new findings are judged. */
    @Parameter(property = "schemaguard.baselineFindings")
    File baselineFindings;

    /** Write every finding of this run to this file as the accepted baseline, then judge as if it were given. */
    @Parameter(property = "schemaguard.writeBaseline")
    File writeBaseline;

    /** Fail when any query of a consumer could not be analysed in full (min_coverage 100 for every consumer). */
    @Parameter(property = "schemaguard.failOnUnanalysed", defaultValue = "false")
    boolean failOnUnanalysed;

    /** The severity that fails the build: error, warning, info, or never. */
    @Parameter(property = "schemaguard.failOn", defaultValue = "error")
    String failOn;

    /** Skips the check. */
    @Parameter(property = "schemaguard.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("SchemaGuard: skipped");
            return;
        }
        Severity threshold = severity(failOn);
        ReportFormat reportFormat = reportFormat(format);
        Report report;
        Locations locations;
        try (PrintStream messages = new PrintStream(new LogLines(getLog()), true, StandardCharsets.UTF_8)) {
            Project loaded = Project.load(projectDir.toPath(), config == null ? null : config.toPath());
            Project project = failOnUnanalysed ? loaded.requiringFullCoverage() : loaded;
            Options options = new Options("check", stamps == null || stamps.isEmpty() ? null : stamps, true,
                    staticOnly ? null : new Options.Rehearsing(dbUrl, postgresVersion, null, null),
                    new Options.Changes(since, path(baselineFindings), path(writeBaseline)), listOrEmpty(enable),
                    listOrEmpty(disable), threshold, messages);
            report = Gate.check(project, options);
            locations = project.locations(path(sarifRoot), "sarifRoot");
            if (output != null) {
                write(reportFormat.formatter(new TextFormatter(false, TextStyle.PLAIN), timings, locations,
                        FileLinks.fromEnvironment(System.getenv())), report, output.toPath());
            }
        } catch (InputException e) {
            // A server URL in the message keeps its password out of the build's log, as on the command line.
            throw new MojoExecutionException("SchemaGuard: " + DatabaseUrl.redact(e.describe()));
        }
        for (String line : new TextFormatter(false, TextStyle.PLAIN).format(report).split("\n")) {
            if (report.fails()) {
                getLog().error(line);
            } else {
                getLog().info(line);
            }
        }
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            // Workflow commands are read only at the start of a line: straight to standard output, not the log.
            System.out.print(new GithubFormatter(locations, false).format(report));
            System.out.flush();
        }
        if (report.fails()) {
            throw new MojoFailureException("SchemaGuard: findings at or above " + failOn
                    + " (the report above; failOn sets the threshold)");
        }
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static Severity severity(String failOn) throws MojoExecutionException {
        String label = failOn.trim().toLowerCase(Locale.ROOT);
        if (label.equals("never")) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new MojoExecutionException("SchemaGuard: failOn is '" + failOn
                + "'; it takes error, warning, info or never");
    }

    /** The formats a report file can be written in: every one but github's annotations, printed to the log. */
    private static final List<ReportFormat> FORMATS = Arrays.stream(ReportFormat.values())
            .filter(f -> f != ReportFormat.GITHUB).toList();

    private static ReportFormat reportFormat(String format) throws MojoExecutionException {
        String name = format.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : FORMATS) {
            if (f.toString().equals(name)) {
                return f;
            }
        }
        throw new MojoExecutionException("SchemaGuard: format is '" + format + "'; it takes "
                + String.join(", ", FORMATS.stream().map(ReportFormat::toString).toList()));
    }

    private static void write(Formatter formatter, Report report, Path file) throws MojoExecutionException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                formatter.write(report, out);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("SchemaGuard: cannot write the report to " + file + ": " + e);
        }
    }

    /** Progress and notes of the run, one log line per line written. */
    private static final class LogLines extends OutputStream {
        private final Log log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LogLines(Log log) {
            this.log = log;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                flush();
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            if (line.size() > 0) {
                log.info(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
