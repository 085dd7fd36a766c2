package dev.schemaguard.change;

import dev.schemaguard.config.Config;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TemporaryFolder;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationScript;
import dev.schemaguard.source.MigrationSet;
import dev.schemaguard.source.MigrationSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares a project's migrations with what they were at the merge base of the working tree and a git revision.
 *
 * <p>The project as it was at the merge base is read by the same readers, from a copy of the files they read
 * (the migration folders, and the files beside the project and beside those folders: {@code alembic.ini},
 * {@code flyway.conf}, {@code sqitch.plan}, ...) written from git's objects into a temporary folder. Reading the
 * old history with the readers, rather than matching file names, is what tells an edited migration from a new
 * one in every format: an Alembic revision is known by the id in its file, a Flyway migration by the version in
 * its name, a diesel migration by its folder.
 */
public final class GitChanges {

    /** Files beside the project and its migration folders larger than this are not configuration: not copied. */
    private static final long CONFIG_FILE_LIMIT = 1 << 20;

    private GitChanges() {
    }

    /**
     * What changed in {@code graph}'s migrations since the merge base of HEAD and {@code ref}.
     *
     * @param settings the configuration the project was read with; the merge base's migrations are read with it
     */
    public static MigrationChanges since(MigrationGraph graph, Config.Migrations settings, String ref) {
        MigrationSet now = graph.source();
        Path project = now.projectDir().toAbsolutePath().normalize();
        Git git = Git.at(project, "--since " + ref);
        String base = mergeBase(git, ref);
        try (TemporaryFolder copy = TemporaryFolder.create("schemaguard-since-")) {
            Path projectThen = copy.path().resolve(git.root().relativize(project).toString());
            List<Migration> before = readAt(git, base, now, project, copy.path(), projectThen, settings);
            return compare(ref, base, graph, before);
        }
    }

    /** The merge base of HEAD and {@code ref}, or a message that says why there is none. */
    private static String mergeBase(Git git, String ref) {
        Git.Result commit = git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        if (commit.exit() != 0) {
            throw new InputException("--since " + ref + ": no such revision in the git repository at " + git.root()
                    + shallowHint(git) + " (a branch, tag or commit; in CI, fetch it first: actions/checkout with "
                    + "fetch-depth: 0, or git fetch origin main)");
        }
        Git.Result head = git.attempt("rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (head.exit() != 0) {
            throw new InputException("--since " + ref + ": the repository at " + git.root() + " has no commit yet");
        }
        Git.Result base = git.attempt("merge-base", commit.out().strip(), head.out().strip());
        if (base.exit() != 0 || base.out().isBlank()) {
            throw new InputException("--since " + ref + ": HEAD and " + ref + " share no history" + shallowHint(git)
                    + ", so what changed since it cannot be told");
        }
        return base.out().strip();
    }

    private static String shallowHint(Git git) {
        Git.Result shallow = git.attempt("rev-parse", "--is-shallow-repository");
        return shallow.exit() == 0 && shallow.out().strip().equals("true")
                ? " (this clone is shallow: fetch the whole history, e.g. actions/checkout with fetch-depth: 0)" : "";
    }

    /**
     * The project's migrations at the merge base, read from a copy of the files that reading them needs; none when
     * the project or its migrations did not exist then.
     */
    private static List<Migration> readAt(Git git, String base, MigrationSet now, Path project, Path copy,
                                          Path projectThen, Config.Migrations settings) {
        Set<String> folders = new LinkedHashSet<>();
        Set<String> besides = new LinkedHashSet<>();
        besides.add(repositoryPath(git, project));
        besides.add(repositoryPath(git, project.resolve("src/main/resources")));
        for (MigrationSet.Source source : now.sources()) {
            Path dir = source.dir().toAbsolutePath().normalize();
            if (!dir.startsWith(git.root())) {
                continue; // a folder outside the repository has no history in it
            }
            folders.add(repositoryPath(git, dir));
            for (Path up = dir.getParent(); up != null && up.startsWith(project) && !up.equals(project);
                 up = up.getParent()) {
                besides.add(repositoryPath(git, up));
            }
        }
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        // Configuration beside the project and its folders: the files directly in them, not their subfolders.
        List<String> listing = new ArrayList<>(List.of("ls-tree", "-z", "-l", base, "--"));
        besides.forEach(dir -> listing.add(dir.isEmpty() ? "." : dir + "/"));
        for (String entry : split(git.run(listing.toArray(String[]::new)))) {
            Entry e = Entry.parse(entry);
            if (e != null && e.size() <= CONFIG_FILE_LIMIT && seen.add(e.path())) {
                ids.add(e.id());
                files.add(copy.resolve(e.path()));
            }
        }
        if (!folders.isEmpty()) {
            List<String> recursive = new ArrayList<>(List.of("ls-tree", "-r", "-z", "-l", base, "--"));
            recursive.addAll(folders);
            for (String entry : split(git.run(recursive.toArray(String[]::new)))) {
                Entry e = Entry.parse(entry);
                if (e != null && seen.add(e.path())) {
                    ids.add(e.id());
                    files.add(copy.resolve(e.path()));
                }
            }
        }
        git.writeBlobs(ids, files);
        if (!Files.isDirectory(projectThen)) {
            return List.of();
        }
        // Read as now: the same folders and format, and an empty history is no error (the project may be new).
        Config.Migrations then = new Config.Migrations(settings.path(), now.format().configName(),
                settings.transaction(), true, null);
        try {
            return new MigrationSource().load(projectThen, then).migrations();
        } catch (InputException unreadable) {
            // What cannot be read at the merge base is no history to compare with: every migration is judged.
            return List.of();
        }
    }

