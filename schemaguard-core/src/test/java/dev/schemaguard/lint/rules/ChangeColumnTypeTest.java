package dev.schemaguard.lint.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What change-column-type says, beyond where it fires (the fixture's job). */
class ChangeColumnTypeTest {

    @TempDir
    Path dir;

    @Test
    void aSerialColumnIsNamedByItsIntegerType() {
        new ProjectBuilder(dir)
                .file("migrations/0001_posts.sql", "CREATE TABLE posts (id serial PRIMARY KEY, views smallserial);\n")
                .file("migrations/0002_bigint.sql", "ALTER TABLE posts ALTER COLUMN id SET DATA TYPE bigint;\n");
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> messages = new ArrayList<>();
        for (JsonNode f : r.json().get("findings")) {
            if (f.get("rule").asText().equals("change-column-type")) {
                messages.add(f.get("message").asText());
            }
        }
        assertThat(messages).singleElement().satisfies(m -> assertThat(m)
                .contains("from integer to bigint").doesNotContain("serial"));
    }
}
