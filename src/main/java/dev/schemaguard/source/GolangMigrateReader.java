package dev.schemaguard.source;

import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<title>.up.<ext>} and {@code <version>_<title>.down.<ext>}, matched with
 * golang-migrate's own pattern, so that a file it runs ({@code 2_b.up.sql.orig}) is read and a file it skips
 * ({@code 6.up.sql}, {@code 3_c.UP.sql}) is skipped too, and said to be. Versions are numbers: {@code 1} and
 * {@code 01} are one version.
 */
public final class GolangMigrateReader implements MigrationReader {

    /** golang-migrate's {@code source.DefaultRegex}. */
    static final Pattern FILE = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
    /** What a migration meant for golang-migrate looks like when it does not match: an .sql file with up or down. */
    private static final Pattern NEAR_MISS = Pattern.compile("(?i).*\\b(up|down)\\b.*\\.sql$");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.GOLANG_MIGRATE;
    }

    /** Whether golang-migrate reads this file name as an up migration. */
    static boolean isUp(String name) {
        Matcher m = FILE.matcher(name);
        return m.matches() && m.group(3).equals("up");
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Path> ups = new ArrayList<>();
        Map<BigInteger, List<Path>> downs = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : Directory.files(migrationsDir)) {
            String name = file.getFileName().toString();
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                if (NEAR_MISS.matcher(name).matches()) {
                    skipped.add(name);
                }
                continue;
            }
            if (m.group(3).equals("up")) {
                ups.add(file);
            } else {
                downs.computeIfAbsent(new BigInteger(m.group(1)), v -> new ArrayList<>()).add(file);
            }
        }
        if (!skipped.isEmpty()) {
            notes.add("not read, as golang-migrate does not read them either (it takes <version>_<title>.up.<ext> "
                    + "and .down.<ext>): " + Notes.some(skipped, 5));
        }
        List<VersionedFile> files = new ArrayList<>();
        for (Path file : ups) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalStateException("matched before: " + file);
            }
            BigInteger version = new BigInteger(m.group(1));
            List<Path> down = downs.getOrDefault(version, List.of());
            // golang-migrate pairs an up and a down by version; a second down of one version is its own duplicate
            MigrationScript downScript = down.isEmpty() ? null : script(down.get(0), display);
            files.add(new VersionedFile(m.group(1), List.of(version), file, script(file, display), downScript));
        }
        for (Map.Entry<BigInteger, List<Path>> down : downs.entrySet()) {
            if (files.stream().noneMatch(f -> f.sortKey().get(0).equals(down.getKey()))) {
                notes.add("down migration without an up migration of its version, never run: "
                        + display.of(down.getValue().get(0)).toString().replace('\\', '/'));
            }
        }
        return LinearHistory.chain(projectDir, format(), files);
    }

    private static MigrationScript script(Path file, LinearHistory.DisplayPaths display) {
        return new MigrationScript(file, TextFiles.read(file, display.of(file)), 1);
    }
}
