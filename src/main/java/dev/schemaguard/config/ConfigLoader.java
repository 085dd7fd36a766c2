package dev.schemaguard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Loads and validates {@code schemaguard.yml}. */
public final class ConfigLoader {

    /** The file name looked for in the project root. */
    public static final String FILE_NAME = "schemaguard.yml";

    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info", "off");
    private static final Set<String> FORMATS =
            Set.of("auto", "sql", "flyway", "golang-migrate", "dbmate", "alembic");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Set<String> knownRules;

    /** @param knownRules the rule ids {@code rules:} may name */
    public ConfigLoader(Set<String> knownRules) {
        this.knownRules = Set.copyOf(knownRules);
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Loads the configuration of a project.
     *
     * @param projectDir the project directory
     * @param explicit   a file given with {@code --config}, or {@code null} to use {@code schemaguard.yml} if present
     */
    public Config load(Path projectDir, Path explicit) {
        Path file = explicit != null ? explicit : projectDir.resolve(FILE_NAME);
        if (explicit == null && !Files.exists(file)) {
            return Config.defaults();
        }
        if (explicit != null && !Files.isRegularFile(explicit)) {
            throw new InputException(explicit, "configuration file not found");
        }
        return parse(TextFiles.read(file, file), file);
    }

    /** Parses configuration text; {@code file} names it in error messages. */
    public Config parse(String text, Path file) {
        if (text.isBlank()) {
            return Config.defaults();
        }
        Config config;
        try {
            config = yaml.readValue(text, Config.class);
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
        for (Config.Consumer consumer : config.consumers()) {
            if (consumer.name() == null || consumer.name().isBlank() || consumer.path() == null) {
                String name = consumer.name() == null ? "" : " '" + consumer.name() + "'";
                throw new InputException(file, lineOf(text, "consumers:"),
                        "consumer" + name + " needs both 'name' and 'path'");
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

    private static int line(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
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
