package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Database addresses as libpq reads them: passwords that hold / and @, the PG* environment, service files, the
 * password file, Unix sockets; and the messages about them, which never show a password.
 */
class DatabaseUrlTest {

    private static final Path HOME = Path.of("/nonexistent-home");

    @Test
    void aPasswordWithSlashOrAtIsReadWholeAndNeverShown() {
        DatabaseUrl slash = DatabaseUrl.parse("postgresql://u:pa/ss@db.internal/league", Map.of(), HOME);
        assertThat(slash.host()).isEqualTo("db.internal");
        assertThat(slash.database()).isEqualTo("league");
        assertThat(slash.properties().getProperty("password")).isEqualTo("pa/ss");
        DatabaseUrl at = DatabaseUrl.parse("postgresql://u:Wrong@Secret@db.internal:6543/league", Map.of(), HOME);
        assertThat(at.host()).isEqualTo("db.internal");
        assertThat(at.port()).isEqualTo(6543);
        assertThat(at.properties().getProperty("password")).isEqualTo("Wrong@Secret");
        assertThat(at.toString()).isEqualTo("postgresql://u@db.internal:6543/league");
        assertThat(DatabaseUrl.redact("failed: postgresql://u:Wrong@Secret@db/x and password='a b' dbname=x"))
                .doesNotContain("Wrong").doesNotContain("Secret").doesNotContain("a b");
    }

    @Test
    void theCommandLineNeverShowsThePasswordOfAnAddressItCannotUse() {
        for (String url : List.of("postgresql://u:pa/Zq9x@127.0.0.1:1/db", "postgresql://u:Wrong@Zq9x@127.0.0.1:1/db",
                "postgresql://u:Zq9x@host:port/db", "postgresql://u:Zq9x", "mysql://u:Zq9x@host/db")) {
            Cli.Result r = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url", url);
            assertThat(r.exitCode()).as(url).isEqualTo(2);
            assertThat(r.err()).as(url).doesNotContain("Zq9x").hasLineCount(1);
        }
    }

