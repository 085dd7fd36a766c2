package dev.schemaguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Flyway project keeps its migrations, as its own configuration says: {@code flyway.locations} in
 * {@code flyway.conf}, {@code locations} in {@code flyway.toml}'s {@code [flyway]} table, or Spring Boot's
 * {@code spring.flyway.locations} in {@code src/main/resources/application.properties} or {@code .yml}. A
 * {@code filesystem:} location is a folder of the project; a {@code classpath:} one (or one without a prefix, as
 * Flyway reads it) is below {@code src/main/resources}; Spring's {@code {vendor}} is {@code postgresql}. Flyway reads
 * every location as one history, so a version may sit in any of them.
 */
final class FlywayLocations {

    private static final String RESOURCES = "src/main/resources";
    /** {@code locations = ["a", "b"]} or {@code locations = "a,b"} in a TOML table. */
    /** {@code name = "value"} in a TOML table. */
    private static final Pattern TOML_STRING = Pattern.compile("(?m)^\\s*([A-Za-z0-9_.:-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TOML_LOCATIONS = Pattern.compile("(?m)^\\s*locations\\s*=\\s*(\\[[^]]*]|\"[^\"]*\")");

    private FlywayLocations() {
    }

    /**
     * The folders of the locations the project's Flyway configuration names that exist (Flyway skips the others
     * with a warning), or {@code null} when no configuration names any.
     */
    static List<Path> read(Path project) {
        List<String> locations = configured(project);
        if (locations == null) {
            return null;
        }
        List<Path> folders = new ArrayList<>();
        for (String location : locations) {
            Path folder = folder(project, location);
            if (folder != null && Files.isDirectory(folder) && !folders.contains(folder)) {
                folders.add(folder);
            }
        }
        return folders.isEmpty() ? null : List.copyOf(folders);
    }

    /** The locations of the first configuration that names any, in the order Flyway's own files take precedence. */
    private static List<String> configured(Path project) {
        List<String> found = properties(project.resolve("flyway.conf"), "flyway.locations");
        if (found == null) {
            found = toml(project.resolve("flyway.toml"));
        }
        if (found == null) {
            found = properties(project.resolve(RESOURCES).resolve("application.properties"), "spring.flyway.locations");
        }
        if (found == null) {
            found = yaml(project.resolve(RESOURCES).resolve("application.yml"));
        }
        if (found == null) {
            found = yaml(project.resolve(RESOURCES).resolve("application.yaml"));
        }
        return found;
    }

    /**
     * The values the project's Flyway configuration gives its {@code ${placeholders}}: {@code flyway.placeholders.NAME}
     * in flyway.conf, the {@code [flyway.placeholders]} table of flyway.toml, Spring Boot's
     * {@code spring.flyway.placeholders.NAME}; the first file that gives a name wins, as the locations' does.
     */
    static Map<String, String> placeholders(Path project) {
        Map<String, String> values = new LinkedHashMap<>();
        propertiesWithPrefix(project.resolve("flyway.conf"), "flyway.placeholders.").forEach(values::putIfAbsent);
        tomlTable(project.resolve("flyway.toml"), "[flyway.placeholders]").forEach(values::putIfAbsent);
        propertiesWithPrefix(project.resolve(RESOURCES).resolve("application.properties"), "spring.flyway.placeholders.")
                .forEach(values::putIfAbsent);
        for (String name : List.of("application.yml", "application.yaml")) {
            JsonNode map = yamlNode(project.resolve(RESOURCES).resolve(name), "spring", "flyway", "placeholders");
            if (map != null && map.isObject()) {
                map.fields().forEachRemaining(e -> values.putIfAbsent(e.getKey(), e.getValue().asText()));
            }
        }
        return values;
    }

    private static Map<String, String> propertiesWithPrefix(Path file, String prefix) {
        Properties properties = load(file);
        Map<String, String> values = new LinkedHashMap<>();
        if (properties != null) {
            for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
                if (key.startsWith(prefix) && key.length() > prefix.length()) {
                    values.put(key.substring(prefix.length()), properties.getProperty(key));
                }
            }
        }
        return values;
    }

    /** {@code name = "value"} lines of one TOML table, from its header to the next. */
    private static Map<String, String> tomlTable(Path file, String header) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = readText(file);
        int start = text == null ? -1 : text.indexOf(header);
        if (start < 0) {
            return values;
        }
        int end = text.indexOf("\n[", start + 1);
        Matcher m = TOML_STRING.matcher(end < 0 ? text.substring(start) : text.substring(start, end));
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    private static Properties load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return null; // unreadable: the conventional folders still apply
        }
        return properties;
    }

    private static String readText(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode yamlNode(Path file, String... path) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            for (String key : path) {
                node = node == null ? null : node.get(key);
            }
            return node;
        } catch (IOException | RuntimeException e) {
            return null; // several documents, or not YAML: nothing to take from it
        }
    }

    private static List<String> properties(Path file, String key) {
        Properties properties = load(file);
        if (properties == null) {
            return null;
        }
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? null : split(value);
    }

    private static List<String> toml(Path file) {
        String text = readText(file);
        if (text == null) {
            return null;
        }
        // the [flyway] table: from its header to the next table header
        int start = text.indexOf("[flyway]");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("\n[", start + 1);
        Matcher m = TOML_LOCATIONS.matcher(end < 0 ? text.substring(start) : text.substring(start, end));
        if (!m.find()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (quoted.find()) {
            values.addAll(split(quoted.group(1)));
        }
        return values.isEmpty() ? null : values;
    }

    private static List<String> yaml(Path file) {
        JsonNode locations = yamlNode(file, "spring", "flyway", "locations");
        if (locations == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (locations.isArray()) {
            locations.forEach(node -> values.addAll(split(node.asText())));
        } else if (locations.isTextual()) {
            values.addAll(split(locations.asText()));
        }
        return values.isEmpty() ? null : values;
    }

    private static List<String> split(String value) {
        return List.of(value.split(",")).stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** The folder a location names in the project, or {@code null} (a location Flyway finds elsewhere: s3:, gcs:). */
    private static Path folder(Path project, String location) {
        String path = location.replace("{vendor}", "postgresql");
        try {
            if (path.startsWith("filesystem:")) {
                return project.resolve(path.substring("filesystem:".length())).normalize();
            }
            if (path.startsWith("classpath:")) {
                path = path.substring("classpath:".length());
            } else if (path.matches("[a-z0-9]+:.*")) {
                return null;
            }
            return project.resolve(RESOURCES).resolve(path.replaceFirst("^/+", "")).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
