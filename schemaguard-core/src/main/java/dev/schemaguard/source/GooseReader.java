package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose: {@code <version>_<name>.sql} holding a {@code -- +goose Up} section and an optional {@code -- +goose Down}
 * section; {@code -- +goose NO TRANSACTION} runs the file outside a transaction; {@code StatementBegin} and
 * {@code StatementEnd} mark one statement over several lines. Versions are numbers from 1 ({@code 00001} and
 * {@code 20240101120000} alike). Go migrations ({@code <version>_<name>.go}) are part of the history, but their
 * effect is Go code: they are kept in the chain with nothing to read, and said to be.
 */
public final class GooseReader implements MigrationReader {

    static final Pattern ANNOTATION = Pattern.compile("^--\\s*\\+goose\\s+(.*?)\\s*$");
    private static final Pattern VERSION = Pattern.compile("(\\d+)_.*");
    /** What {@link MigrationScript#options()} holds for a migration goose runs without a transaction. */
    public static final String NO_TRANSACTION = "NO TRANSACTION";
    /** What {@link MigrationScript#options()} holds for a migration written in Go, whose statements are not known. */
    public static final String GO_CODE = "Go code";

    @Override
    public MigrationFormat format() {
        return MigrationFormat.GOOSE;
    }

    /** True when the text has goose's Up annotation: how format detection tells goose from plain SQL. */
    static boolean hasUpAnnotation(String text) {
        if (!text.contains("+goose")) {
            return false;
        }
        for (String line : text.split("\n", -1)) {
            Matcher m = ANNOTATION.matcher(line.strip());
            if (m.matches() && m.group(1).equalsIgnoreCase("up")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Path> candidates = new ArrayList<>();
        List<String> goMigrations = new ArrayList<>();
        for (Path file : Directory.files(migrationsDir)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".sql")) {
                candidates.add(file);
            } else if (name.endsWith(".go") && !name.endsWith("_test.go") && VERSION.matcher(name).matches()) {
                candidates.add(file);
                goMigrations.add(name);
            }
        }
        if (!goMigrations.isEmpty()) {
            notes.add(goMigrations.size() + " Go " + (goMigrations.size() == 1 ? "migration" : "migrations") + " ("
                    + Notes.some(goMigrations, 3) + ") in the history: what Go code does is neither linted nor "
                    + "rehearsed, so later migrations are checked without its effect");
        }
        List<VersionedFile> files = Parallel.mapInOrder(candidates, (file, i) -> {
            String name = file.getFileName().toString();
            Path shown = display.of(file);
            Matcher m = VERSION.matcher(name);
            if (!m.matches() || new BigInteger(m.group(1)).signum() == 0) {
                throw new InputException(shown, "not a goose migration name: goose expects <version>_<name>.sql with "
                        + "a version of 1 or more, and stops on this file");
            }
            List<BigInteger> key = List.of(new BigInteger(m.group(1)));
            if (name.endsWith(".go")) {
                return new VersionedFile(m.group(1), key, file, new MigrationScript(file, "", 1, GO_CODE), null);
            }
            Sections sections = split(file, shown, TextFiles.read(file, shown));
            return new VersionedFile(m.group(1), key, file, sections.up(), sections.down());
        });
        return LinearHistory.chain(projectDir, format(), new ArrayList<>(files));
    }

    private record Sections(MigrationScript up, MigrationScript down) {
    }

    /** The Up and Down sections, each starting below its annotation so that lines keep their numbers. */
    private static Sections split(Path file, Path shown, String text) {
        String[] lines = text.split("\n", -1);
        int up = -1;
        int down = -1;
        boolean noTransaction = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ANNOTATION.matcher(lines[i].strip());
            if (!m.matches()) {
                continue;
            }
            String annotation = m.group(1).toUpperCase(Locale.ROOT);
            if (annotation.equals("UP")) {
                if (up >= 0) {
                    throw new InputException(shown, i + 1, "a second '-- +goose Up': goose allows one Up and one Down");
                }
                up = i;
            } else if (annotation.equals("DOWN")) {
                if (down >= 0) {
                    throw new InputException(shown, i + 1, "a second '-- +goose Down': goose allows one Up and one Down");
                }
                down = i;
            } else if (annotation.equals(NO_TRANSACTION)) {
                noTransaction = true;
            }
        }
        if (up < 0) {
            throw new InputException(shown, 1, "no '-- +goose Up' annotation: goose stops on this file");
        }
        if (down >= 0 && down < up) {
            throw new InputException(shown, down + 1, "'-- +goose Down' comes before '-- +goose Up'");
        }
        String options = noTransaction ? NO_TRANSACTION : "";
        MigrationScript upScript = new MigrationScript(file, join(lines, up + 1, down >= 0 ? down : lines.length),
                up + 2, options);
        MigrationScript downScript = null;
        if (down >= 0) {
            String downText = join(lines, down + 1, lines.length);
            if (SqlText.hasStatements(downText)) {
                downScript = new MigrationScript(file, downText, down + 2, options);
            }
        }
        return new Sections(upScript, downScript);
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, Math.max(from, to)));
    }
}
