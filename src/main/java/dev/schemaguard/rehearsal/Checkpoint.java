package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.postgres.ScratchServer;

import java.util.List;

/**
 * A second database that follows the rehearsal with the ups alone, only when asked, so that the rehearsal can go on
 * from the state after a migration's up when a round trip, a re-run or a failed up left its own database somewhere
 * else. Each up runs once on it over the whole rehearsal; every time it is asked, the rehearsal gets a copy of it
 * ({@code CREATE DATABASE … TEMPLATE}), which holds the migrations' own rows and none the rehearsal generated.
 */
final class Checkpoint implements AutoCloseable {

    private final ScratchServer server;
    private final MigrationGraph graph;
    /** Brings a new, empty database to the rehearsal's starting point (a baseline loaded) and opens its executor. */
    private final Workspace.Opener fresh;
    /** Opens the executor again on a database already at some point. */
    private final Workspace.Opener again;
    private ScratchDatabase database;
    /** How many migrations of the list asked for are applied on it. */
    private int applied;
    /** Why it cannot follow any more (an up that failed on it); {@code null} while it can. */
    private String broken;

    Checkpoint(ScratchServer server, MigrationGraph graph, Workspace.Opener fresh, Workspace.Opener again) {
        this.server = server;
        this.graph = graph;
        this.fresh = fresh;
        this.again = again;
    }

    /**
     * A new database holding what the ups of {@code ids} build, applied in that order from the rehearsal's starting
     * point; {@code ids} only grows from one call to the next. {@code null} when one of the ups fails without the
     * rest of the rehearsal around it.
     */
    ScratchDatabase copyAfter(List<String> ids) {
        if (broken != null) {
            return null;
        }
        Workspace work = database == null ? Workspace.open(server.createDatabase(), fresh)
                : Workspace.open(database, again);
        database = work.database;
        try {
            for (; applied < ids.size(); applied++) {
                if (!work.executor.up(graph.migration(ids.get(applied)), null).succeeded()) {
                    broken = ids.get(applied) + " fails when only the ups before it ran";
                    return null;
                }
            }
        } finally {
            work.disconnect();
        }
        return server.copyDatabase(database);
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
