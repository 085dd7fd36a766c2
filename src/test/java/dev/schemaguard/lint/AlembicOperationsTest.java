package dev.schemaguard.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alembic migrations are linted through the statements their op.* calls emit. */
class AlembicOperationsTest {

    @TempDir
    Path dir;

    private List<String> lint(String upgradeBody) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings(upgradeBody)) {
            out.add(f.get("rule").asText() + ":" + f.get("severity").asText() + ":" + f.get("line").asInt());
        }
        return out;
    }

    private List<JsonNode> findings(String upgradeBody) {
        new ProjectBuilder(dir).file("alembic/versions/001_base.py", """
                revision = '001'
                down_revision = None
                from alembic import op
                import sqlalchemy as sa


                def upgrade():
                    op.create_table('players', sa.Column('id', sa.BigInteger(), primary_key=True),
                                    sa.Column('email', sa.Text(), nullable=True),
                                    sa.Column('name', sa.String(length=100)), sa.Column('rating', sa.Numeric(5, 2)))
                    op.execute("CREATE TYPE division AS ENUM ('boys', 'girls')")
                """).file("alembic/versions/002_change.py", """
                revision = '002'
                down_revision = '001'
                from alembic import op
                import sqlalchemy as sa


                def upgrade():
                %s


                def downgrade():
                    op.drop_column('players', 'x')
                """.formatted(upgradeBody.indent(4).stripTrailing()));
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : r.json().get("findings")) {
            if (f.get("file").asText().endsWith("002_change.py")) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void executedSqlIsAnalysedAtItsPythonLine() {
        assertThat(lint("op.execute(\"CREATE TYPE division AS ENUM ('boys', 'girls')\")"))
                .contains("unguarded-create-type:error:8");
        assertThat(lint("op.execute(sa.text(\"\"\"\n    ALTER TABLE players DROP COLUMN email\n\"\"\"))"))
                .contains("drop-column:warning:9");
    }

    @Test
    void anEnumColumnCreatesItsTypeUnlessToldNotTo() {
        assertThat(lint("op.add_column('players', sa.Column('division', sa.Enum('boys', 'girls', name='division')))"))
                .contains("unguarded-create-type:error:8");
        assertThat(lint("op.add_column('players', sa.Column('division', postgresql.ENUM('boys', 'girls', "
                + "name='division', create_type=False)))")).noneMatch(s -> s.startsWith("unguarded-create-type"));
    }

    @Test
    void concurrentIndexesNeedAnAutocommitBlock() {
        assertThat(lint("op.create_index('players_email_idx', 'players', ['email'], postgresql_concurrently=True)"))
                .contains("concurrent-in-transaction:error:8");
        assertThat(lint("with op.get_context().autocommit_block():\n"
                + "    op.create_index('players_email_idx', 'players', ['email'], postgresql_concurrently=True, "
                + "if_not_exists=True)")).noneMatch(s -> s.startsWith("concurrent-in-transaction"));
    }

    @Test
    void opCallsMapToTheSameRulesAsSql() {
        assertThat(lint("op.drop_column('players', 'email')")).contains("drop-column:warning:8");
        assertThat(lint("op.create_index('players_email_idx', 'players', ['email'])"))
                .contains("index-not-concurrent:warning:8");
    }

    @Test
    void opFNamesAreTheirLiteral() {
        assertThat(lint("op.create_index(op.f('ix_players_email'), 'players', ['email'], unique=False)"))
                .contains("index-not-concurrent:warning:8").noneMatch(s -> s.startsWith("unrecognized-statement"));
    }

    @Test
    void sqlalchemyTypesAreTheirPostgresqlTypes() {
        // varchar(100) to varchar(200) and numeric(5,2) to numeric(8,2) change only the catalog.
        assertThat(lint("op.alter_column('players', 'name', existing_type=sa.String(length=100), "
                + "type_=sa.String(length=200), existing_nullable=True)\n"
                + "op.alter_column('players', 'rating', existing_type=sa.Numeric(5, 2), type_=sa.Numeric(8, 2))"))
                .noneMatch(s -> s.startsWith("change-column-type"));
        assertThat(lint("op.alter_column('players', 'name', type_=sa.String(50))"))
                .contains("change-column-type:warning:8");
        List<JsonNode> cast = findings("op.alter_column('players', 'email', type_=sa.Integer(), "
                + "postgresql_using='email::integer')");
        assertThat(cast).filteredOn(f -> f.get("rule").asText().equals("change-column-type"))
                .singleElement().satisfies(f -> assertThat(f.get("message").asText())
                        .contains("from text to integer").doesNotContain("USING null"));
    }

    @Test
    void existingTypeStandsInForATableNoMigrationCreated() {
        // coaches comes from a baseline: only existing_type says what the column was.
        assertThat(lint("op.alter_column('coaches', 'name', existing_type=sa.String(length=100), "
                + "type_=sa.String(length=200))")).noneMatch(s -> s.startsWith("change-column-type"));
        assertThat(lint("op.alter_column('coaches', 'name', type_=sa.String(length=200))"))
                .contains("change-column-type:warning:8");
    }

    @Test
    void fixesSpeakAlembic() {
        List<JsonNode> index = findings("op.create_index('players_email_idx', 'players', ['email'])");
        assertThat(index).filteredOn(f -> f.get("rule").asText().equals("index-not-concurrent")).singleElement()
                .satisfies(f -> assertThat(f.get("fix").asText()).contains("postgresql_concurrently=True")
                        .contains("autocommit_block"));
    }

    @Test
    void sqlBuiltAtRunTimeIsUnrecognizedNotGuessed() {
        assertThat(lint("op.execute(f\"DROP TABLE {name}\")")).contains("unrecognized-statement:info:8");
    }

    @Test
    void pythonCommentsSuppress() {
        assertThat(lint("# schemaguard:ignore drop-column nobody reads email since release 41\n"
                + "op.drop_column('players', 'email')")).noneMatch(s -> s.startsWith("drop-column"))
                .noneMatch(s -> s.startsWith("unused-suppression"));
        assertThat(lint("# schemaguard:ignore drop-column\nop.drop_column('players', 'email')"))
                .contains("suppression-without-reason:warning:8");
    }
}
