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

    /**
     * What Alembic emits, checked with Alembic 1.8 in offline mode: create_table makes the CREATE TYPE of an Enum
     * column, once per run however many tables use it (its DDL runner remembers), and add_column makes none.
     */
    @Test
    void aCreatedTableMakesItsEnumTypeOnceAndAnAddedColumnNone() {
        assertThat(lint("op.create_table('teams', sa.Column('division', sa.Enum('boys', 'girls', name='division')))"))
                .contains("unguarded-create-type:error:8");
        assertThat(lint("op.create_table('teams', sa.Column('division', postgresql.ENUM('boys', 'girls', "
                + "name='division', create_type=False)))")).noneMatch(s -> s.startsWith("unguarded-create-type"));
        assertThat(lint("op.add_column('players', sa.Column('division', sa.Enum('boys', 'girls', name='division')))"))
                .noneMatch(s -> s.startsWith("unguarded-create-type"));
        // a false error on a production history: the second and third tables reuse the state_type the first made
        assertThat(lint("""
                op.create_table('flow_run', sa.Column('state', sa.Enum('a', 'b', name='state_type')))
                op.create_table('task_run', sa.Column('state', sa.Enum('a', 'b', name='state_type')))
                op.create_table('task_run_state', sa.Column('state', sa.Enum('a', 'b', name='state_type')))"""))
                .filteredOn(s -> s.startsWith("unguarded-create-type")).containsExactly("unguarded-create-type:info:8");
    }

    @Test
    void concurrentIndexesNeedAnAutocommitBlock() {
        assertThat(lint("op.create_index('players_email_idx', 'players', ['email'], postgresql_concurrently=True)"))
                .contains("concurrent-in-transaction:error:8");
        assertThat(lint("with op.get_context().autocommit_block():\n"
                + "    op.create_index('players_email_idx', 'players', ['email'], postgresql_concurrently=True, "
                + "if_not_exists=True)")).noneMatch(s -> s.startsWith("concurrent-in-transaction"));
    }

    /** A false error on production histories: a blank line inside the block ended it. */
    @Test
    void anAutocommitBlockLastsPastBlankLinesAndComments() {
        assertThat(lint("""
                with op.get_context().autocommit_block():
                    op.create_index('a_idx', 'players', ['email'], postgresql_concurrently=True, if_not_exists=True)

                    # the second index
                    op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS b_idx ON players (name)")
                op.create_index('c_idx', 'players', ['rating'], postgresql_concurrently=True)"""))
                .filteredOn(s -> s.startsWith("concurrent-in-transaction")).containsExactly("concurrent-in-transaction:error:13");
    }

    /** Half the warnings of a large history came from branches only MySQL or SQLite runs. */
    @Test
    void branchesForOtherDatabasesAreNotReadAsPostgresql() {
        assertThat(lint("""
                if op.get_bind().dialect.name == "mysql":
                    op.alter_column('players', 'name', type_=mysql.VARCHAR(length=50))
                    op.drop_column('players', 'email')
                elif op.get_bind().dialect.name == "postgresql":
                    op.drop_column('players', 'rating')
                else:
                    op.drop_column('players', 'name')
                url = str(op.get_bind().engine.url)
                if url.startswith("sqlite") is False:
                    op.create_index('players_email_idx', 'players', ['email'])
                if not url.startswith("postgres"):
                    op.drop_table('players')
                if flag and op.get_bind().dialect.name == "postgresql":
                    op.drop_column('players', 'id')"""))
                .filteredOn(s -> !s.startsWith("non-idempotent-ddl") && !s.startsWith("missing-lock-timeout"))
                .containsExactly("drop-column:warning:12", "index-not-concurrent:warning:17", "drop-column:warning:21");
    }

    /** Hundreds of op.batch_alter_table blocks in large histories were not read: on PostgreSQL they are ALTERs. */
    @Test
    void batchOperationsAreTheAltersTheyRunOnPostgresql() {
        assertThat(lint("""
                with op.batch_alter_table("players", schema=None) as batch_op:
                    batch_op.add_column(sa.Column('team', sa.Integer(), nullable=False))
                    batch_op.alter_column('name', nullable=False)
                    batch_op.create_index(batch_op.f('ix_players_team'), ['team'], unique=False)
                    batch_op.create_unique_constraint('uq_players_email', ['email'])
                    batch_op.drop_column('rating')
                with op.batch_alter_table("players", recreate="always") as batch_op:
                    batch_op.drop_column('name')"""))
                .filteredOn(s -> !s.startsWith("non-idempotent-ddl") && !s.startsWith("missing-lock-timeout"))
                .containsExactly("add-column-not-null-no-default:warning:9", "set-not-null:warning:10",
                        "index-not-concurrent:warning:11", "unique-without-index:warning:12", "drop-column:warning:13",
                        "mixed-phases:warning:13", "unrecognized-statement:info:14");
    }

    /** A function of the project is not read: said so, and a table it is given is not claimed to be in use. */
    @Test
    void projectHelpersAreSaidNotToBeReadAndLocalFunctionsAreRead() {
        new ProjectBuilder(dir).file("alembic/versions/003_helpers.py", """
                revision = '003'
                down_revision = '002'
                from alembic import op
                import logging
                import sqlalchemy as sa
                from myproject.migrations import create_table


                def _drop_email():
                    op.drop_column('players', 'email')


                def upgrade():
                    create_table("key_value", sa.Column("key", sa.String, primary_key=True))
                    op.create_index("kv_idx", "key_value", ["key"])
                    logging.getLogger(__name__).info("done")
                    _drop_email()
                """);
        List<String> helpers = new ArrayList<>();
        lint("op.execute('SELECT 1')");
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        for (JsonNode f : r.json().get("findings")) {
            if (f.get("file").asText().endsWith("003_helpers.py") && !f.get("rule").asText().equals("non-idempotent-ddl")) {
                helpers.add(f.get("rule").asText() + ":" + f.get("line").asInt());
            }
        }
        assertThat(helpers).containsExactlyInAnyOrder("unrecognized-statement:14", "drop-column:10",
                "missing-lock-timeout:10");
    }

    /** Statements sent through the connection run like op.execute's. */
    @Test
    void sqlExecutedOnTheConnectionIsAnalysed() {
        assertThat(lint("conn = op.get_bind()\nconn.execute(sa.text(\"ALTER TABLE players DROP COLUMN email\"))"))
                .contains("drop-column:warning:9");
        // SQLAlchemy Core statements on rows change no schema; other SQL built at run time is said so
        assertThat(findings("conn = op.get_bind()\nconn.execute(players_table.update().values(name='x'))\n"
                + "conn.execute(sa.delete(players_table).where(players_table.c.id == 1))\n"
                + "conn.execute(sa.text(f\"DROP TABLE {name}\"))"))
                .filteredOn(f -> f.get("rule").asText().equals("unrecognized-statement")).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).contains("conn.execute with SQL built at run time"));
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

    /** SQL kept in a variable first (Prefect writes most of its backfills so) is read where the literal is. */
    @Test
    void sqlAssignedToANameIsReadAtTheLiteral() {
        assertThat(lint("backfill = \"\"\"\n    ALTER TABLE players DROP COLUMN email\n\"\"\"\nop.execute(sa.text(backfill))"))
                .contains("drop-column:warning:9").noneMatch(s -> s.startsWith("unrecognized-statement"));
        assertThat(lint("sql = 'SELECT 1'\nsql = 'ALTER TABLE players DROP COLUMN email'\nop.execute(sql)"))
                .contains("unrecognized-statement:info:10");
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
