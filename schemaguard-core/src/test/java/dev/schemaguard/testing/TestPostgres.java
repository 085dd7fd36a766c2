package dev.schemaguard.testing;

import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.EmbeddedServer;
import dev.schemaguard.postgres.ExternalServer;
import dev.schemaguard.postgres.OwnFolders;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.postgres.ScratchServer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real PostgreSQL server tests run against: the embedded server, one per test JVM, started on first use
 * and stopped at exit. Each test takes its own scratch database from it.
 */
public final class TestPostgres {

    private static ScratchServer server;

    private TestPostgres() {
    }

    public static synchronized ScratchServer server() {
        if (server == null) {
            server = EmbeddedServer.start(null, line -> System.err.println("[test postgres] " + line));
        }
        return server;
    }

    /** A new empty database; close it at the end of the test (it is dropped at exit otherwise). */
    public static ScratchDatabase newDatabase() {
        return server().createDatabase();
    }

    /** The local PostgreSQL service, the second path tests may take; {@code null} when it is not reachable. */
    /** Runs {@code statements} on {@code db}, one after another, as the runner under test would have. */
    public static void execute(ScratchDatabase db, String... statements) {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static ScratchServer localService() {
        String url = System.getenv().getOrDefault("SCHEMAGUARD_TEST_DB_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
        try {
            return new ExternalServer(DatabaseUrl.parse(url), line -> { });
        } catch (RuntimeException unreachable) {
            return null;
        }
    }

    /** The embedded-server run folder whose owner marker names the process, once it exists. */
    public static Optional<Path> runFolderOf(long pid) throws IOException {
        Path runs = OwnFolders.userCache().resolve("run");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runs)) {
            for (Path dir : dirs) {
                Path owner = dir.resolve("owner");
                if (Files.exists(owner) && Files.readString(owner).startsWith("pid " + pid + "\n")) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }
}
