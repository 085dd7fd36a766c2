package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlembicReaderTest {

    @TempDir
    Path project;

    private Migration read(String source) throws Exception {
        Path dir = project.resolve("alembic/versions");
        Files.createDirectories(dir);
        Path file = dir.resolve("x_rev.py");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return new AlembicReader().readFile(file, LinearHistory.relativize(project, file), 0);
    }

    @Test
    void readsTheModernTypeAnnotatedTemplate() throws Exception {
        Migration m = read("""
                \"\"\"add thing

                Revision ID: 019
                Revises: 017
                Create Date: 2026-03-20 10:00:00
                \"\"\"
                from typing import Sequence, Union

                from alembic import op

                # revision identifiers, used by Alembic.
                revision: str = "019"
                down_revision: Union[str, None] = "018"
                branch_labels: Union[str, Sequence[str], None] = None
                depends_on: Union[str, Sequence[str], None] = None
                """);
        assertThat(m.id()).isEqualTo("019");
        assertThat(m.parents()).as("the docstring's Revises: line is not the source of truth").containsExactly("018");
        assertThat(m.line()).isEqualTo(12);
        assertThat(m.parentsLine()).isEqualTo(13);
        assertThat(m.file().toString().replace('\\', '/')).isEqualTo("alembic/versions/x_rev.py");
    }

    @Test
    void readsTuplesListsAndMultiLineValues() throws Exception {
        Migration tuple = read("revision = 'm'\ndown_revision = ('a', \"b\")  # merge\n");
        assertThat(tuple.parents()).containsExactly("a", "b");
        Migration list = read("revision = 'm'\ndown_revision = [\n    'a',\n    'b',\n]\ndepends_on = 'c'\n");
        assertThat(list.parents()).containsExactly("a", "b");
        assertThat(list.dependsOn()).containsExactly("c");
        Migration single = read("revision = 'm'\ndown_revision = ('a',)\nbranch_labels = ('feature',)\n");
        assertThat(single.parents()).containsExactly("a");
        assertThat(single.branchLabels()).containsExactly("feature");
        Migration root = read("revision = 'm'\ndown_revision = None\n");
        assertThat(root.parents()).isEmpty();
        Migration parenthesized = read("revision = ('m')\ndown_revision = ('a')\n");
        assertThat(parenthesized.id()).isEqualTo("m");
        assertThat(parenthesized.parents()).containsExactly("a");
    }

    @Test
    void ignoresAssignmentsThatAreNotTopLevel() throws Exception {
        Migration m = read("""
                revision = 'm'
                down_revision = 'a'
                def upgrade():
                    down_revision = 'not-this'
                    revision = "nor-this"
                x = '''
                revision = 'inside a string'
                '''
                """);
        assertThat(m.id()).isEqualTo("m");
        assertThat(m.parents()).containsExactly("a");
    }

    @Test
    void aLaterTopLevelAssignmentWinsAsInPython() throws Exception {
        Migration m = read("revision = 'm'\ndown_revision = 'a'\ndown_revision = 'b'\n");
        assertThat(m.parents()).containsExactly("b");
    }

    @Test
    void aComparisonIsNotAnAssignment() throws Exception {
        Migration m = read("revision = 'm'\ndown_revision = 'a'\nassert revision == 'm'\n");
        assertThat(m.parents()).containsExactly("a");
    }

    @Test
    void knowsWhetherDowngradeDoesAnything() throws Exception {
        assertThat(read("revision = 'm'\ndown_revision = None\ndef downgrade():\n    pass\n").down()).isEmpty();
        assertThat(read("revision = 'm'\ndown_revision = None\ndef downgrade() -> None:\n    \"\"\"Nothing.\"\"\"\n    # no-op\n    pass\n").down()).isEmpty();
        assertThat(read("revision = 'm'\ndown_revision = None\ndef downgrade():\n    op.drop_table('t')\n").down()).isPresent();
        assertThat(read("revision = 'm'\ndown_revision = None\n").down()).isEmpty();
    }

    @Test
    void aPythonFileThatIsNotARevisionIsAClearError() {
        assertThatThrownBy(() -> read("import os\nHELPER = 1\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not an Alembic revision")
                .satisfies(e -> assertThat(((InputException) e).describe()).startsWith("alembic/versions/x_rev.py:1: "));
    }

    @Test
    void aComputedValueIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("revision = 'm'\n\ndown_revision = PREVIOUS\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("'down_revision' is a name ('PREVIOUS'), not a literal")
                .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> read("revision = f'{x}'\ndown_revision = None\n"))
                .hasMessageContaining("an f-string");
    }

    @Test
    void aMissingDownRevisionIsAnError() {
        assertThatThrownBy(() -> read("revision = 'm'\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no top-level 'down_revision");
    }

    @Test
    void anUnterminatedStringIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> read("revision = 'm'\ndown_revision = 'a\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unterminated string")
                .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(2));
    }

    @Test
    void skipsInitAndReadsFilesInNameOrder() throws Exception {
        Path dir = project.resolve("alembic/versions");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("__init__.py"), "");
        Files.writeString(dir.resolve("b.py"), "revision = 'b'\ndown_revision = 'a'\n");
        Files.writeString(dir.resolve("a.py"), "revision = 'a'\ndown_revision = None\n");
        Files.writeString(dir.resolve("notes.txt"), "not python");
        List<Migration> migrations = new AlembicReader().read(project, dir);
        assertThat(migrations).extracting(Migration::id).containsExactly("a", "b");
        assertThat(migrations).extracting(Migration::order).containsExactly(0, 1);
    }
}
