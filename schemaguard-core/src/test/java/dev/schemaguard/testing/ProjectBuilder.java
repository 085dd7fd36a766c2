package dev.schemaguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small migration projects for tests. */
public final class ProjectBuilder {

    private final Path root;

    public ProjectBuilder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Every file of the folder {@code source}, copied into the project at the same relative paths. */
    public ProjectBuilder copyOf(Path source) {
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = root.resolve(source.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ProjectBuilder file(String path, String text) {
        return bytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public ProjectBuilder bytes(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An Alembic revision in the classic template; {@code downRevision} is Python source ("None", "'a'", "('a', 'b')"). */
    public ProjectBuilder alembic(String revision, String downRevision) {
        return file("alembic/versions/" + revision + "_step.py", """
                \"\"\"step %1$s

                Revision ID: %1$s
                Revises: ignored-by-design
                \"\"\"
                from alembic import op
                import sqlalchemy as sa

                revision = '%1$s'
                down_revision = %2$s
                branch_labels = None
                depends_on = None


                def upgrade():
                    op.execute("SELECT 1")


                def downgrade():
                    pass
                """.formatted(revision, downRevision));
    }
}