    /** The JDBC driver logged a timestamped warning of its own to stderr before failing on such a port. */
    @Test
    void aPortOutOfRangeIsOneLineAndNothingElse() {
        Cli.Result r = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url",
                "postgresql://someone@127.0.0.1:99999/postgres");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("schemaguard: error: the database URL's port is not a number from 1 to 65535; "
                + "write it as postgresql://user[:password]@host[:port]/database, or leave parts out and set them as "
                + "libpq does (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, PGDATABASE, PGSERVICE)\n");
    }

    @Test
    void whatTheAddressLeavesOutComesFromTheEnvironmentAsForLibpq() {
        Map<String, String> env = Map.of("PGHOST", "db.internal", "PGPORT", "6543", "PGUSER", "deploy",
                "PGPASSWORD", "from-env", "PGDATABASE", "league", "PGSSLMODE", "require");
        DatabaseUrl empty = DatabaseUrl.parse("postgresql://", env, HOME);
        assertThat(empty.toString()).isEqualTo("postgresql://deploy@db.internal:6543/league");
        assertThat(empty.properties().getProperty("password")).isEqualTo("from-env");
        assertThat(empty.properties().getProperty("sslmode")).isEqualTo("require");
        DatabaseUrl given = DatabaseUrl.parse("postgresql://app@other/app_db?sslmode=disable", env, HOME);
        assertThat(given.toString()).isEqualTo("postgresql://app@other:6543/app_db");
        assertThat(given.properties().getProperty("sslmode")).isEqualTo("disable");
        // libpq's default database is the user's name.
        assertThat(DatabaseUrl.parse("host=db user=ci", Map.of(), HOME).database()).isEqualTo("ci");
    }

    @Test
    void keywordValueStringsAndSocketDirectoriesAreAddressesToo() {
        DatabaseUrl socket = DatabaseUrl.parse("host=/var/run/postgresql port=5433 dbname='my app' user=ci", Map.of(), HOME);
        assertThat(socket.isSocket()).isTrue();
        assertThat(socket.database()).isEqualTo("my app");
        assertThat(socket.properties().getProperty("socketFactoryArg")).isEqualTo("/var/run/postgresql/.s.PGSQL.5433");
        DatabaseUrl again = DatabaseUrl.parse(socket.toString(), Map.of(), HOME);
        assertThat(again.toString()).isEqualTo(socket.toString());
        assertThat(DatabaseUrl.parse("postgresql://ci@%2Fvar%2Frun%2Fpostgresql/app", Map.of(), HOME).host())
                .isEqualTo("/var/run/postgresql");
    }

    @Test
    void aServiceFileFillsInWhatTheAddressLeavesOut(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("pg_service.conf");
        Files.writeString(services, "# CI's database\n[ci]\nhost=db.internal\nport=6543\nuser=deploy\ndbname=league\n"
                + "\n[other]\nhost=elsewhere\n");
        Map<String, String> env = Map.of("PGSERVICEFILE", services.toString(), "PGHOST", "from-env");
        DatabaseUrl byKeyword = DatabaseUrl.parse("service=ci dbname=override", env, HOME);
        assertThat(byKeyword.toString()).isEqualTo("postgresql://deploy@db.internal:6543/override");
        DatabaseUrl byVariable = DatabaseUrl.parse("postgresql://", Map.of("PGSERVICEFILE", services.toString(),
                "PGSERVICE", "other", "PGSYSCONFDIR", dir.resolve("none").toString()), HOME);
        assertThat(byVariable.host()).isEqualTo("elsewhere");
        assertThatThrownBy(() -> DatabaseUrl.parse("service=missing", Map.of("PGSERVICEFILE", services.toString(),
                "PGSYSCONFDIR", dir.resolve("none").toString()), HOME))
                .isInstanceOf(InputException.class).hasMessageContaining("service 'missing' is defined in neither");
    }

    @Test
    void thePasswordFileGivesThePasswordUnlessOthersMayReadIt(@TempDir Path home) throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# host:port:database:user:password\n"
                + "other:*:*:deploy:not-this-one\n"
                + "db.internal:6543:league:deploy:s3cr\\:et\n"
                + "*:*:*:deploy:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(DatabaseUrl.parse("postgresql://deploy@db.internal:6543/league", Map.of(), home).properties()
                .getProperty("password")).isEqualTo("s3cr:et");
        assertThat(DatabaseUrl.parse("postgresql://deploy@db.internal/league", Map.of(), home).properties()
                .getProperty("password")).isEqualTo("fallback");
        assertThat(DatabaseUrl.parse("postgresql://deploy:given@db.internal:6543/league", Map.of(), home).properties()
                .getProperty("password")).isEqualTo("given");

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        DatabaseUrl exposed = DatabaseUrl.parse("postgresql://deploy@db.internal:6543/league", Map.of(), home);
        assertThat(exposed.properties().getProperty("password")).isNull();
        assertThat(exposed.passwordNote()).contains("group or world access").contains("chmod 600");
    }

    /** The recipe: a server reached through its socket directory given in PGHOST, no password on argv. */
    @Test
    void aRehearsalTakesItsServerFromTheEnvironment() throws Exception {
        String socketDirectory;
        try (ScratchDatabase db = TestPostgres.newDatabase()) {
            socketDirectory = db.url().host();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main", "rehearse",
                "examples/sql-expand-contract", "--db-url", "postgresql://", "--format", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PGHOST", socketDirectory);
        builder.environment().put("PGUSER", "postgres");
        builder.environment().put("PGDATABASE", "postgres");
        Process run = builder.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out).contains("\"server\" : \"PostgreSQL 18 at postgresql://postgres@:5432/postgres?host="
                + socketDirectory + "\"");
    }

    /**
     * Something other than PostgreSQL on the port (an HTTP server answering garbage, or a Redis that waits for a
     * newline and answers nothing) is said to be that, not an SSL problem or a bare 'connection attempt failed'.
     */
    @Test
    void aServerThatIsNotPostgresqlIsSaidToBeThat() throws Exception {
        for (byte[] answer : List.of("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0])) {
            try (ServerSocket listener = new ServerSocket(0)) {
                Thread server = new Thread(() -> answerEveryone(listener, answer));
                server.setDaemon(true);
                server.start();
                Cli.Result r = Cli.run("rehearse", "examples/sql-expand-contract", "--db-url",
                        "postgresql://someone:pw@127.0.0.1:" + listener.getLocalPort() + "/postgres");
                assertThat(r.exitCode()).isEqualTo(2);
                assertThat(r.err()).isEqualTo("schemaguard: error: cannot connect to postgresql://someone@127.0.0.1:"
                        + listener.getLocalPort() + "/postgres: the server at 127.0.0.1:" + listener.getLocalPort()
                        + " is not a PostgreSQL server (it does not answer PostgreSQL's protocol)\n");
            }
        }
    }

    /** Reads what each client sends and answers {@code answer}, or nothing, until the client goes. */
    private static void answerEveryone(ServerSocket listener, byte[] answer) {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                in.readNBytes(8);
                if (answer.length > 0) {
                    out.write(answer);
                    out.flush();
                    continue;
                }
                while (in.read() >= 0) {
                    // silent, as Redis is until it sees a newline
                }
            } catch (IOException e) {
                // the listener closed, or the client went
            }
        }
    }
}
