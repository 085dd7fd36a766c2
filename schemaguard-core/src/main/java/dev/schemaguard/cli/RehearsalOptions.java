package dev.schemaguard.cli;

import dev.schemaguard.gate.Options;
import picocli.CommandLine.Model.CommandSpec;

import static dev.schemaguard.cli.CommandSpecs.option;
import static dev.schemaguard.cli.CommandSpecs.value;

/** Where the rehearsal runs: the embedded server (default) or a server the user names. */
final class RehearsalOptions {

    /** Adds the options to a command. */
    static void addTo(CommandSpec command) {
        command.addOption(option("--db-url", "URL", String.class,
                "Rehearse on this PostgreSQL server instead of the embedded one "
                        + "(postgresql://user[:password]@host[:port]/database). SchemaGuard only creates scratch "
                        + "databases named schemaguard_<random> there and drops them at the end; the database in the "
                        + "URL is used to create them, never changed. Default: database.url in schemaguard.yml, else "
                        + "embedded."));
        command.addOption(option("--postgres-version", "VERSION", String.class,
                "The embedded server's PostgreSQL major version or release, to match production (e.g. 16 or 16.9.0; "
                        + "default: the bundled release). Other than the bundled one, it is taken from the local "
                        + "Maven repository or downloaded once from Maven Central."));
    }

    private final String dbUrl;
    private final String postgresVersion;

    /** The options as {@code command} parsed them. */
    RehearsalOptions(CommandSpec command) {
        dbUrl = value(command, "--db-url");
        postgresVersion = value(command, "--postgres-version");
    }

    /** Set by commands that take --baseline; {@code null} to use database.baseline. */
    java.nio.file.Path baseline;

    /** Set by commands that take --from; {@code null} to use database.baseline_revision. */
    java.util.List<String> from;

    Options.Rehearsing toGate() {
        return new Options.Rehearsing(dbUrl, postgresVersion, baseline, from);
    }
}
