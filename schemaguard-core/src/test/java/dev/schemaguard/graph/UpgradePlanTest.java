package dev.schemaguard.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code graph --stamp}: what an upgrade from a database's stamp runs, or why it cannot. */
class UpgradePlanTest {

    @TempDir
    Path dir;

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void forkedHistory() {
        // 001 → 002, fork at 002 into 003 and 004 → 005, merged at 006, then 007.
        new ProjectBuilder(dir).alembic("001", "None").alembic("002", "'001'").alembic("003", "'002'")
                .alembic("004", "'002'").alembic("005", "'004'").alembic("006", "('003', '005')").alembic("007", "'006'");
    }

    @Test
    void fromTheForkPointBothBranchesRunThenTheMerge() {
        forkedHistory();
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "002", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode upgrade = r.json().get("upgrade");
        assertThat(texts(upgrade.get("pending"))).containsExactly("003", "004", "005", "006", "007");
        assertThat(upgrade.get("can_upgrade").asBoolean()).isTrue();
        assertThat(texts(upgrade.get("targets"))).containsExactly("007");
    }

    @Test
    void fromBothBranchHeadsOnlyTheMergeAndAfterRun() {
        forkedHistory();
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "003,005", "--format", "json");
        assertThat(texts(r.json().get("upgrade").get("pending"))).containsExactly("006", "007");
    }

    @Test
    void fromInsideOneBranchTheOtherBranchStillRuns() {
        forkedHistory();
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "004", "--format", "json");
        assertThat(texts(r.json().get("upgrade").get("pending"))).containsExactly("003", "005", "006", "007");
    }

    @Test
    void anEmptyStampRunsEverythingAndHeadRunsNothing() {
        forkedHistory();
        Cli.Result head = Cli.run("graph", dir.toString(), "--stamp", "007");
        assertThat(head.out()).contains("already at head: nothing to run");
    }

    @Test
    void anUnknownStampNamesTheNearestIdsAndFails() {
        forkedHistory();
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "18", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode upgrade = r.json().get("upgrade");
        assertThat(texts(upgrade.get("unknown_stamps"))).containsExactly("18");
        assertThat(upgrade.get("can_upgrade").asBoolean()).isFalse();
        JsonNode finding = r.json().get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("unknown-stamp");
        assertThat(finding.get("message").asText()).contains("Can't locate revision identified by '18'");

        Cli.Result typo = Cli.run("graph", dir.toString(), "--stamp", "0006");
        assertThat(typo.out()).contains("stamp '0006' is no revision of this project; nearest ids: 006 (alembic/versions/006_step.py)");
    }

    @Test
    void aUniquePrefixOfAHashIdResolvesAsAlembicAllows() {
        new ProjectBuilder(dir).alembic("3f2a9c01b7de", "None").alembic("a1b2c3d4e5f6", "'3f2a9c01b7de'");
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "3f2a", "--format", "json");
        assertThat(texts(r.json().get("upgrade").get("pending"))).containsExactly("a1b2c3d4e5f6");
    }

    @Test
    void multipleHeadsBlockTheUpgrade() {
        new ProjectBuilder(dir).alembic("a", "None").alembic("b", "'a'").alembic("c", "'a'");
        Cli.Result r = Cli.run("graph", dir.toString(), "--stamp", "a");
        assertThat(r.out()).contains("cannot upgrade:").contains("2 heads (b, c)");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
