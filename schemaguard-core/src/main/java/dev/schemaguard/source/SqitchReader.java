package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqitch: {@code sqitch.plan} lists the changes in the order sqitch deploys them, each with the changes it requires
 * ({@code [a b]}); {@code deploy/<change>.sql} is the up, {@code revert/<change>.sql} the down. A change reworked
 * after a tag keeps its earlier scripts as {@code <change>@<tag>.sql}, and is {@code <change>@<tag>} here. Each change
 * revises the one before it in the plan (sqitch deploys in plan order) and depends on the changes it requires.
 * {@code sqitch.conf} may move the plan and the script folders ({@code top_dir}, {@code plan_file},
 * {@code deploy_dir}, {@code revert_dir}).
 */
public final class SqitchReader implements MigrationReader {

    static final String PLAN = "sqitch.plan";
    static final String CONF = "sqitch.conf";
    private static final Pattern CHANGE = Pattern.compile("^([+-]?)([^\\s\\[#@]+)\\s*(\\[([^]]*)])?.*$");
    private static final Pattern TAG = Pattern.compile("^@(\\S+).*$");
    private static final Pattern PRAGMA = Pattern.compile("^%\\s*(\\w[\\w-]*)\\s*=\\s*(.*?)\\s*$");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.SQITCH;
    }

    /** Whether a folder is a sqitch project: its sqitch.plan, or a sqitch.conf that names one. */
    static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve(PLAN)) || Files.isRegularFile(dir.resolve(CONF));
    }

    /** Where sqitch.conf (or the defaults) put the plan and the scripts. */
    private record Layout(Path plan, Path deploy, Path revert, String extension) {

        static Layout of(Path dir, LinearHistory.DisplayPaths display) {
            Map<String, String> core = new HashMap<>();
            Path conf = dir.resolve(CONF);
            if (Files.isRegularFile(conf)) {
                Map<String, Map<String, String>> sections = ini(TextFiles.read(conf, display.of(conf)));
                core.putAll(sections.getOrDefault("core", Map.of()));
                String engine = core.get("engine");
                if (engine != null && !engine.equals("pg")) {
                    throw new InputException(display.of(conf), "this sqitch project deploys to " + engine
                            + ", not PostgreSQL (engine = pg): SchemaGuard checks PostgreSQL migrations");
                }
                sections.getOrDefault("engine \"pg\"", Map.of()).forEach(core::put);
            }
            Path top = dir.resolve(core.getOrDefault("top_dir", ".")).normalize();
            return new Layout(resolve(dir, core.get("plan_file"), top.resolve(PLAN)),
                    resolve(dir, core.get("deploy_dir"), top.resolve("deploy")),
                    resolve(dir, core.get("revert_dir"), top.resolve("revert")),
                    core.getOrDefault("extension", "sql"));
        }

        private static Path resolve(Path dir, String configured, Path otherwise) {
            return configured == null ? otherwise : dir.resolve(configured).normalize();
        }
    }

    /** One change line of the plan. */
    private record Change(String name, List<String> requires, int line) {
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        Layout layout = Layout.of(migrationsDir, display);
        Path planShown = display.of(layout.plan());
        if (!Files.isRegularFile(layout.plan())) {
            throw new InputException(planShown, "sqitch plan not found: sqitch.conf names it, or it is sqitch.plan "
                    + "beside sqitch.conf");
        }
        String[] lines = TextFiles.read(layout.plan(), planShown).split("\n", -1);
        String project = null;
        List<Change> changes = new ArrayList<>();
        Map<String, Integer> tagPositions = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher pragma = PRAGMA.matcher(line);
            if (pragma.matches()) {
                if (pragma.group(1).equals("project")) {
                    project = pragma.group(2);
                }
                continue;
            }
            Matcher tag = TAG.matcher(line);
            if (tag.matches()) {
                tagPositions.put(tag.group(1), changes.size());
                continue;
            }
            Matcher change = CHANGE.matcher(line);
            if (!change.matches()) {
                throw new InputException(planShown, i + 1, "not a sqitch plan line: expected a change "
                        + "('name [requires] timestamp planner <email> # note'), a tag ('@name ...') or a pragma");
            }
            if (change.group(1).equals("-")) {
                notes.add(planShown + ":" + (i + 1) + ": '-" + change.group(2) + "' is a revert in the plan; not read");
                continue;
            }
            List<String> requires = new ArrayList<>();
            if (change.group(4) != null) {
                for (String dependency : change.group(4).strip().split("\\s+")) {
                    if (dependency.isEmpty() || dependency.startsWith("!")) {
                        continue; // a conflict, not an order
                    }
                    int colon = dependency.indexOf(':');
                    if (colon >= 0) {
                        String other = dependency.substring(0, colon);
                        if (!other.equals(project)) {
                            foreign.add(dependency);
                            continue;
                        }
                        dependency = dependency.substring(colon + 1);
                    }
                    requires.add(dependency);
                }
            }
            changes.add(new Change(change.group(2), requires, i + 1));
        }
        if (!foreign.isEmpty()) {
            notes.add("requirements on other sqitch projects, not checked here: " + Notes.some(foreign, 5));
        }
        return migrations(changes, tagPositions, layout, display);
    }

    /** @param tagPositions how many changes come before each tag */
    private List<Migration> migrations(List<Change> changes, Map<String, Integer> tagPositions, Layout layout,
                                       LinearHistory.DisplayPaths display) {
        // A change reworked later keeps its earlier scripts under the last tag before the rework
        // (sqitch rework copies deploy/x.sql to deploy/x@<that tag>.sql).
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            int next = i + 1;
            while (next < changes.size() && !changes.get(next).name().equals(change.name())) {
                next++;
            }
            if (next == changes.size()) {
                ids.add(change.name());
                continue;
            }
            String tag = null;
            for (Map.Entry<String, Integer> t : tagPositions.entrySet()) {
                if (t.getValue() > i && t.getValue() <= next) {
                    tag = t.getKey();
                }
            }
            if (tag == null) {
                throw new InputException(display.of(layout.plan()), changes.get(next).line(), "change '"
                        + change.name() + "' appears again without a tag since its last appearance: sqitch reworks a "
                        + "change only after a tag");
            }
            ids.add(change.name() + "@" + tag);
        }
        List<Migration> migrations = new ArrayList<>();
        Map<String, String> latestSoFar = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            List<String> dependsOn = new ArrayList<>();
            for (String required : change.requires()) {
                int at = required.indexOf('@');
                if (at < 0) {
                    dependsOn.add(latestSoFar.getOrDefault(required, required));
                    continue;
                }
                // name@tag: the instance of the change that was current when the tag was made
                String name = required.substring(0, at);
                Integer position = tagPositions.get(required.substring(at + 1));
                String resolved = required;
                for (int j = 0; position != null && j < position; j++) {
                    if (changes.get(j).name().equals(name)) {
                        resolved = ids.get(j);
                    }
                }
                dependsOn.add(resolved);
            }
            String script = ids.get(i) + "." + layout.extension();
            Path deploy = layout.deploy().resolve(script);
            Path shown = display.of(deploy);
            if (!Files.isRegularFile(deploy)) {
                throw new InputException(shown, "deploy script not found for change '" + change.name() + "' (plan line "
                        + change.line() + "): sqitch stops on it too");
            }
            Path revert = layout.revert().resolve(script);
            Optional<MigrationScript> down = Optional.empty();
            if (Files.isRegularFile(revert)) {
                String text = TextFiles.read(revert, display.of(revert));
                if (SqlText.hasStatements(text)) {
                    down = Optional.of(new MigrationScript(revert, text, 1));
                }
            }
            List<String> parents = i == 0 ? List.of() : List.of(ids.get(i - 1));
            migrations.add(new Migration(ids.get(i), parents, dependsOn, List.of(), shown, 1, 1, format(),
                    new MigrationScript(deploy, TextFiles.read(deploy, shown), 1), down, i));
            latestSoFar.put(change.name(), ids.get(i));
        }
        return migrations;
    }

    /** A git-style configuration file: {@code [section]} or {@code [section "sub"]}, then {@code key = value}. */
    private static Map<String, Map<String, String>> ini(String text) {
        Map<String, Map<String, String>> sections = new HashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), s -> new HashMap<>());
            } else if (current != null && line.contains("=")) {
                int at = line.indexOf('=');
                current.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT), line.substring(at + 1).strip());
            }
        }
        return sections;
    }
}
