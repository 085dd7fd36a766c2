package dev.schemaguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Python header reader (revision, down_revision, ...) and the op.* reader, on one revision after a fixed one. */
class AlembicFuzzTest {

    private static final FuzzProject PROJECT = new FuzzProject(
            "alembic.ini", "[alembic]\nscript_location = alembic\n",
            "alembic/versions/a_base.py", """
                    revision = "a"
                    down_revision = None
                    from alembic import op
                    import sqlalchemy as sa


                    def upgrade():
                        op.create_table("players", sa.Column("id", sa.Integer, primary_key=True))
                    """);

    @FuzzTest(maxDuration = "30s")
    void lint(byte[] content) {
        PROJECT.write("alembic/versions/b_fuzzed.py", content).runsCleanly("lint", "--format", "json");
        PROJECT.write("alembic/versions/b_fuzzed.py", FuzzProject.cutShort(content)).runsCleanly("lint", "--format", "json");
    }
}
