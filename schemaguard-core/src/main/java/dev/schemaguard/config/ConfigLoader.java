package dev.schemaguard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.Repository;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Loads and validates {@code schemaguard.yml}. */
public final class ConfigLoader {

    /** The file name looked for in the project root. */
    public static final String FILE_NAME = "schemaguard.yml";
    /** Every name the configuration may have, the documented one first: another one is used, never ignored. */
    public static final List<String> FILE_NAMES =
            List.of(FILE_NAME, "schemaguard.yaml", ".schemaguard.yml", ".schemaguard.yaml");

    private static final Pattern PYTHON_MODULE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info", "off");
    private static final Set<String> FORMATS = Set.of("auto", "sql", "flyway", "golang-migrate", "dbmate", "goose",
            "diesel", "prisma", "folder-dag", "sqitch", "alembic", "django", "liquibase");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(:[1-9][0-9]*)?|[1-9][0-9]*");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private final Set<String> knownRules;

    /** @param knownRules the rule ids {@code rules:} may name */
    public ConfigLoader(Set<String> knownRules) {
        this.knownRules = Set.copyOf(knownRules);
    }

    /**
     * The YAML reader, made when a file is read: most runs have no configuration file, and building Jackson's
     * mapper loads hundreds of classes that a one-file lint would otherwise wait for.
     */
    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * A configuration and where it was read from.
     *
     * @param config the configuration (the defaults when there is no file)
     * @param file   the file it was read from, absolute, or {@code null} when there is none
     */
    public record Loaded(Config config, Path file) {
    }

    /**
     * Loads the configuration of a project.
     *
     * @param projectDir the project directory
     * @param explicit   a file given with {@code --config}, or {@code null} to find one ({@link #find})
     */
    public Config load(Path projectDir, Path explicit) {
        return locate(projectDir, explicit).config();
    }

    /**
     * Loads the configuration of a project, and says where it was: the file given with {@code --config}, else the
     * nearest of {@link #FILE_NAMES} from the project directory up to the root of its repository, as linters find
     * theirs.
     */
    public Loaded locate(Path projectDir, Path explicit) {
        Path file;
        if (explicit != null) {
            if (Files.isDirectory(explicit)) {
                Path inside = in(explicit.toAbsolutePath().normalize());
                throw new InputException(explicit, "is a folder; --config takes the configuration file itself"
                        + (inside != null ? ": " + explicit.resolve(inside.getFileName())
                        : ", such as " + explicit.resolve(FILE_NAME) + " (there is none in this folder)"));
            }
            if (!Files.isRegularFile(explicit)) {
                throw new InputException(explicit, "configuration file not found");
            }
            file = explicit;
        } else {
            file = find(projectDir);
            if (file == null) {
                return new Loaded(Config.defaults(), null);
            }
        }
        Path shown = explicit != null ? explicit : shown(projectDir, file);
        Config config = parse(TextFiles.read(file, shown), shown);
        checkPaths(config, file.toAbsolutePath().normalize(), shown, TextFiles.read(file, shown));
        return new Loaded(config, file.toAbsolutePath().normalize());
    }

