package dev.schemaguard.gate;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.SeverityPolicy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the pipeline is asked for: the options of {@code check}, {@code lint}, {@code rehearse} and
 * {@code graph}, without the syntax of any front end.
 *
 * @param command   the command the report is of ({@code check}, {@code lint}, ...), as reports name it
 * @param stamps    the revisions a database is stamped with, for the upgrade from there; {@code null} for none
 * @param graph     whether the graph analysis and the consumers run (false: the static rules only, as lint)
 * @param rehearsal where to rehearse, or {@code null} to leave the rehearsal out
 * @param changes   which migrations to judge, and which findings are accepted
 * @param enable    rules reported even where the configuration turns them off
 * @param disable   rules not reported
 * @param failOn    the severity that fails the run, or {@code null} for never
 * @param messages  where progress and notes go (standard error for the command line)
 */
public record Options(String command, List<String> stamps, boolean graph, Rehearsing rehearsal, Changes changes,
                      List<String> enable, List<String> disable, Severity failOn, PrintStream messages) {

    /** The whole gate with the defaults of {@code schemaguard check}: every analysis, failing on errors. */
    public static Options check(PrintStream messages) {
        return new Options("check", null, true, Rehearsing.CONFIGURED, Changes.ALL, List.of(), List.of(),
                Severity.ERROR, messages);
    }

    /** The same, without the rehearsal on a PostgreSQL server (check --static). */
    public Options withoutRehearsal() {
        return new Options(command, stamps, graph, null, changes, enable, disable, failOn, messages);
    }

    /**
     * Where the rehearsal runs.
     *
     * @param dbUrl           a server's URL, or {@code null} for database.url of the configuration, else embedded
     * @param postgresVersion the embedded server's release, or {@code null} for the bundled one
     * @param baseline        a schema dump to start from, or {@code null} for database.baseline
     * @param from            the revisions that dump corresponds to
     */
    public record Rehearsing(String dbUrl, String postgresVersion, Path baseline, List<String> from) {
        /** As the project's configuration says. */
        public static final Rehearsing CONFIGURED = new Rehearsing(null, null, null, null);
    }

    /**
     * Which migrations are judged and which findings are accepted.
     *
     * @param since            judge only the migrations added or changed since this git revision, or {@code null}
     * @param baselineFindings the accepted findings, or {@code null}
     * @param writeBaseline    where to write this run's findings as the accepted ones, or {@code null}
     */
    public record Changes(String since, Path baselineFindings, Path writeBaseline) {
        /** Every migration judged, no finding accepted in advance. */
        public static final Changes ALL = new Changes(null, null, null);
    }

    /**
     * The per-rule severities: the configuration's, with the rules {@code disable} names turned off and the ones
     * {@code enable} names turned back on (at the configuration's severity when it gives one other than off, else
     * the rule's own).
     */
    public static SeverityPolicy severityPolicy(Config config, List<String> enable, List<String> disable) {
        Map<String, String> overrides = new HashMap<>(config.rules());
        for (String rule : enable) {
            overrides.remove(rule, "off");
        }
        for (String rule : disable) {
            overrides.put(rule, "off");
        }
        return new SeverityPolicy(overrides);
    }

    SeverityPolicy severityPolicy(Config config) {
        return severityPolicy(config, enable, disable);
    }
}
