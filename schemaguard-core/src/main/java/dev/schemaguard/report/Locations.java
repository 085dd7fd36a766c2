package dev.schemaguard.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the files a report names are, for the reports that point at them from elsewhere: code scanning, workflow
 * annotations and merge-request widgets resolve paths from the root of the repository, not from the folder
 * SchemaGuard checked, and a consumer's files are relative to the consumer's own folder.
 *
 * @param project   the project folder, absolute: findings' files are relative to it
 * @param root      the folder paths are written relative to: the git repository's root (or {@code --sarif-root})
 * @param consumers each consumer's folder, absolute, by name
 */
public record Locations(Path project, Path root, Map<String, Path> consumers) {

    public Locations {
        project = project.toAbsolutePath().normalize();
        root = root.toAbsolutePath().normalize();
        consumers = Map.copyOf(consumers);
    }

    /** Paths relative to the project folder itself: for a project that is in no repository. */
    public static Locations ofProject(Path project) {
        return new Locations(project, project, Map.of());
    }

    /** The file, absolute: one of the project's, or of {@code consumer}'s when it is not {@code null}. */
    public Path absolute(String consumer, String file) {
        Path base = consumer == null ? project : consumers.getOrDefault(consumer, project);
        return base.resolve(file).normalize();
    }

    /**
     * The file relative to {@link #root}, with forward slashes, or {@code null} when it is outside it (a consumer
     * checked out beside the repository, a file given by its absolute path).
     */
    public String relative(String consumer, String file) {
        Path absolute = absolute(consumer, file);
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : null;
    }

    /** The file as a report shows it: relative to {@link #root} when inside it, else absolute. */
    public String shown(String consumer, String file) {
        String relative = relative(consumer, file);
        return relative != null ? relative : absolute(consumer, file).toString().replace('\\', '/');
    }
}
