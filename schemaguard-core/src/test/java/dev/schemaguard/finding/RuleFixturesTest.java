package dev.schemaguard.finding;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.FindingSnapshots;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.Rehearsals;
import dev.schemaguard.testing.RuleChecks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the fixture project of every graph, rehearsal and consumer rule, as {@code LintFixturesTest} runs the static
 * rules' fixtures: {@code src/test/resources/<graph|rehearsal|consumers>/<rule-id>/}, through the command of its
 * kind ({@code graph}, {@code rehearse}, {@code check}; the rehearsal's through the API, on the tests' shared
 * server, as {@code rehearse} runs it, without starting a server per fixture). The rule must fire there, at its default severity unless its
 * spec says otherwise, and say exactly what the snapshot {@code <rule-id>.findings} next to the project holds. The
 * snapshot's first line is the command that made it ({@code $ schemaguard graph --stamp 3f2a9c1d7e55}), so a rule
 * that needs options gets them there. A rule of the comparison with a git revision has two projects in its fixture:
 * {@code at-ref/}, committed to a new repository, then {@code now/}, written over it, judged by
 * {@code lint --since HEAD}.
 */
class RuleFixturesTest {

    private static final Path RESOURCES = Path.of("schemaguard-core/src/test/resources");
    private static final Map<RuleKind, String> FOLDERS = Map.of(RuleKind.GRAPH, "graph", RuleKind.REHEARSAL,
            "rehearsal", RuleKind.CONSUMER, "consumers", RuleKind.CHANGE, "change");
    private static final Map<RuleKind, String> COMMANDS = Map.of(RuleKind.GRAPH, "graph", RuleKind.REHEARSAL,
            "rehearse", RuleKind.CONSUMER, "check", RuleKind.CHANGE, "lint --since HEAD");

    @TempDir
    Path repositories;

    /** The fixture's {@code at-ref/} committed to a new repository, with {@code now/} written over it. */
    private Path repository(Path fixture) throws IOException {
        Path dir = Files.createTempDirectory(repositories, fixture.getFileName().toString());
        GitRepository repository = GitRepository.init(dir);
        new ProjectBuilder(dir).copyOf(fixture.resolve("at-ref"));
        repository.commitAll("the history at the revision");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.startsWith(dir.resolve(".git"))) {
                    Files.delete(p);
                }
            }
        }
        new ProjectBuilder(dir).copyOf(fixture.resolve("now"));
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> everyRuleOfTheAnalysesFiresInItsFixtureAsItsSnapshotSays() {
        return RuleCatalogue.entries().stream().filter(rule -> rule.kind() != RuleKind.STATIC)
                .map(rule -> DynamicTest.dynamicTest(rule.id(), () -> run(rule)));
    }

    @Test
    void everySnapshotBelongsToARuleOfItsKind() throws IOException {
        for (Map.Entry<RuleKind, String> folder : FOLDERS.entrySet()) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(folder.getValue()))) {
                for (Path snapshot : files.filter(f -> f.toString().endsWith(".findings")).toList()) {
                    String id = snapshot.getFileName().toString().replaceFirst("\\.findings$", "");
                    assertThat(RuleCatalogue.contains(id) && RuleCatalogue.get(id).kind() == folder.getKey())
                            .as("%s is the snapshot of a %s rule", snapshot, folder.getKey()).isTrue();
                }
            }
        }
    }

    private void run(RuleCatalogue.Entry rule) throws IOException {
        Path fixture = RESOURCES.resolve(FOLDERS.get(rule.kind())).resolve(rule.id());
        assertThat(fixture).as("the fixture project of %s", rule.id()).isDirectory();
        Path snapshot = fixture.resolveSibling(rule.id() + ".findings");
        Path project = rule.kind() == RuleKind.CHANGE ? repository(fixture) : fixture;
        String header = "$ schemaguard " + COMMANDS.get(rule.kind()) + "\n";
        if (Files.exists(snapshot)) {
            String first = Files.readString(snapshot, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            header = first.startsWith("$ schemaguard ") ? first + "\n" : header;
        }
        List<Finding> findings;
        if (rule.kind() == RuleKind.REHEARSAL) {
            findings = Rehearsals.findings(project);
        } else {
            List<String> words = Arrays.asList(header.strip().split("\\s+"));
            List<String> args = new ArrayList<>();
            args.add(words.get(2));
            args.add(project.toString());
            args.addAll(words.subList(3, words.size()));
            args.addAll(List.of("--format", "json", "--fail-on", "never"));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("exit code of %s; stderr: %s", args, r.err()).isZero();
            findings = FindingSnapshots.fromJson(r.json());
        }
        String all = FindingSnapshots.render(findings);
        findings = findings.stream().filter(f -> f.rule().equals(rule.id())).toList();
        assertThat(findings).as("%s fires in its fixture; all findings:\n%s", rule.id(), all).isNotEmpty();
        RuleChecks.assertDefaultSeverity(rule, findings);
        FindingSnapshots.assertMatches(snapshot, header, FindingSnapshots.render(findings));
    }
}
