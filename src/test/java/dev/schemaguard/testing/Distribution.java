package dev.schemaguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * The distribution the package phase built ({@code schemaguard-<version>-linux-x64.tar.gz}), unpacked as a user
 * unpacks it, and a PATH with the machine's programs but no java and no mvn.
 */
public final class Distribution {

    private final Path home;
    private final Path bin;

    private Distribution(Path home, Path bin) {
        this.home = home;
        this.bin = bin;
    }

    /**
     * Unpacks the distribution into {@code dir}, and makes a PATH there with the launcher and every program of the
     * machine but Java's and Maven's ({@link #linkProgramsButJava}).
     */
    public static Distribution unpack(Path dir) {
        String tarball = tarball().toString();
        Path unpacked = dir.resolve("opt");
        Path bin = dir.resolve("path");
        try {
            Files.createDirectories(unpacked);
            Files.createDirectories(bin);
            CliProcess.Result tar = CliProcess.run(unpacked, Map.of(), List.of("tar", "-xzf", tarball));
            if (tar.exitCode() != 0) {
                throw new AssertionError("tar failed: " + tar.output());
            }
            Path home;
            try (var entries = Files.list(unpacked)) {
                home = entries.findFirst().orElseThrow();
            }
            linkProgramsButJava(bin);
            Files.createSymbolicLink(bin.resolve("schemaguard"), home.resolve("bin/schemaguard"));
            return new Distribution(home, bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills {@code bin} with links to every program of the machine's /usr/bin and /bin but Java's and Maven's (java,
     * javac, jar, ..., mvn): a PATH of a machine without a JDK.
     */
    public static void linkProgramsButJava(Path bin) throws IOException {
        Files.createDirectories(bin);
        Set<String> jdk = new HashSet<>(List.of("mvn", "mvnDebug"));
        try (var tools = Files.list(Path.of(System.getProperty("java.home"), "bin"))) {
            tools.forEach(tool -> jdk.add(tool.getFileName().toString()));
        }
        for (String system : List.of("/usr/bin", "/bin")) {
            try (var programs = Files.list(Path.of(system))) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    String name = program.getFileName().toString();
                    if (!jdk.contains(name) && Files.notExists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), program);
                    }
                }
            }
        }
    }

    /** The tarball the package phase built. */
    public static Path tarball() {
        String tarball = System.getProperty("sg.distribution");
        if (tarball == null || !Files.isRegularFile(Path.of(tarball))) {
            throw new AssertionError("no distribution at " + tarball + ": these tests run after mvn package");
        }
        return Path.of(tarball);
    }

    /** The unpacked folder: bin/, lib/, runtime/. */
    public Path home() {
        return home;
    }

    /** The launcher's link on that PATH, as a program is started by its path (Java looks up names on its own PATH). */
    public String launcher() {
        return bin.resolve("schemaguard").toString();
    }

    /** The PATH without Java or Maven, with the launcher on it. */
    public String path() {
        return bin.toString();
    }

    /**
     * The environment to run the launcher in: that PATH, and when the distribution carries an AOT cache, the JVM
     * told to fail rather than start without it, so that a cache that does not survive the move fails the test.
     */
    public Map<String, String> environment() {
        return Files.isRegularFile(home.resolve("lib/schemaguard.aot"))
                ? Map.of("PATH", path(), "JAVA_TOOL_OPTIONS", "-XX:AOTMode=on")
                : Map.of("PATH", path());
    }
}
