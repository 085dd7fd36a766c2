package dev.schemaguard.postgres;

import dev.schemaguard.postgres.Fingerprints.DataFingerprint;
import dev.schemaguard.postgres.Fingerprints.TableFingerprint;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.schemaguard.postgres.CatalogReaderTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints of a real database before and after a change, compared. Every test changes the data in a
 * transaction that is rolled back afterwards, so all start from the same twenty players.
 */
class FingerprintsTest {

    private static ScratchDatabase db;
    private static Connection c;

    @BeforeAll
    static void league() throws SQLException {
        db = TestPostgres.newDatabase();
        c = db.connect();
        run(c, """
                CREATE TABLE teams (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
                CREATE TABLE players (
                    id serial PRIMARY KEY,
                    team_id int REFERENCES teams,
                    nickname text,
                    rating int CHECK (rating BETWEEN 0 AND 100),
                    notes json,
                    location point,
                    retired_at timestamptz);
                CREATE TABLE outbox (id bigserial PRIMARY KEY, payload jsonb);
                INSERT INTO teams (name) SELECT 'team ' || i FROM generate_series(1, 20) i;
                INSERT INTO players (team_id, nickname, rating, notes, location)
                    SELECT i, 'player ' || i, i * 3, json_build_object('goals', i), point(i, -i)
                    FROM generate_series(1, 20) i;
                INSERT INTO outbox (payload) SELECT jsonb_build_object('event', i) FROM generate_series(1, 20) i;
                """);
        c.setAutoCommit(false);
    }

    @AfterEach
    void undo() throws SQLException {
        c.rollback();
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
        db.close();
    }

    private static DataFingerprint take() {
        return Fingerprints.take(c, CatalogReader.read(c));
    }

    private static List<String> differencesAfter(String sql) {
        DataFingerprint before = take();
        run(c, sql);
        return Fingerprints.compare(before, take());
    }

    @Test
    void countsRowsAndNonNullValues() {
        TableFingerprint players = take().tables().get("players");
        assertThat(players.rowCount()).isEqualTo(20);
        assertThat(players.columns().keySet())
                .containsExactly("id", "team_id", "nickname", "rating", "notes", "location", "retired_at");
        assertThat(players.columns().get("nickname").size()).isEqualTo(20);
        assertThat(players.columns().get("retired_at").size()).isZero();
    }

    @Test
    void whatLosesNoDataMakesNoDifference() {
        DataFingerprint before = take();
        run(c, """
                CREATE INDEX ON players (rating);
                UPDATE players SET rating = rating;
                ALTER TABLE players ALTER COLUMN nickname TYPE varchar(40);
                CLUSTER players USING players_pkey;
                """);
        assertThat(take()).isEqualTo(before);
    }

    @Test
    void aTableReplacedUnderTheSameNameIsFingerprintedAsItIsNow() {
        DataFingerprint before = take();
        // the same query text as before; the statement prepared for it must not answer for the old table
        run(c, """
                DROP TABLE outbox;
                CREATE TABLE outbox (id text PRIMARY KEY, payload text);
                INSERT INTO outbox VALUES ('a', 'one');
                DEALLOCATE ALL;
                """);
        TableFingerprint outbox = take().tables().get("outbox");
        assertThat(outbox.rowCount()).isEqualTo(1);
        assertThat(Fingerprints.compare(before, take())).startsWith("table outbox: 20 rows before, 1 after");
    }

    @Test
    void onAnAutoCommitConnectionEveryChangeSinceTheLastFingerprintIsSeen() throws SQLException {
        // Outside a transaction, tables whose rows did not change are not hashed again: every kind of change must
        // still show.
        try (ScratchDatabase other = TestPostgres.newDatabase(); Connection auto = other.connect()) {
            run(auto, """
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    CREATE TABLE shapeless ();
                    CREATE TABLE diary (id int PRIMARY KEY, mood mood NOT NULL, note text);
                    INSERT INTO diary SELECT i, 'happy', 'day ' || i FROM generate_series(1, 20) i;
                    """);
            DataFingerprint first = Fingerprints.take(auto, CatalogReader.read(auto));
            assertThat(Fingerprints.take(auto, CatalogReader.read(auto))).isEqualTo(first);

            run(auto, "UPDATE diary SET note = 'rewritten' WHERE id = 3");
            assertThat(Fingerprints.compare(first, Fingerprints.take(auto, CatalogReader.read(auto))))
                    .containsExactly("column diary.note: 1 value changed");

            DataFingerprint second = Fingerprints.take(auto, CatalogReader.read(auto));
            run(auto, "BEGIN; DELETE FROM diary WHERE id = 4; ROLLBACK");
            assertThat(Fingerprints.take(auto, CatalogReader.read(auto))).isEqualTo(second);

            // the rows stay as they were; their text form changes
            run(auto, "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad'");
            assertThat(Fingerprints.compare(second, Fingerprints.take(auto, CatalogReader.read(auto))))
                    .containsExactly("column diary.mood: 20 values changed");

            run(auto, "DELETE FROM diary WHERE id = 5; INSERT INTO diary VALUES (5, 'glad', 'day 5')");
            DataFingerprint third = Fingerprints.take(auto, CatalogReader.read(auto));
            run(auto, "DELETE FROM diary WHERE id = 6; INSERT INTO diary VALUES (6, 'sad', 'day 6')");
            assertThat(Fingerprints.compare(third, Fingerprints.take(auto, CatalogReader.read(auto))))
                    .containsExactly("column diary.mood: 1 value changed");

            // no row is written: the values go with the column
            DataFingerprint fourth = Fingerprints.take(auto, CatalogReader.read(auto));
            run(auto, "ALTER TABLE diary DROP COLUMN note");
            Fingerprints.take(auto, CatalogReader.read(auto));
            run(auto, "ALTER TABLE diary ADD COLUMN note text");
            assertThat(Fingerprints.compare(fourth, Fingerprints.take(auto, CatalogReader.read(auto))))
                    .containsExactly("column diary.note: 20 values before, none after");
        }
    }

