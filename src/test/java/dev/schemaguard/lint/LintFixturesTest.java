package dev.schemaguard.lint;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleKind;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.MigrationSource;
import dev.schemaguard.testing.FindingSnapshots;
import dev.schemaguard.testing.RuleChecks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every rule fixture: {@code src/test/resources/lint/<rule-id>.sql}. A fixture is a sequence of
 * migrations, each starting with {@code -- migration: NAME} (optionally followed by
 * {@code format=flyway|golang-migrate|dbmate} on the first fixture line and {@code rerunnable} to set
 * {@code require.rerunnable}); a line {@code -- expect: rule-id} marks the statement below it (or the
 * {@code schemaguard:ignore} comment below it) as one where that rule must fire. The fixture's own rule must fire
 * exactly where marked and nowhere else; other rules must fire where marked. What they say there, every word, is
 * the snapshot {@code <rule-id>.findings} next to the fixture.
 */
class LintFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/lint");
    private static final Pattern MIGRATION = Pattern.compile("^-- migration: (\\S+)\\s*$");
    private static final Pattern EXPECT = Pattern.compile("^\\s*-- expect: ([a-z0-9-]+)\\s*$");
    private static final Pattern OPTIONS = Pattern.compile("^-- fixture:(.*)$");
    private static final Pattern SUPPRESSION = Pattern.compile("^\\s*--\\s*schemaguard:ignore\\b.*");

    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
        }
    }

    @Test
    void everyRuleHasAFixtureAndASnapshotAndEveryFixtureARule() {
        Set<String> rules = new TreeSet<>();
        // A rehearsal rule that judges a fact of the files too (down-missing) runs in lint; its fixture is its kind's.
        RuleRegistry.all().stream().map(rule -> RuleCatalogue.of(rule.getClass()))
                .filter(entry -> entry.kind() == RuleKind.STATIC).forEach(entry -> rules.add(entry.id()));
        assertThat(rules).as("the static rules of the catalogue")
                .isEqualTo(new TreeSet<>(RuleCatalogue.entries().stream()
                        .filter(e -> e.kind() == RuleKind.STATIC).map(RuleCatalogue.Entry::id).toList()));
        assertThat(names(".sql")).as("the fixtures").isEqualTo(rules);
        assertThat(names(".findings")).as("the snapshots").isEqualTo(rules);
    }

    /** The names of the files of the fixture folder that end with {@code suffix}, without it. */
    private static Set<String> names(String suffix) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .forEach(n -> names.add(n.substring(0, n.length() - suffix.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private record Expected(String file, int line, String rule) implements Comparable<Expected> {
        @Override
        public int compareTo(Expected o) {
            return toString().compareTo(o.toString());
        }
    }

    private static void run(Path fixture) throws IOException {
        String rule = fixture.getFileName().toString().replaceFirst("\\.sql$", "");
        List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
        Path project = Files.createTempDirectory("schemaguard-fixture-");
        try {
            String format = "sql";
            boolean rerunnable = false;
            Matcher options = lines.isEmpty() ? null : OPTIONS.matcher(lines.get(0));
            if (options != null && options.matches()) {
                for (String option : options.group(1).trim().split("\\s+")) {
                    if (option.startsWith("format=")) {
                        format = option.substring("format=".length());
                    } else if (option.equals("rerunnable")) {
                        rerunnable = true;
                    }
                }
            }
            Set<Expected> expected = new TreeSet<>();
            String current = null;
            List<String> body = new ArrayList<>();
            List<String[]> migrations = new ArrayList<>();
            int pendingExpect = -1;
            List<String> pendingRules = new ArrayList<>();
            for (String line : lines) {
                Matcher m = MIGRATION.matcher(line);
                if (m.matches()) {
                    if (current != null) {
                        migrations.add(new String[] {current, String.join("\n", body) + "\n"});
                    }
                    current = fileName(m.group(1), format);
                    body = new ArrayList<>();
                    continue;
                }
                if (current == null) {
                    continue;
                }
                body.add(line);
                Matcher e = EXPECT.matcher(line);
                if (e.matches()) {
                    pendingRules.add(e.group(1));
                    pendingExpect = body.size();
                } else if (pendingExpect > 0 && !line.isBlank()
                        && (!line.strip().startsWith("--") || SUPPRESSION.matcher(line).matches())) {
                    for (String r : pendingRules) {
                        expected.add(new Expected("db/migrations/" + current, body.size() + upOffset(format), r));
                    }
                    pendingRules.clear();
                    pendingExpect = -1;
                }
            }
            if (current != null) {
                migrations.add(new String[] {current, String.join("\n", body) + "\n"});
            }
            Path dir = Files.createDirectories(project.resolve("db/migrations"));
            for (String[] migration : migrations) {
                String text = format.equals("dbmate") ? "-- migrate:up\n" + migration[1] : migration[1];
                Files.writeString(dir.resolve(migration[0]), text, StandardCharsets.UTF_8);
            }
            MigrationGraph graph = MigrationGraph.of(new MigrationSource().load(project,
                    new Config.Migrations("db/migrations", format)));
            List<Finding> findings = new Linter(RuleRegistry.all(), rerunnable).lint(graph).findings();
            Set<String> checkedRules = new TreeSet<>();
            checkedRules.add(rule);
            expected.forEach(x -> checkedRules.add(x.rule()));
            Set<Expected> actual = new TreeSet<>();
            List<Finding> checked = findings.stream().filter(f -> checkedRules.contains(f.rule())).toList();
            for (Finding f : checked) {
                actual.add(new Expected(f.file(), f.line(), f.rule()));
            }
            assertThat(actual).as("findings of %s in %s (all findings: %s)", checkedRules, fixture, findings)
                    .containsExactlyElementsOf(expected);
            RuleChecks.assertDefaultSeverity(RuleCatalogue.get(rule), checked);
            FindingSnapshots.assertMatches(FIXTURES.resolve(rule + ".findings"), "", FindingSnapshots.render(checked));
        } finally {
            deleteTree(project);
        }
    }

    private static int upOffset(String format) {
        return format.equals("dbmate") ? 1 : 0;
    }

    private static String fileName(String name, String format) {
        return switch (format) {
            case "flyway" -> "V" + name.replaceFirst("_", "__") + ".sql";
            case "golang-migrate" -> name + ".up.sql";
            default -> name + ".sql";
        };
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