    /** A path of the repository as git names it: relative to its root, with forward slashes; "" for the root. */
    private static String repositoryPath(Git git, Path path) {
        return git.root().relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<String> split(String nulSeparated) {
        return Stream.of(nulSeparated.split("\0")).filter(s -> !s.isEmpty()).toList();
    }

    /** One line of {@code git ls-tree -l}: a blob (regular file) and its size; symbolic links and submodules are not read. */
    private record Entry(String id, long size, String path) {

        static Entry parse(String line) {
            int tab = line.indexOf('\t');
            String[] meta = line.substring(0, tab).trim().split("\\s+");
            if (meta.length < 4 || !meta[1].equals("blob") || meta[0].equals("120000")) {
                return null;
            }
            return new Entry(meta[2], Long.parseLong(meta[3]), line.substring(tab + 1));
        }
    }

    /** The migrations of {@code graph} against those of the merge base, {@code before}. */
    static MigrationChanges compare(String ref, String base, MigrationGraph graph, List<Migration> before) {
        Map<String, Migration> then = new LinkedHashMap<>();
        before.forEach(m -> then.putIfAbsent(m.id(), m));
        Map<String, Migration> gone = new LinkedHashMap<>(then);
        graph.migrations().forEach(m -> gone.remove(m.id()));
        // A migration whose id is new but whose up is the text of one that is gone was renamed.
        Map<String, Migration> goneByText = new HashMap<>();
        gone.values().forEach(m -> goneByText.putIfAbsent(text(m.up()), m));
        List<MigrationChanges.Change> changed = new ArrayList<>();
        for (Migration m : graph.migrations()) {
            Migration was = then.get(m.id());
            if (was == null) {
                Migration renamed = goneByText.remove(text(m.up()));
                if (renamed != null) {
                    gone.remove(renamed.id());
                    changed.add(new MigrationChanges.Change(m, MigrationChanges.Kind.RENAMED, renamed, false,
                            !text(m.down()).equals(text(renamed.down()))));
                } else {
                    changed.add(new MigrationChanges.Change(m, MigrationChanges.Kind.ADDED, null, true,
                            m.down().isPresent()));
                }
                continue;
            }
            boolean up = !text(m.up()).equals(text(was.up()));
            boolean down = !text(m.down()).equals(text(was.down()));
            if (up || down) {
                changed.add(new MigrationChanges.Change(m, MigrationChanges.Kind.MODIFIED, was, up, down));
            }
        }
        List<MigrationChanges.Removed> removed = new ArrayList<>();
        List<Migration> order = new ArrayList<>(then.values());
        order.sort(Comparator.comparingInt(Migration::order));
        for (Migration m : gone.values()) {
            removed.add(new MigrationChanges.Removed(m, next(graph, order, m)));
        }
        return new MigrationChanges(ref, base, changed, removed);
    }

    /** The migration now in the place of {@code removed}: the next of the old order that exists, else the one before. */
    private static Migration next(MigrationGraph graph, List<Migration> order, Migration removed) {
        int at = order.indexOf(removed);
        for (int i = at + 1; i < order.size(); i++) {
            if (graph.migration(order.get(i).id()) != null) {
                return graph.migration(order.get(i).id());
            }
        }
        for (int i = at - 1; i >= 0; i--) {
            if (graph.migration(order.get(i).id()) != null) {
                return graph.migration(order.get(i).id());
            }
        }
        return null;
    }

    /** A script's text with line endings made one kind: a checkout's line-ending conversion is no change. */
    private static String text(MigrationScript script) {
        return script.text().replace("\r\n", "\n");
    }

    private static String text(Optional<MigrationScript> script) {
        return script.map(GitChanges::text).orElse("");
    }
}