    @Test
    void whatExistsOnlyAfterIsNoLoss() {
        assertThat(differencesAfter("""
                ALTER TABLE players ADD COLUMN captain boolean DEFAULT false;
                CREATE TABLE audit (id int);
                INSERT INTO audit VALUES (1);
                INSERT INTO teams (name) VALUES ('expansion team');
                UPDATE players SET retired_at = now();
                """)).isEmpty();
    }

    @Test
    void aColumnDroppedAndAddedAgainLosesItsValues() {
        assertThat(differencesAfter("ALTER TABLE players DROP COLUMN team_id, ADD COLUMN team_id int"))
                .containsExactly("column players.team_id: 20 values before, none after");
    }

    @Test
    void aColumnDroppedForGoodLosesItsValues() {
        assertThat(differencesAfter("ALTER TABLE players DROP COLUMN rating"))
                .containsExactly("column players.rating dropped with its 20 values");
    }

    @Test
    void aColumnRestoredWithItsValuesLosesNothingEvenAtAnotherPosition() {
        assertThat(differencesAfter("""
                CREATE TABLE saved AS SELECT id, nickname FROM players;
                ALTER TABLE players DROP COLUMN nickname;
                ALTER TABLE players ADD COLUMN nickname text;
                UPDATE players p SET nickname = s.nickname FROM saved s WHERE s.id = p.id;
                """)).isEmpty();
    }

    @Test
    void updatedValuesAreChangedValues() {
        assertThat(differencesAfter("UPDATE players SET nickname = nickname || '!' WHERE id <= 3"))
                .containsExactly("column players.nickname: 3 values changed");
        assertThat(differencesAfter("UPDATE players SET nickname = NULL WHERE id <= 5"))
                .containsExactly("column players.nickname: 20 values before, 15 after");
    }

    @Test
    void typesWithoutAnOrderingAreComparedToo() {
        assertThat(differencesAfter("""
                UPDATE players SET notes = '{"goals": 0}' WHERE id = 1;
                UPDATE players SET location = point(0, 0) WHERE id IN (1, 2);
                """)).containsExactly(
                "column players.notes: 1 value changed",
                "column players.location: 2 values changed");
    }

    @Test
    void xmlValuesAreComparedWhereTheServerHasXml() {
        try {
            run(c, "SELECT '<a/>'::xml");
        } catch (AssertionError builtWithoutLibxml) {
            return;
        }
        run(c, "ALTER TABLE players ADD COLUMN profile xml; UPDATE players SET profile = xmlelement(name p, id)");
        assertThat(differencesAfter("UPDATE players SET profile = '<p/>' WHERE id = 1"))
                .containsExactly("column players.profile: 1 value changed");
    }

    @Test
    void deletedRowsAreReportedOnceAsRows() {
        assertThat(differencesAfter("DELETE FROM players WHERE id > 15"))
                .containsExactly("table players: 20 rows before, 15 after");
    }

    @Test
    void aDroppedTableLosesItsRows() {
        assertThat(differencesAfter("DROP TABLE outbox"))
                .containsExactly("table outbox dropped with its 20 rows");
        run(c, "CREATE TABLE empty (id int)");
        assertThat(differencesAfter("DROP TABLE empty")).isEmpty();
    }

    @Test
    void valuesMovedBetweenRowsChangeTheRows() {
        assertThat(differencesAfter("""
                UPDATE players p SET nickname = q.nickname
                FROM players q WHERE (p.id, q.id) IN ((1, 2), (2, 1))
                """)).containsExactly("table players: 2 rows changed, although every column holds the same values "
                + "(values moved between rows)");
    }
}
