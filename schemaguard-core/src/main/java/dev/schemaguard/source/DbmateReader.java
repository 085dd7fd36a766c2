package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate: one file per version, {@code <version>_name.sql}, holding a {@code -- migrate:up} section and
 * an optional {@code -- migrate:down} section.
 */
public final class DbmateReader implements MigrationReader {

    static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.sql");
    static final Pattern MARKER = Pattern.compile("^--\\s*migrate:(up|down)\\b.*$");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.DBMATE;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        List<VersionedFile> files = new ArrayList<>();
        for (Path file : Directory.files(migrationsDir)) {
            String name = file.getFileName().toString();
            if (Directory.ignorable(name) || !name.endsWith(".sql")) {
                continue;
            }
            Path display = LinearHistory.relativize(projectDir, file);
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                throw new InputException(display, "not a dbmate migration name: expected <version>_<name>.sql");
            }
            String text = TextFiles.read(file, display);
            Sections sections = split(text, file, display);
            files.add(new VersionedFile(m.group(1), LinearHistory.parseVersion(m.group(1)), file,
                    sections.up, sections.down));
        }
        return LinearHistory.chain(projectDir, format(), files, false);
    }

    private record Sections(MigrationScript up, MigrationScript down) {
    }

    /** True when the text has dbmate's up marker; how format detection tells dbmate from plain SQL. */
    static boolean hasUpMarker(String text) {
        for (String line : text.split("\n", -1)) {
            Matcher m = MARKER.matcher(line.strip());
            if (m.matches() && m.group(1).equals("up")) {
                return true;
            }
        }
        return false;
    }

    private static Sections split(String text, Path file, Path display) {
        String[] lines = text.split("\n", -1);
        int upMarker = -1;
        int downMarker = -1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i].strip());
            if (!m.matches()) {
                continue;
            }
            boolean up = m.group(1).equals("up");
            if (up && upMarker >= 0 || !up && downMarker >= 0) {
                throw new InputException(display, i + 1, "second '-- migrate:" + m.group(1) + "' marker; dbmate "
                        + "allows one up and one down section");
            }
            if (up) {
                upMarker = i;
            } else {
                downMarker = i;
            }
        }
        if (upMarker < 0) {
            throw new InputException(display, 1, "no '-- migrate:up' marker: dbmate would not know what to run");
        }
        if (downMarker >= 0 && downMarker < upMarker) {
            throw new InputException(display, downMarker + 1, "'-- migrate:down' comes before '-- migrate:up'");
        }
        int upEnd = downMarker >= 0 ? downMarker : lines.length;
        MigrationScript up = new MigrationScript(file, join(lines, upMarker + 1, upEnd), upMarker + 2,
                markerOptions(lines[upMarker]));
        MigrationScript down = null;
        if (downMarker >= 0) {
            String downText = join(lines, downMarker + 1, lines.length);
            if (!downText.isBlank()) {
                down = new MigrationScript(file, downText, downMarker + 2, markerOptions(lines[downMarker]));
            }
        }
        return new Sections(up, down);
    }

    /** What follows {@code -- migrate:up} or {@code -- migrate:down} on its line ("transaction:false"). */
    private static String markerOptions(String markerLine) {
        String line = markerLine.strip();
        return line.substring(line.indexOf(':') + 1).replaceFirst("^(up|down)\\b", "").strip();
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, Math.max(from, to)));
    }
}
