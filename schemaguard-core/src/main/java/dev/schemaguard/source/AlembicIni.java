package dev.schemaguard.source;

import dev.schemaguard.io.InputException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an Alembic project keeps its revisions, as its {@code alembic.ini} says and Alembic reads it: the
 * {@code [alembic]} section's {@code version_locations} (every folder it names, split as
 * {@code version_path_separator} or {@code path_separator} says), or else the {@code versions} folder of
 * {@code script_location}; {@code recursive_version_locations} to read their subfolders too. Values are read as
 * Python's configparser reads them: {@code key = value} or {@code key: value}, continued on indented lines,
 * {@code %(here)s} standing for the folder of alembic.ini.
 */
final class AlembicIni {

    /**
     * The folders Alembic loads revisions from.
     *
     * @param directories in the order alembic.ini names them
     * @param recursive   whether subfolders are read too
     */
    record Locations(List<Path> directories, boolean recursive) {
    }

    /** Alembic's split when no separator is configured: commas and spaces (and lines, for a multi-line value). */
    private static final Pattern LEGACY_SPLIT = Pattern.compile("[,\\s]+");

    private AlembicIni() {
    }

    /**
     * The revision folders of the project's alembic.ini, or {@code null} when there is none, it cannot be read, or
     * its {@code script_location} is not a folder of the project (a package resource such as {@code myapp:db}).
     *
     * @throws InputException when {@code version_locations} names a folder that does not exist, or the separator
     *                        is not one Alembic knows: Alembic itself refuses to run then
     */
    static Locations read(Path project) {
        Path ini = project.resolve("alembic.ini");
        if (!Files.isRegularFile(ini)) {
            return null;
        }
        Map<String, String> section;
        try {
            section = alembicSection(Files.readAllLines(ini));
        } catch (IOException e) {
            return null; // an unreadable alembic.ini: the conventional folders still apply
        }
        boolean recursive = List.of("1", "yes", "true", "on")
                .contains(section.getOrDefault("recursive_version_locations", "").strip().toLowerCase(Locale.ROOT));
        String locations = section.get("version_locations");
        if (locations != null && !locations.isBlank()) {
            List<Path> directories = new ArrayList<>();
            for (String location : split(locations, separator(section))) {
                Path directory = folder(project, location);
                if (directory == null || !Files.isDirectory(directory)) {
                    throw new InputException(Path.of("alembic.ini"), "version_locations names '" + location
                            + "', which is not a folder of the project (Alembic stops on it too); fix the path or "
                            + "set migrations.path in schemaguard.yml");
                }
                directories.add(directory);
            }
            return new Locations(List.copyOf(directories), recursive);
        }
        String script = section.get("script_location");
        Path scripts = script == null ? null : scriptDirectory(project, script.strip());
        if (scripts == null || !Files.isDirectory(scripts.resolve("versions"))) {
            return null;
        }
        return new Locations(List.of(versions(scripts.resolve("versions").normalize())), recursive);
    }

    /**
     * The script directory {@code script_location} names: a folder, or a package resource ({@code myapp:migrations},
     * {@code myapp.db:migrations}), which Alembic finds through the installed package and SchemaGuard in the project's
     * source tree: the package's folder below alembic.ini's folder or a parent of it, or below their {@code src}.
     */
    private static Path scriptDirectory(Path project, String location) {
        Path folder = folder(project, location);
        if (folder != null && Files.isDirectory(folder) || !location.contains(":") || location.startsWith("%(here)s")) {
            return folder;
        }
        int colon = location.indexOf(':');
        String resource = (location.substring(0, colon).replace('.', '/') + "/" + location.substring(colon + 1))
                .replace(':', '/');
        for (Path base = project; base != null; base = base.getParent()) {
            for (Path root : List.of(base, base.resolve("src"))) {
                Path candidate = root.resolve(resource).normalize();
                if (Files.isDirectory(candidate.resolve("versions"))) {
                    return candidate;
                }
            }
            if (Files.exists(base.resolve(".git"))) {
                break; // the repository's root: the package is not in this project
            }
        }
        return null;
    }

    /**
     * The folder Alembic reads revisions from: {@code versions}, or, when it holds none but one folder per database
     * ({@code postgresql}, {@code sqlite}, ...) whose env.py chooses by dialect, the PostgreSQL one.
     */
    static Path versions(Path versions) {
        boolean revisions = Directory.files(versions).stream()
                .anyMatch(f -> AlembicReader.isRevisionFileName(f.getFileName().toString()));
        if (revisions) {
            return versions;
        }
        for (String name : List.of("postgresql", "postgres", "pg")) {
            if (Files.isDirectory(versions.resolve(name))) {
                return versions.resolve(name);
            }
        }
        return versions;
    }

    /** The {@code [alembic]} section's values by lower-case key, interpolated. */
    private static Map<String, String> alembicSection(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        boolean inSection = false;
        String key = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && trimmed.startsWith("[")) {
                inSection = trimmed.equals("[alembic]");
                key = null;
            } else if (inSection && Character.isWhitespace(line.charAt(0)) && key != null) {
                values.merge(key, "\n" + trimmed, String::concat); // a continuation line
            } else if (inSection) {
                int equals = trimmed.indexOf('=');
                int colon = trimmed.indexOf(':');
                int at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
                if (at > 0) {
                    key = trimmed.substring(0, at).strip().toLowerCase(Locale.ROOT);
                    values.put(key, trimmed.substring(at + 1).strip());
                }
            }
        }
        return values;
    }

    /** The separator version_locations is split on, or {@code null} for Alembic's legacy split. */
    private static String separator(Map<String, String> section) {
        String configured = section.getOrDefault("version_path_separator", section.get("path_separator"));
        if (configured == null) {
            return null;
        }
        return switch (configured.strip()) {
            case "os" -> File.pathSeparator;
            case "space" -> " ";
            case "newline" -> "\n";
            case ":", ";" -> configured.strip();
            default -> throw new InputException(Path.of("alembic.ini"), "version_path_separator '" + configured.strip()
                    + "' is not one Alembic knows (os, space, newline, ':' or ';')");
        };
    }

    private static List<String> split(String value, String separator) {
        List<String> parts = separator == null ? Arrays.asList(LEGACY_SPLIT.split(value.strip()))
                : Arrays.asList(value.split(Pattern.quote(separator)));
        return parts.stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** A location as a folder of the project: {@code %(here)s} is the project, relative paths are from it. */
    private static Path folder(Path project, String location) {
        String path = location.replace("%(here)s", project.toString()).replace("%%", "%");
        try {
            return project.resolve(path).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
