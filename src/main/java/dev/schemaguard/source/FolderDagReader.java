package dev.schemaguard.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder per migration, {@code <id>[_<name>]/} holding {@code up.sql}, {@code down.sql} and a {@code metadata.yaml}
 * naming its {@code parents} (or one {@code parent}): a graph with merges, as large Go monorepos keep their
 * migrations. The id is the folder's leading number; folders without one are not migrations. A migration whose
 * metadata says {@code createIndexConcurrently: true} runs outside a transaction; every other one runs in one, the
 * script's own outermost {@code BEGIN;} and {@code COMMIT;} removed, as that runner does.
 */
public final class FolderDagReader implements MigrationReader {

    private static final Pattern FOLDER = Pattern.compile("(\\d+)(_.*)?");
    /** What {@link MigrationScript#options()} holds for a migration run outside a transaction. */
    public static final String CONCURRENT_INDEX = "createIndexConcurrently";

    @Override
    public MigrationFormat format() {
        return MigrationFormat.FOLDER_DAG;
    }

    /** Whether a folder is shaped like a migration of this layout. */
    static boolean isMigrationFolder(Path folder) {
        return FOLDER.matcher(folder.getFileName().toString()).matches()
                && Files.isRegularFile(folder.resolve("up.sql")) && Files.isRegularFile(folder.resolve("metadata.yaml"));
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        notes.looseSqlFiles(migrationsDir, "the runner");
        List<Path> folders = new ArrayList<>();
        for (Path folder : Directory.folders(migrationsDir)) {
            if (FOLDER.matcher(folder.getFileName().toString()).matches()) {
                folders.add(folder);
            } else if (Files.isRegularFile(folder.resolve("up.sql"))) {
                notes.add("not read: " + display.of(folder).toString().replace('\\', '/') + " (its name does not "
                        + "start with the migration's number, so the runner does not read it either)");
            }
        }
        folders.sort(Comparator.comparing(DirNumber::of));
        List<Migration> read = Parallel.mapInOrder(folders, (folder, i) -> readFolder(folder, display, i));
        return read;
    }

    private record DirNumber(BigInteger number, String name) implements Comparable<DirNumber> {
        static DirNumber of(Path folder) {
            String name = folder.getFileName().toString();
            Matcher m = FOLDER.matcher(name);
            return new DirNumber(m.matches() ? new BigInteger(m.group(1)) : BigInteger.ZERO, name);
        }

        @Override
        public int compareTo(DirNumber other) {
            int c = number.compareTo(other.number);
            return c != 0 ? c : name.compareTo(other.name);
        }
    }

    private Migration readFolder(Path folder, LinearHistory.DisplayPaths display, int order) {
        Matcher name = FOLDER.matcher(folder.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalStateException("matched before: " + folder);
        }
        Path up = folder.resolve("up.sql");
        Path down = folder.resolve("down.sql");
        Path metadata = folder.resolve("metadata.yaml");
        for (Path required : List.of(up, down, metadata)) {
            if (!Files.isRegularFile(required)) {
                throw new InputException(display.of(required), "file not found: every migration folder holds up.sql, "
                        + "down.sql and metadata.yaml, and the runner stops on one that does not");
            }
        }
        Path shownMetadata = display.of(metadata);
        String yaml = TextFiles.read(metadata, shownMetadata);
        JsonNode tree;
        try {
            tree = yaml.isBlank() ? Yaml.MAPPER.createObjectNode() : Yaml.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InputException(shownMetadata, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InputException(shownMetadata, 1, "expected a mapping with name and parents");
        }
        TreeSet<BigInteger> parents = new TreeSet<>();
        JsonNode list = tree.path("parents");
        if (list.isArray()) {
            list.forEach(parent -> parents.add(number(parent, shownMetadata, yaml)));
        } else if (!list.isMissingNode() && !list.isNull()) {
            throw new InputException(shownMetadata, lineOf(yaml, "parents"), "parents must be a list of migration "
                    + "numbers");
        }
        JsonNode single = tree.path("parent");
        if (!single.isMissingNode() && !single.isNull()) {
            parents.add(number(single, shownMetadata, yaml));
        }
        String options = tree.path(CONCURRENT_INDEX).asBoolean(false) ? CONCURRENT_INDEX : "";
        Path shownUp = display.of(up);
        MigrationScript upScript = new MigrationScript(up, withoutOuterTransaction(TextFiles.read(up, shownUp)), 1,
                options);
        String downText = withoutOuterTransaction(TextFiles.read(down, display.of(down)));
        Optional<MigrationScript> downScript = SqlText.hasStatements(downText)
                ? Optional.of(new MigrationScript(down, downText, 1)) : Optional.empty();
        return new Migration(new BigInteger(name.group(1)).toString(),
                parents.stream().map(BigInteger::toString).toList(), List.of(), List.of(), shownUp, 1,
                Math.max(1, lineOf(yaml, "parent")), format(), upScript, downScript, order);
    }

    private static BigInteger number(JsonNode node, Path shown, String yaml) {
        if (node.canConvertToExactIntegral() || node.isTextual() && node.asText().matches("\\d+")) {
            return new BigInteger(node.asText());
        }
        throw new InputException(shown, lineOf(yaml, "parent"), "'" + node.asText() + "' is not a migration number");
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The script without its outermost BEGIN; and COMMIT; (left from older runners; this one wraps the script in its
     * own transaction), blanked rather than cut so that lines keep their numbers.
     */
    static String withoutOuterTransaction(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return text;
        }
        int start = text.indexOf(trimmed.charAt(0));
        int end = start + trimmed.length();
        StringBuilder out = new StringBuilder(text);
        if (trimmed.startsWith("BEGIN;")) {
            out.replace(start, start + 6, " ".repeat(6));
            trimmed = trimmed.substring(6).strip();
        }
        if (trimmed.endsWith("COMMIT;")) {
            out.replace(end - 7, end, " ".repeat(7));
        }
        return out.toString();
    }

    /** Jackson's YAML mapper, made when a folder DAG is read: every other format's run would wait for it at start. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }
}
