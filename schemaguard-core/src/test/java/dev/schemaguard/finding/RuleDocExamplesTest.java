package dev.schemaguard.finding;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.FindingSnapshots;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.Rehearsals;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example of every rule's documentation ({@code explain RULE}), so that what the documentation shows is what
 * SchemaGuard does. An example is a small history written as the documentation shows it:
 * <ul>
 *   <li>in a {@code sql} block, each file starts with a comment naming it: {@code -- given: 0001_orders.sql} for
 *       what every variant starts from, {@code -- flagged: 0002_x.sql ...} or {@code -- safe: 0002_x.sql ...} to
 *       start a variant, and {@code -- 0003_y.sql} (no role) for one more file of the section above;</li>
 *   <li>in a {@code text} block, {@code -- flagged: ...} and {@code -- safe: ...} start variants, whose files are
 *       lines: {@code 040_add_invoices.py  revision = "040"  down_revision = "039"} for an Alembic revision
 *       (followed by {@code upgrade: SQL} when its upgrade runs SQL), a bare
 *       path for an (empty) SQL migration, and {@code alembic_version.version_num = '...'} for the stamp of the
 *       database the upgrade starts from;</li>
 *   <li>a {@code yaml} block is the project's {@code schemaguard.yml}; a block whose first line is
 *       {@code // consumer-name: path} is a file of a consumer of that name.</li>
 * </ul>
 * Each variant runs on its own, with the files its block gives, through the command of the rule's kind; for a rule of
 * the comparison with a git revision ({@code --since}), the given files are committed first, then the variant's
 * written over them, and {@code lint --since HEAD} judges the difference. A flagged variant must
 * produce the rule's finding (at the severity in parentheses, {@code -- flagged (info): ...}, when there is one; with
 * the SQLSTATE in parentheses in its comment, when there is one); a safe one must not, or only at the severity in
 * parentheses ({@code -- safe (info): ...}), and no other rule may find a hazard (a warning or an error) in it.
 */
class RuleDocExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w+)\\n(.*?)```");
    private static final Pattern FILE_HEADER = Pattern.compile(
            "^-- (?:(given|flagged|safe)(?: \\((error|warning|info)\\))?: )?([\\w./-]+\\.(?:sql|py))(?=$|[\\s:,])(.*)$");
    private static final Pattern VARIANT_HEADER = Pattern.compile(
            "^-- (flagged|safe)(?: \\((error|warning|info)\\))?:(.*)$");
    private static final Pattern REVISION = Pattern.compile("^(\\S+\\.py)\\s+revision = \"([^\"]+)\""
            + "(?:\\s+down_revision = (\\(.*?\\)|\\S+))?(?:\\s+depends_on = (\\(.*?\\)|\\S+))?(?:\\s+upgrade: (.+?))?\\s*$");
    private static final Pattern SQL_FILE = Pattern.compile("^([\\w./-]+\\.sql)$");
    private static final Pattern STAMP = Pattern.compile("^alembic_version\\.version_num = '([^']+)'$");
    private static final Pattern CONSUMER_FILE = Pattern.compile("^// ([\\w-]+): (\\S+)$");
    private static final Pattern SQLSTATE = Pattern.compile("\\(([0-9]{2}[0-9A-Z]{3})\\)");
    /** The command of each kind; the rehearsal's examples run through the API on the tests' shared server. */
    private static final Map<RuleKind, String> COMMANDS = Map.of(RuleKind.STATIC, "lint", RuleKind.GRAPH, "graph",
            RuleKind.CONSUMER, "check", RuleKind.CHANGE, "lint");

    @TempDir
    Path projects;

    /**
     * One way of writing the history: its files, what it must show, and where it says so. {@code given} is what the
     * example starts from: for a rule of the comparison with a git revision, the files committed at that revision.
     */
    private record Variant(String role, String severity, String comment, Map<String, String> files, String stamp,
                           Map<String, String> given) {

        Variant(String role, String severity, String comment, Map<String, String> files, String stamp) {
            this(role, severity, comment, files, stamp, Map.of());
        }

        boolean flagged() {
            return role.equals("flagged");
        }
    }

    private record Example(List<Variant> variants, String config, Map<String, Map<String, String>> consumers) {
    }

    @TestFactory
    Stream<DynamicNode> everyDocumentedExampleShowsWhatTheRuleDoes() {
        // Each rule's example is read when its tests run, so that one unreadable example fails only its rule.
        return RuleCatalogue.entries().stream().map(rule -> DynamicContainer.dynamicContainer(rule.id(),
                Stream.of(rule).flatMap(r -> {
                    Example example = parse(r.id());
                    List<DynamicTest> tests = new ArrayList<>();
                    for (int i = 0; i < example.variants().size(); i++) {
                        Variant variant = example.variants().get(i);
                        tests.add(DynamicTest.dynamicTest((i + 1) + ". " + variant.role() + ":" + variant.comment(),
                                () -> run(r, example, variant)));
                    }
                    return tests.stream();
                })));
    }

    private static Example parse(String rule) {
        String body = RuleDocs.body(rule);
        int start = body.indexOf("## Example");
        assertThat(start).as("%s documents an example", rule).isNotNegative();
        List<Variant> variants = new ArrayList<>();
        Map<String, Map<String, String>> consumers = new LinkedHashMap<>();
        String config = null;
        Matcher block = BLOCK.matcher(body.substring(start));
        while (block.find()) {
            String language = block.group(1);
            String text = block.group(2);
            Matcher consumer = CONSUMER_FILE.matcher(text.lines().findFirst().orElse(""));
            if (language.equals("yaml")) {
                config = text;
            } else if (consumer.matches()) {
                consumers.computeIfAbsent(consumer.group(1), k -> new LinkedHashMap<>()).put(consumer.group(2), text);
            } else if (language.equals("sql") || language.equals("text")) {
                Map<String, String> given = new LinkedHashMap<>();
                List<Variant> shown = new ArrayList<>();
                if (language.equals("sql")) {
                    parseSql(text, given, shown);
                } else {
                    parseText(text, given, shown);
                }
                // What a block gives, every variant of that block starts from.
                for (Variant variant : shown) {
                    Map<String, String> files = new LinkedHashMap<>(given);
                    files.putAll(variant.files());
                    variants.add(new Variant(variant.role(), variant.severity(), variant.comment(), files,
                            variant.stamp(), Map.copyOf(given)));
                }
            }
        }
        assertThat(variants).as("%s's example shows a flagged and a safe way", rule)
                .anyMatch(Variant::flagged).anyMatch(v -> !v.flagged());
        return new Example(variants, config, consumers);
    }

    /** Files that start with a comment naming them, each in the given part or in a variant. */
    private static void parseSql(String text, Map<String, String> given, List<Variant> variants) {
        Map<String, String> files = given;
        String file = null;
        StringBuilder content = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher header = FILE_HEADER.matcher(line);
            if (!header.matches()) {
                content.append(line).append('\n');
                continue;
            }
            if (file != null) {
                files.put(file, content.toString().strip() + "\n");
            }
            String role = header.group(1);
            if ("given".equals(role)) {
                files = given;
            } else if (role != null) {
                Variant variant = new Variant(role, header.group(2), header.group(4), new LinkedHashMap<>(), null);
                variants.add(variant);
                files = variant.files();
            }
            file = header.group(3);
            content = new StringBuilder(line).append('\n');
        }
        assertThat(file).as("a sql example names its files (-- given: 0001_x.sql)").isNotNull();
        files.put(file, content.toString().strip() + "\n");
    }

    /** Variants whose files are lines: Alembic revisions, bare SQL paths, and the database's stamp. */
    private static void parseText(String text, Map<String, String> given, List<Variant> variants) {
        Variant variant = null;
        for (String line : text.lines().toList()) {
            Matcher header = VARIANT_HEADER.matcher(line);
            Matcher revision = REVISION.matcher(line);
            Matcher sql = SQL_FILE.matcher(line.strip());
            Matcher stamp = STAMP.matcher(line.strip());
            Map<String, String> files = variant == null ? given : variant.files();
            if (header.matches()) {
                variant = new Variant(header.group(1), header.group(2), header.group(3), new LinkedHashMap<>(), null);
                variants.add(variant);
            } else if (revision.matches()) {
                files.put("alembic/versions/" + revision.group(1), alembic(revision.group(2),
                        revision.group(3) == null ? "None" : revision.group(3),
                        revision.group(4) == null ? "None" : revision.group(4), revision.group(5)));
            } else if (sql.matches()) {
                files.put(sql.group(1), "SELECT 1;\n");
            } else if (stamp.matches() && variant != null) {
                variants.set(variants.size() - 1, variant = new Variant(variant.role(), variant.severity(),
                        variant.comment(), variant.files(), stamp.group(1)));
            }
        }
    }

    /** An Alembic revision whose upgrade runs {@code sql} ({@code null}: does nothing). */
    private static String alembic(String revision, String downRevision, String dependsOn, String sql) {
        String upgrade = sql == null ? "pass"
                : "op.execute(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\")";
        return "from alembic import op\n\nrevision = \"" + revision + "\"\ndown_revision = " + downRevision
                + "\nbranch_labels = None\ndepends_on = " + dependsOn + "\n\n\ndef upgrade():\n    " + upgrade
                + "\n\n\ndef downgrade():\n    pass\n";
    }

    /** What Alembic needs besides the revisions to run them: its configuration and an env.py. */
    private static void alembicEnvironment(ProjectBuilder project) {
        project.file("alembic.ini", "[alembic]\nscript_location = alembic\nsqlalchemy.url = postgresql://localhost/example\n");
        project.file("alembic/env.py", """
                from alembic import context
                from sqlalchemy import create_engine

                config = context.config
                with create_engine(config.get_main_option("sqlalchemy.url")).connect() as connection:
                    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
                    with context.begin_transaction():
                        context.run_migrations()
                """);
    }

    private void run(RuleCatalogue.Entry rule, Example example, Variant variant) throws IOException {
        Path dir = Files.createTempDirectory(projects, rule.id());
        ProjectBuilder project = new ProjectBuilder(dir);
        Map<String, String> files = variant.files();
        if (rule.kind() == RuleKind.CHANGE) {
            GitRepository repository = GitRepository.init(dir);
            variant.given().forEach((name, text) -> project.file(name.contains("/") ? name : "db/migrations/" + name,
                    text));
            repository.commitAll("the history as it was");
        }
        files.forEach((name, text) -> project.file(name.contains("/") ? name : "db/migrations/" + name, text));
        StringBuilder config = new StringBuilder(example.config() == null ? "" : example.config());
        if (!example.consumers().isEmpty()) {
            config.append("consumers:\n");
            example.consumers().forEach((name, code) -> {
                config.append("  - name: ").append(name).append("\n    path: consumers/").append(name).append('\n');
                code.forEach((path, text) -> project.file("consumers/" + name + "/" + path, text));
            });
        }
        if (!config.isEmpty()) {
            project.file("schemaguard.yml", config.toString());
        }
        if (rule.kind() == RuleKind.REHEARSAL && files.keySet().stream().anyMatch(name -> name.endsWith(".py"))) {
            alembicEnvironment(project);
        }
        List<Finding> all;
        if (rule.kind() == RuleKind.REHEARSAL) {
            all = Rehearsals.findings(dir);
        } else {
            List<String> args = new ArrayList<>(List.of(COMMANDS.get(rule.kind()), dir.toString(), "--format",
                    "json", "--fail-on", "never"));
            if (variant.stamp() != null) {
                args.addAll(List.of("--stamp", variant.stamp()));
            }
            if (rule.kind() == RuleKind.CHANGE) {
                args.addAll(List.of("--since", "HEAD"));
            }
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("%s; stderr: %s", args, r.err()).isZero();
            all = FindingSnapshots.fromJson(r.json());
        }
        List<Finding> found = all.stream().filter(f -> f.rule().equals(rule.id())).toList();
        String seen = FindingSnapshots.render(all);
        if (variant.flagged()) {
            assertThat(found).as("the flagged example of %s finds it; it found:\n%s", rule.id(), seen).isNotEmpty();
            if (variant.severity() != null) {
                assertThat(found).as("at %s; it found:\n%s", variant.severity(), seen)
                        .anyMatch(f -> f.severity().label().equals(variant.severity()));
            }
            Matcher sqlState = SQLSTATE.matcher(variant.comment());
            if (sqlState.find()) {
                assertThat(found).as("with SQLSTATE %s; it found:\n%s", sqlState.group(1), seen)
                        .anyMatch(f -> f.message().contains(sqlState.group(1)));
            }
        } else {
            assertThat(found).as("the safe example of %s finds nothing%s; it found:\n%s", rule.id(),
                            variant.severity() == null ? "" : " but at " + variant.severity(), seen)
                    .allMatch(f -> f.severity().label().equals(variant.severity()));
            assertThat(all).as("the safe example of %s is safe by every rule; it found:\n%s", rule.id(), seen)
                    .allMatch(f -> f.rule().equals(rule.id()) || f.severity() == Severity.INFO);
        }
    }
}
