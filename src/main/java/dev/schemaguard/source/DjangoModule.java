package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.source.PythonHeader.Kind;
import dev.schemaguard.source.PythonHeader.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Django migration module read without importing Django: the {@code class Migration(...)} body's attribute
 * assignments ({@code dependencies}, {@code replaces}, {@code run_before}, {@code initial}, {@code atomic},
 * {@code operations}) as tokens, and the module's tokens for the analyses that read the operations.
 *
 * @param tokens     every token of the module, line breaks inside brackets left out
 * @param classLine  the line of {@code class Migration}
 * @param attributes the class attributes by name: the line of the assignment and the tokens of the value
 */
public record DjangoModule(List<Token> tokens, int classLine, Map<String, Attribute> attributes) {

    /** A class attribute: where it is assigned and its value's tokens. */
    public record Attribute(int line, List<Token> value) {
    }

    /** Whether a file's text looks like a Django migration (the loader requires a {@code Migration} class). */
    static boolean looksLikeMigration(String text) {
        return text.contains("class Migration(") && text.contains("migrations");
    }

    /**
     * Parses a module.
     *
     * @throws InputException when it has no {@code class Migration}, as Django's loader refuses it
     *                        ("has no Migration class"), or when its strings do not end
     */
    public static DjangoModule parse(String text, Path display) {
        List<Token> tokens = PythonHeader.tokens(text, display);
        int classAt = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.NAME && tokens.get(i).text().equals("class") && tokens.get(i).column() == 0
                    && tokens.get(i + 1).text().equals("Migration")) {
                classAt = i;
            }
        }
        if (classAt < 0) {
            throw new InputException(display, 1, "not a Django migration: no 'class Migration(migrations.Migration)' "
                    + "(Django's loader refuses such a module in a migrations folder: move helper modules elsewhere, "
                    + "or name them with a leading underscore)");
        }
        Map<String, Attribute> attributes = new HashMap<>();
        int bodyIndent = -1;
        for (int i = classAt + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!startsLine(tokens, i) || t.kind() == Kind.OP) {
                continue;
            }
            if (t.column() == 0) {
                break;
            }
            if (bodyIndent < 0) {
                bodyIndent = t.column();
            }
            if (t.column() != bodyIndent || t.kind() != Kind.NAME || i + 1 >= tokens.size()) {
                continue;
            }
            int equals = i + 1;
            if (tokens.get(equals).text().equals(":")) {
                // an annotated assignment: "operations: list = [...]"
                while (equals < tokens.size() && !isNewline(tokens, equals) && !tokens.get(equals).text().equals("=")) {
                    equals++;
                }
            }
            if (equals >= tokens.size() || !tokens.get(equals).text().equals("=")
                    || tokens.get(equals).kind() != Kind.OP) {
                continue;
            }
            int end = equals + 1;
            while (end < tokens.size() && !isNewline(tokens, end)) {
                end++;
            }
            attributes.put(t.text(), new Attribute(t.line(), List.copyOf(tokens.subList(equals + 1, end))));
        }
        return new DjangoModule(tokens, tokens.get(classAt).line(), Map.copyOf(attributes));
    }

    /** Whether a class attribute is the literal {@code True} or {@code False} given. */
    public boolean is(String attribute, String literal) {
        Attribute a = attributes.get(attribute);
        return a != null && a.value().size() == 1 && a.value().get(0).text().equals(literal);
    }

    private static boolean startsLine(List<Token> tokens, int i) {
        return i == 0 || isNewline(tokens, i - 1);
    }

    private static boolean isNewline(List<Token> tokens, int i) {
        return tokens.get(i).kind() == Kind.OP && tokens.get(i).text().equals("\n");
    }

    /** The top-level comma-separated items of a bracketed value ({@code [a, (b, c)]} gives {@code a} and {@code (b, c)}). */
    public static List<List<Token>> items(List<Token> bracketed) {
        List<List<Token>> items = new ArrayList<>();
        if (bracketed.size() < 2) {
            return items;
        }
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token t : bracketed.subList(1, bracketed.size() - 1)) {
            String text = t.kind() == Kind.OP ? t.text() : "";
            if (depth == 0 && text.equals(",")) {
                if (!current.isEmpty()) {
                    items.add(current);
                }
                current = new ArrayList<>();
                continue;
            }
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                depth++;
            } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                depth--;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            items.add(current);
        }
        return items;
    }

    /** A key of another migration: its app label and name ({@code __first__} and {@code __latest__} included). */
    public record Key(String app, String name) {
        @Override
        public String toString() {
            return app + "." + name;
        }
    }

    /**
     * The migration keys a list attribute names ({@code dependencies}, {@code replaces}, {@code run_before}):
     * {@code ("app", "0001_initial")} tuples, and {@code swappable_dependency(settings.X)} resolved by
     * {@code swappable}, which gives {@code null} for a setting it cannot read (left out).
     *
     * @throws InputException when an item is neither
     */
    public List<Key> keys(String attribute, Path display, Map<String, String> swappable) {
        Attribute a = attributes.get(attribute);
        if (a == null) {
            return List.of();
        }
        List<Token> value = a.value();
        if (value.isEmpty() || !(value.get(0).text().equals("[") || value.get(0).text().equals("("))) {
            throw new InputException(display, a.line(), "'" + attribute + "' is not a list literal: SchemaGuard reads "
                    + "migrations without running them, so write it as a list of (app_label, migration_name) tuples");
        }
        List<Key> keys = new ArrayList<>();
        for (List<Token> item : items(value)) {
            List<List<Token>> pair = item.get(0).text().equals("(") || item.get(0).text().equals("[")
                    ? items(item) : List.of();
            if (pair.size() == 2 && pair.stream().allMatch(DjangoModule::isString)) {
                keys.add(new Key(concatenated(pair.get(0)), concatenated(pair.get(1))));
                continue;
            }
            String joined = joined(item);
            if (joined.contains("swappable_dependency(settings.")) {
                String setting = joined.substring(joined.indexOf("settings.") + "settings.".length(),
                        joined.lastIndexOf(')'));
                String model = swappable.get(setting);
                if (model != null && model.contains(".")) {
                    keys.add(new Key(model.substring(0, model.indexOf('.')), "__first__"));
                }
                continue;
            }
            throw new InputException(display, item.get(0).line(), "'" + attribute + "' holds " + joined
                    + ", not an (app_label, migration_name) tuple of strings: SchemaGuard reads migrations without "
                    + "running them");
        }
        return keys;
    }

    /** Whether the tokens are string literals only: one string, as adjacent literals concatenate. */
    private static boolean isString(List<Token> tokens) {
        return !tokens.isEmpty() && tokens.stream().allMatch(t -> t.kind() == Kind.STRING);
    }

    private static String concatenated(List<Token> strings) {
        StringBuilder s = new StringBuilder();
        strings.forEach(t -> s.append(t.text()));
        return s.toString();
    }

    private static String joined(List<Token> tokens) {
        StringBuilder s = new StringBuilder();
        for (Token t : tokens) {
            s.append(t.kind() == Kind.STRING ? "'" + t.text() + "'" : t.text());
        }
        return s.toString();
    }

    /** The settings a project's settings modules assign a {@code "app.Model"} string, as swappable models are named. */
    static Map<String, String> swappableSettings(List<String> settingsTexts) {
        Map<String, String> found = new HashMap<>();
        java.util.regex.Pattern assignment = java.util.regex.Pattern.compile(
                "(?m)^([A-Z][A-Z0-9_]*_MODEL)\\s*=\\s*['\"]([\\w]+\\.[\\w]+)['\"]");
        for (String text : settingsTexts) {
            java.util.regex.Matcher m = assignment.matcher(text);
            while (m.find()) {
                found.putIfAbsent(m.group(1), m.group(2));
            }
        }
        found.putIfAbsent("AUTH_USER_MODEL", "auth.User");
        return found;
    }
}
