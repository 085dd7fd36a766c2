package dev.schemaguard.gate;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.Report;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pipeline embedded as a user would embed it: a test of the user's own service that holds its migrations to
 * the gate (README, "As a library"). The command line is an adapter over the same call: its report is this one.
 */
class GateTest {

    @TempDir
    Path dir;

    @Test
    void aServicesOwnTestHoldsItsMigrationsToTheGate() throws IOException {
        new ProjectBuilder(dir)
                .file("db/migrations/0001_create_orders.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n")
                .file("db/migrations/0002_regions_again.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n");

        // What a user's test writes (Options.check(System.err) rehearses too, on the embedded server).
        Report report = Gate.check(Project.load(dir, null), Options.check(System.err).withoutRehearsal());

        assertThat(report.fails()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .extracting(Finding::rule, Finding::file, Finding::line)
                .containsExactly(tuple("unguarded-create-type", "db/migrations/0002_regions_again.sql", 1));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonFormatter().write(report, json);
        Cli.Result cli = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(json.toString(StandardCharsets.UTF_8)).isEqualTo(cli.out());
    }
}
