package dev.schemaguard.source;

import dev.schemaguard.io.Repository;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the files of a linear format into a chain: each version's parent is the previous version.
 * Two files with the same version both stay in the result (with the same parent), so the graph
 * analysis can report the duplicate instead of one file silently winning.
 */
public final class LinearHistory {

    private LinearHistory() {
    }

    static final Comparator<List<BigInteger>> VERSION_ORDER = LinearHistory::compareVersions;

    /**
     * Chains files whose runner compares versions as numbers (Flyway, golang-migrate, goose, diesel, numbered SQL):
     * versions spelled differently but equal ({@code 1}, {@code 01}, {@code 1.0}) are one version, so two such files
     * share one id, the version written plainly, and the graph reports the duplicate as the runner would ("Found more
     * than one migration with version 1").
     */
    static List<Migration> chain(Path projectDir, MigrationFormat format, List<VersionedFile> files) {
        return chain(projectDir, format, files, true);
    }

    /**
     * @param numericIds whether files of one version spelled differently share the plain spelling as their id; a
     *                   runner that tells versions apart by their text (dbmate) keeps each file's own
     */
    static List<Migration> chain(Path projectDir, MigrationFormat format, List<VersionedFile> files,
                                 boolean numericIds) {
        DisplayPaths display = new DisplayPaths(projectDir);
        List<VersionedFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(VersionedFile::sortKey, VERSION_ORDER)
                .thenComparing(f -> f.file().toString()));
        List<Migration> migrations = new ArrayList<>(sorted.size());
        String previousId = null;
        String parentOfGroup = null;
        int group = 0;
        while (group < sorted.size()) {
            int end = group + 1;
            while (end < sorted.size() && compareVersions(sorted.get(group).sortKey(), sorted.get(end).sortKey()) == 0) {
                end++;
            }
            List<VersionedFile> same = sorted.subList(group, end);
            boolean spelledApart = same.stream().map(VersionedFile::id).distinct().count() > 1;
            parentOfGroup = previousId;
            for (VersionedFile file : same) {
                String id = numericIds && spelledApart ? plain(file.sortKey()) : file.id();
                List<String> parents = parentOfGroup == null ? List.of() : List.of(parentOfGroup);
                migrations.add(new Migration(id, parents, List.of(), List.of(), display.of(file.file()), 1, 1, format,
                        file.up(), Optional.ofNullable(file.down()), migrations.size()));
                previousId = id;
            }
            group = end;
        }
        return migrations;
    }

    /** A version as its numbers, without leading zeros or trailing zero parts: 01.0 is 1. */
    static String plain(List<BigInteger> key) {
        int size = key.size();
        while (size > 1 && key.get(size - 1).signum() == 0) {
            size--;
        }
        return String.join(".", key.subList(0, size).stream().map(BigInteger::toString).toList());
    }

    /** Parses version digits separated by dots or underscores ("1.2", "1_2", "0003"). */
    static List<BigInteger> parseVersion(String version) {
        if (version.indexOf('.') < 0 && version.indexOf('_') < 0) {
            return List.of(new BigInteger(version));
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return parts;
    }

    /** Numeric versions part by part, missing parts counting as zero: how linear runners order their files. */
    public static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Files named relative to the project, the directory part worked out once per directory: a history of thousands
     * of files in one directory would otherwise make every name absolute and normal again. Safe to share between
     * threads.
     */
    static final class DisplayPaths {
        private final Path projectDir;
        private final Map<Path, Path> directories = new ConcurrentHashMap<>();

        DisplayPaths(Path projectDir) {
            this.projectDir = projectDir;
        }

        /** What {@link #relativize} gives for {@code file}. */
        Path of(Path file) {
            Path directory = file.getParent();
            if (directory == null) {
                return relativize(projectDir, file);
            }
            return directories.computeIfAbsent(directory, d -> relativize(projectDir, d)).resolve(file.getFileName());
        }
    }

    /**
     * A file as shown to users: relative to the project; from a sibling folder of the same repository, with
     * {@code ..}; anywhere else, absolute.
     */
    static Path relativize(Path projectDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = projectDir.toAbsolutePath().normalize();
        if (absolute.startsWith(base)) {
            return base.relativize(absolute);
        }
        Path repository = Repository.root(base);
        return repository != null && absolute.startsWith(repository) ? base.relativize(absolute) : absolute;
    }
}
