package dev.schemaguard.finding;

import dev.schemaguard.change.ChangeRule;
import dev.schemaguard.consumers.ConsumerRule;
import dev.schemaguard.graph.GraphRule;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.testing.Cli;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is said about a rule is said once, in its {@link RuleSpec}: the README's rule table, {@code explain} and the
 * documents' headers are made from it or checked against it here.
 */
class RuleCatalogueTest {

    private static final String TABLE_HEADER = "| group | rules |";

    /** The README's rule table as the catalogue makes it: one row per group, its rules in id order. */
    private static String table() {
        StringBuilder table = new StringBuilder(TABLE_HEADER).append("\n|---|---|\n");
        for (RuleGroup group : RuleGroup.values()) {
            table.append("| ").append(group.title()).append(" | ")
                    .append(RuleCatalogue.entries().stream().filter(rule -> rule.group() == group)
                            .map(rule -> "`" + rule.id() + "`").collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    /**
     * Each class of a rule package that does its kind's role is a rule, and says which: without its {@link RuleSpec}
     * the build's index leaves it out and it would never run, silently. And the index holds every rule, as declared.
     */
    @Test
    void everyClassThatJudgesIsARuleOfTheCatalogueAsItsSpecSays() throws Exception {
        Map<RuleKind, Class<?>> roles = Map.of(RuleKind.STATIC, Rule.class, RuleKind.GRAPH, GraphRule.class,
                RuleKind.REHEARSAL, RehearsalRule.class, RuleKind.CONSUMER, ConsumerRule.class,
                RuleKind.CHANGE, ChangeRule.class);
        Path classes = Path.of(RuleCatalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> declared = new ArrayList<>();
        for (RuleKind kind : RuleKind.values()) {
            for (String name : RuleIndex.classNames(classes, kind.packageName())) {
                Class<?> type = Class.forName(name);
                RuleSpec spec = type.getAnnotation(RuleSpec.class);
                boolean judges = roles.get(kind).isAssignableFrom(type) && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers());
                assertThat(spec != null).as(name + (judges ? " judges without a @RuleSpec" : " has a @RuleSpec but "
                        + "does not judge")).isEqualTo(judges);
                if (spec != null) {
                    declared.add(spec.id());
                    RuleCatalogue.Entry entry = RuleCatalogue.of(type);
                    assertThat(List.of(entry.id(), entry.group(), entry.kind(), entry.severity(), entry.summary(),
                            entry.otherwise())).isEqualTo(List.of(spec.id(), spec.group(), kind, spec.severity(),
                            spec.summary(), spec.otherwise()));
                }
            }
        }
        assertThat(RuleCatalogue.ids()).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theReadmesRuleTableIsTheCatalogues() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(TABLE_HEADER);
        assertThat(start).as("README.md has a rule table starting with %s", TABLE_HEADER).isNotNegative();
        int end = readme.indexOf("\n\n", start);
        assertThat(readme.substring(start, end + 1)).as("the README's rule table; it should read:\n%s", table())
                .isEqualTo(table());
    }

    @Test
    void aDocumentIsItsRulesSpecThenItsSectionsAndNeverRepeatsTheSpec() {
        for (RuleCatalogue.Entry rule : RuleCatalogue.entries()) {
            String body = RuleDocs.body(rule.id());
            List<String> sections = body.lines().filter(line -> line.startsWith("## ")).toList();
            assertThat(sections).as("the sections of %s", rule.id())
                    .containsExactly("## What", "## Why", "## How to fix", "## Example");
            assertThat(body).as("%s's document leaves its title, summary and severity to the spec", rule.id())
                    .startsWith("## What").doesNotContain("Default severity:").doesNotContain("\n> ");
            assertThat(rule.summary()).as("the summary of %s is one sentence", rule.id()).endsWith(".")
                    .doesNotContain("\n");
            assertThat(rule.otherwise()).as("when %s reports at another severity", rule.id())
                    .doesNotEndWith(".");
        }
    }

    @Test
    void explainPrintsTheSpecThenTheDocument() {
        Cli.Result r = Cli.run("explain", "fork");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("# fork\n\n> Two or more migrations revise the same parent, so the history "
                        + "branches at that revision.\n\nDefault severity: error; info when a later merge revision "
                        + "joins the branches, or when the runner applies every branch (folder-per-migration layouts "
                        + "with metadata.yaml). Found by: graph analysis.\n\n## What\n")
                .isEqualTo(RuleDocs.markdown("fork"));
        Cli.Result all = Cli.run("explain");
        assertThat(all.out().lines()).hasSize(RuleCatalogue.ids().size())
                .anyMatch(line -> line.startsWith("data-dependent-failure ") && line.endsWith(
                        RuleCatalogue.get("data-dependent-failure").summary()));
    }

    @Test
    void configurationKnowsEveryRuleOfTheCatalogue(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations/0001_create_tags.sql"), "CREATE TABLE IF NOT EXISTS tags (id int);\n");
        Files.writeString(dir.resolve("schemaguard.yml"), "rules:\n  data-dependent-failure: error\n  fork: warning\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
