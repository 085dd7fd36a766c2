package dev.schemaguard.distribution;

import dev.schemaguard.testing.CliProcess;
import dev.schemaguard.testing.Distribution;
import dev.schemaguard.testing.GitRepository;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's pre-commit hook, installed with Debian's pre-commit in a project's git repository as its README
 * says, with the distribution's schemaguard on the PATH: a commit that stages a bad migration is refused, with the
 * finding; the project's schemaguard.yml decides severities; a good migration is committed.
 */
class PreCommitIT {

    @TempDir
    Path dir;

    private Map<String, String> env;
    private Path project;

    @BeforeEach
    void projectWithTheHook() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pre-commit")),
                "pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)");
        Distribution distribution = Distribution.unpack(dir.resolve("dist"));
        env = new HashMap<>();
        env.put("PATH", distribution.path());
        env.put("PRE_COMMIT_HOME", dir.resolve("pre-commit-cache").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");

        // The hooks' repository: this one's .pre-commit-hooks.yaml, as pre-commit clones it from a tag.
        GitRepository hooks = GitRepository.init(dir.resolve("hooks"));
        Files.copy(Path.of(".pre-commit-hooks.yaml"), hooks.root().resolve(".pre-commit-hooks.yaml"));
        String rev = hooks.commitAll("hooks");

        GitRepository repository = GitRepository.init(dir.resolve("service"));
        project = repository.root();
        new ProjectBuilder(project)
                .file("schemaguard.yml", "migrations:\n  path: db/migrations\nrules:\n  missing-lock-timeout: error\n")
                .file("db/migrations/0001_create_orders.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n"
                        + "CREATE TABLE orders (id bigint PRIMARY KEY, region region);\n")
                .file(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.root().toUri() + "\n    rev: " + rev
                        + "\n    hooks:\n      - id: schemaguard-lint\n");
        repository.commitAll("the history so far");
        CliProcess.Result install = CliProcess.run(project, env, List.of("pre-commit", "install"));
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    private CliProcess.Result commit(String file, String sql) throws IOException {
        new ProjectBuilder(project).file(file, sql);
        git("add", file);
        return git("commit", "-q", "-m", "add " + file);
    }

    private CliProcess.Result git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=SchemaGuard Tests",
                "-c", "user.email=tests@schemaguard.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        return CliProcess.run(project, env, command);
    }

    private int commits() {
        return git("rev-list", "--count", "HEAD").output().strip().transform(Integer::parseInt);
    }

    @Test
    void aStagedMigrationThatCreatesATypeAgainIsRefusedWithTheFinding() throws IOException {
        CliProcess.Result refused = commit("db/migrations/0002_region_again.sql",
                "CREATE TYPE region AS ENUM ('north', 'south');\n");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("schemaguard lint (migrations this commit adds or changes)")
                .contains("Failed")
                .contains("unguarded-create-type  db/migrations/0002_region_again.sql:1")
                .contains("migration 0001 already created it")
                .doesNotContain("0001_create_orders.sql:");
        assertThat(commits()).isEqualTo(1);
    }

    @Test
    void theProjectsConfigurationDecidesAndAGoodMigrationIsCommitted() throws IOException {
        CliProcess.Result refused = commit("db/migrations/0002_orders_note.sql",
                "ALTER TABLE orders ADD COLUMN note text;\n");
        assertThat(refused.exitCode()).as("schemaguard.yml makes missing-lock-timeout an error: %s", refused.output())
                .isNotZero();
        assertThat(refused.output()).contains("error   missing-lock-timeout  db/migrations/0002_orders_note.sql:1");

        CliProcess.Result committed = commit("db/migrations/0002_orders_note.sql",
                "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;\n");
        assertThat(committed.exitCode()).as(committed.output()).isZero();
        assertThat(committed.output()).contains("schemaguard lint (migrations this commit adds or changes)")
                .contains("Passed");
        assertThat(commits()).isEqualTo(2);
    }
}
