package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alembic revision files, read without running Python. The revision graph comes from the module's
 * top-level {@code revision}, {@code down_revision}, {@code branch_labels} and {@code depends_on}
 * assignments, exactly as Alembic reads them; the docstring's {@code Revises:} line is a comment
 * and is ignored.
 */
public final class AlembicReader implements MigrationReader {

    private static final List<String> HEADER = List.of("revision", "down_revision", "branch_labels", "depends_on");
    /** {@code def downgrade(...):}, looked for at the start of a line. */
    private static final Pattern DOWNGRADE_HERE = Pattern.compile("def downgrade\\s*\\([^)]*\\)[^:]*:");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.ALEMBIC;
    }

    /** Alembic loads every {@code .py} file of a versions directory except {@code __init__.py}. */
    static boolean isRevisionFileName(String name) {
        return name.endsWith(".py") && !name.equals("__init__.py") && !Directory.ignorable(name);
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        return read(projectDir, List.of(migrationsDir), false);
    }

    /**
     * Reads the revisions of every folder, as Alembic loads them from several {@code version_locations}: one graph,
     * whose revisions may name parents in any of the folders.
     *
     * @param recursive {@code recursive_version_locations}: the folders' subfolders too
     */
    List<Migration> read(Path projectDir, List<Path> directories, boolean recursive) {
        List<Path> files = new ArrayList<>();
        for (Path directory : directories) {
            (recursive ? Directory.filesRecursively(directory) : Directory.files(directory)).stream()
                    .filter(f -> isRevisionFileName(f.getFileName().toString())).forEach(files::add);
        }
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        return Parallel.mapInOrder(files, (file, order) -> readFile(file, display.of(file), order));
    }

    Migration readFile(Path file, Path display, int order) {
        String text = TextFiles.read(file, display);
        Map<String, PythonHeader.Assignment> header = PythonHeader.assignments(text, display, HEADER,
                List.of("revision", "down_revision"));
        PythonHeader.Assignment revision = header.get("revision");
        if (revision == null) {
            throw new InputException(display, 1, "not an Alembic revision: no top-level assignment "
                    + "'revision = \"...\"' (Alembic refuses to load such a file from a versions directory; "
                    + "move helper modules elsewhere)");
        }
        List<String> ids = strings(revision, display, false);
        if (ids.size() != 1 || ids.get(0).isBlank()) {
            throw new InputException(display, revision.line(), "'revision' must be one non-empty string");
        }
        PythonHeader.Assignment downRevision = header.get("down_revision");
        if (downRevision == null) {
            throw new InputException(display, 1, "revision '" + ids.get(0) + "' has no top-level "
                    + "'down_revision = ...' assignment; write down_revision = None for a root");
        }
        List<String> parents = strings(downRevision, display, true);
        List<String> labels = header.containsKey("branch_labels")
                ? strings(header.get("branch_labels"), display, true) : List.of();
        List<String> dependsOn = header.containsKey("depends_on")
                ? strings(header.get("depends_on"), display, true) : List.of();
        MigrationScript script = new MigrationScript(file, text, 1);
        Optional<MigrationScript> down = hasDowngradeBody(text) ? Optional.of(script) : Optional.empty();
        return new Migration(ids.get(0), parents, dependsOn, labels, display, revision.line(), downRevision.line(),
                format(), script, down, order);
    }

    private static List<String> strings(PythonHeader.Assignment assignment, Path display, boolean noneAllowed) {
        PythonHeader.Value value = assignment.value();
        if (value.notLiteral() != null) {
            throw new InputException(display, assignment.line(), "'" + assignment.name() + "' is " + value.notLiteral()
                    + ", not a literal: SchemaGuard reads revision files without running them, so write it as a "
                    + "string, a tuple or list of strings, or None");
        }
        if (value.isNone()) {
            if (!noneAllowed) {
                throw new InputException(display, assignment.line(), "'" + assignment.name() + "' cannot be None");
            }
            return List.of();
        }
        for (String s : value.strings()) {
            if (s.isBlank()) {
                throw new InputException(display, assignment.line(), "'" + assignment.name() + "' holds an empty id");
            }
        }
        return value.strings();
    }

    /**
     * The first {@code def downgrade(...):} at the start of a line (what {@code (?m)^def downgrade...} finds), or
     * {@code null}: tried only where the words occur, not at every character of the file.
     */
    static Matcher downgrade(String text) {
        Matcher m = DOWNGRADE_HERE.matcher(text);
        for (int at = text.indexOf("def downgrade"); at >= 0; at = text.indexOf("def downgrade", at + 1)) {
            char before = at == 0 ? '\n' : text.charAt(at - 1);
            boolean lineStart = before == '\n' || before == '\r' || before == '\u0085' || before == '\u2028'
                    || before == '\u2029';
            if (lineStart && m.region(at, text.length()).lookingAt()) {
                return m;
            }
        }
        return null;
    }

    /** Whether {@code downgrade()} does anything: a body of only {@code pass}, comments or a docstring does not. */
    static boolean hasDowngradeBody(String text) {
        Matcher m = downgrade(text);
        if (m == null) {
            return false;
        }
        boolean inDocstring = false;
        boolean first = true;
        int start = m.end();
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String raw = text.substring(start, end);
            start = end + 1;
            String line = raw.strip();
            boolean wasFirst = first;
            first = false;
            if (!wasFirst && !raw.isEmpty() && !Character.isWhitespace(raw.charAt(0)) && !line.startsWith("#")) {
                break;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("\"\"\"") || line.startsWith("'''")) {
                String quote = line.substring(0, 3);
                inDocstring = !(line.length() >= 6 && line.endsWith(quote));
                continue;
            }
            if (inDocstring) {
                if (line.contains("\"\"\"") || line.contains("'''")) {
                    inDocstring = false;
                }
                continue;
            }
            if (!line.equals("pass") && !line.equals("...")) {
                return true;
            }
        }
        return false;
    }
}