    /**
     * The configuration file of a project: the nearest of {@link #FILE_NAMES} in the project directory or a folder
     * above it, up to the root of the repository it is in (the project directory alone when it is in none), or
     * {@code null}.
     */
    public static Path find(Path projectDir) {
        Path start = projectDir.toAbsolutePath().normalize();
        Path root = Repository.root(start);
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = in(dir);
            if (file != null) {
                return file;
            }
            if (root == null || dir.equals(root)) {
                return null;
            }
        }
        return null;
    }

    /** The configuration file of one folder, or {@code null}; two are an error rather than a choice. */
    private static Path in(Path dir) {
        List<Path> present = FILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
        if (present.size() > 1) {
            throw new InputException(present.get(1), "a second configuration file beside " + present.get(0)
                    .getFileName() + ": SchemaGuard would read only one; keep one of them");
        }
        return present.isEmpty() ? null : present.get(0);
    }

    /** The file as the user can find it from the folder they named: there, or as a path up from it. */
    private static Path shown(Path projectDir, Path file) {
        Path from = projectDir.toAbsolutePath().normalize();
        return file.getParent().equals(from) ? projectDir.resolve(file.getFileName()) : from.relativize(file);
    }

    /**
     * {@code migrations.path} must stay in the repository the configuration belongs to (in its folder when there is
     * no repository): a history read from outside it is not this project's, and a path such as
     * {@code ../../../../etc} is a mistake or worse. A sibling folder of a monorepo is inside the repository. Consumers
     * may live elsewhere (a checkout of another service beside this one), so their paths are not held to this.
     */
    private static void checkPaths(Config config, Path file, Path shown, String text) {
        String path = config.migrations().path();
        if (path == null) {
            return;
        }
        Path dir = file.getParent();
        Path root = Repository.root(dir);
        Path boundary = root != null ? root : dir;
        Path resolved;
        try {
            resolved = dir.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InputException(shown, lineOf(text, "path:"), "migrations.path '" + path + "' is not a path");
        }
        if (!resolved.startsWith(boundary)) {
            throw new InputException(shown, lineOf(text, "path:"), "migrations.path '" + path + "' leads outside "
                    + (root != null ? "the repository this configuration is in" : "the folder of this configuration "
                    + "(it is in no git repository)") + ": the migrations checked must be the project's own; "
                    + "run SchemaGuard in the project that holds them");
        }
    }

    /** Parses configuration text; {@code file} names it in error messages. */
    public Config parse(String text, Path file) {
        if (text.isBlank()) {
            return Config.defaults();
        }
        Config config;
        try {
            config = yaml().readValue(text, Config.class);
        } catch (UnrecognizedPropertyException e) {
            // The parser's location is past the value; the key's own line is what the user must edit.
            int keyLine = lineOf(text, e.getPropertyName() + ":");
            throw new InputException(file, keyLine > 0 ? keyLine : line(e), "unknown key '" + e.getPropertyName() + "'"
                    + section(e) + "; known keys: " + known(e.getKnownPropertyIds()));
        } catch (InvalidFormatException e) {
            throw new InputException(file, line(e), "'" + e.getValue() + "' is not a valid value for "
                    + path(e) + " (expected " + expected(e.getTargetType()) + ")");
        } catch (MismatchedInputException e) {
            throw new InputException(file, line(e), "wrong kind of value for " + path(e)
                    + " (expected " + expected(e.getTargetType()) + ")");
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.find()) {
                int second = line(e);
                int first = firstOf(text, duplicate.group(1), second);
                throw new InputException(file, second, "duplicate key '" + duplicate.group(1) + "'"
                        + (first > 0 ? " (first at line " + first + ")" : "") + ": YAML would keep only the last; "
                        + "keep one");
            }
            throw new InputException(file, line(e), "not valid YAML: " + e.getOriginalMessage());
        }
        if (config == null) {
            return Config.defaults();
        }
        validate(config, file, text, knownRules);
        return config;
    }

    private static void validate(Config config, Path file, String text, Set<String> knownRules) {
        if (!FORMATS.contains(config.migrations().format())) {
            throw new InputException(file, lineOf(text, "format:"), "migrations.format '"
                    + config.migrations().format() + "' is not one of " + String.join(", ", new TreeSet<>(FORMATS)));
        }
        if (!Set.of("auto", "per-file", "none").contains(config.migrations().transaction())) {
            throw new InputException(file, lineOf(text, "transaction:"), "migrations.transaction '"
                    + config.migrations().transaction() + "' is not one of auto, per-file, none");
        }
        for (Map.Entry<String, String> rule : config.rules().entrySet()) {
            if (!knownRules.contains(rule.getKey())) {
                throw new InputException(file, lineOf(text, rule.getKey() + ":"), "rules: '" + rule.getKey()
                        + "' is not a rule id; the README lists every rule id");
            }
            if (rule.getValue() == null || !SEVERITIES.contains(rule.getValue())) {
                throw new InputException(file, lineOf(text, rule.getKey() + ":"), "rules." + rule.getKey()
                        + ": severity '" + rule.getValue() + "' is not one of error, warning, info, off");
            }
        }
        validateAlembic(config.alembic(), file, text);
        validateDjango(config.django(), file, text);
        for (Config.Consumer consumer : config.consumers()) {
            if (consumer.name() == null || consumer.name().isBlank() || consumer.path() == null) {
                String name = consumer.name() == null ? "" : " '" + consumer.name() + "'";
                throw new InputException(file, lineOf(text, "consumers:"),
                        "consumer" + name + " needs both 'name' and 'path'");
            }
            if (consumer.minCoverage() != null && (consumer.minCoverage() < 0 || consumer.minCoverage() > 100)) {
                int at = lineAfter(text, "min_coverage:", Math.max(lineOf(text, "- name: " + consumer.name()),
                        lineOf(text, "name: " + consumer.name())));
                throw new InputException(file, at, "consumer '" + consumer.name() + "': min_coverage "
                        + consumer.minCoverage() + " is not a percentage from 0 to 100 (the share of its queries "
                        + "that must be analysed in full)");
            }
            int declared = Math.max(lineOf(text, "- name: " + consumer.name()), lineOf(text, "name: " + consumer.name()));
            for (String pattern : consumer.placeholders()) {
                try {
                    java.util.regex.Pattern.compile(pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new InputException(file, lineAfter(text, "placeholders:", declared), "consumer '"
                            + consumer.name() + "': placeholder pattern '" + pattern + "' is not a regular expression: "
                            + e.getDescription());
                }
            }
            for (String preset : consumer.presets()) {
                if (HelperPresets.of(preset) == null) {
                    throw new InputException(file, lineAfter(text, "presets:", declared), "consumer '"
                            + consumer.name() + "': '" + preset + "' is not a preset; presets: "
                            + String.join(", ", HelperPresets.names()));
                }
            }
            for (Config.Helper helper : consumer.helpers()) {
                int at = lineAfter(text, "- function:", declared);
                if (helper.function().isEmpty() || helper.table() == null || helper.table().isBlank()) {
                    throw new InputException(file, at > 0 ? at : lineAfter(text, "helpers:", declared), "consumer '"
                            + consumer.name() + "': a helper needs 'function' (its name) and 'table' (the argument "
                            + "that names the table: a keyword, a position from 1, or keyword:position)");
                }
                List<String> arguments = new java.util.ArrayList<>(helper.reads());
                arguments.addAll(helper.writes());
                arguments.add(helper.table());
                for (String argument : arguments) {
                    if (!ARGUMENT.matcher(argument).matches()) {
                        throw new InputException(file, at, "consumer '" + consumer.name() + "': helper argument '"
                                + argument + "' is not a keyword, a position from 1, or keyword:position");
                    }
                }
                if (!Set.of("read", "write").contains(helper.access())) {
                    throw new InputException(file, at, "consumer '" + consumer.name() + "': helper access '"
                            + helper.access() + "' is not one of read, write");
                }
            }
        }
    }

    private static void validateAlembic(Config.Alembic alembic, Path file, String text) {
        if (alembic.config().isBlank()) {
            throw new InputException(file, lineOf(text, "config:"), "alembic.config must name the Alembic "
                    + "configuration file, relative to the project (default alembic.ini)");
        }
        for (String name : alembic.urlEnv()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new InputException(file, lineOf(text, "url_env:"), "alembic.url_env: '" + name
                        + "' is not an environment variable name");
            }
        }
        if (alembic.python() != null && alembic.python().isBlank()) {
            throw new InputException(file, lineOf(text, "python:"), "alembic.python must name a Python "
                    + "interpreter (leave it out to find one)");
        }
    }

    private static void validateDjango(Config.Django django, Path file, String text) {
        if (django.settings() != null && !PYTHON_MODULE.matcher(django.settings()).matches()) {
            throw new InputException(file, lineOf(text, "settings:"), "django.settings: '" + django.settings()
                    + "' is not a Python module name (such as league.settings)");
        }
        if (django.python() != null && django.python().isBlank()) {
            throw new InputException(file, lineOf(text, "python:"), "django.python must name a Python "
                    + "interpreter (leave it out to find one)");
        }
    }

    /** The line of the key's first occurrence in the same mapping as its occurrence at {@code second}, or 0. */
    private static int firstOf(String text, String key, int second) {
        String[] lines = text.split("\n", -1);
        if (second < 1 || second > lines.length) {
            return 0;
        }
        String at = lines[second - 1];
        int indent = at.length() - at.stripLeading().length();
        for (int i = second - 2; i >= 0; i--) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (lineIndent < indent) {
                return 0; // left the mapping
            }
            String stripped = line.stripLeading().replaceFirst("^- ", "");
            if (lineIndent == indent && (stripped.startsWith(key + ":") || stripped.startsWith("\"" + key + "\":")
                    || stripped.startsWith("'" + key + "':"))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int line(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static int lineOf(String text, String needle) {
        return lineAfter(text, needle, 0);
    }

    /** The first line after line {@code after} (1-based; 0 for the whole text) that starts with the needle, or 0. */
    private static int lineAfter(String text, String needle, int after) {
        String[] lines = text.split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].strip().startsWith(needle)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String section(UnrecognizedPropertyException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() <= 1) {
            return " at the top level";
        }
        return " in '" + path(path.subList(0, path.size() - 1)) + "'";
    }

    private static String path(JsonMappingException e) {
        return "'" + path(e.getPath()) + "'";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "the document" : out.toString();
    }

    private static String known(java.util.Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.getSimpleName();
    }
}
