package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.postgres.CatalogReader;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.postgres.ScratchServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies lists of migrations from the rehearsal's starting point, each on a database of its own, for the
 * comparison of branch orders. A list is a prefix (the migrations before a fork) and a rest (its branches in one order
 * or the other): the prefix is applied once on a database kept as a template, each list goes on from a copy of it
 * ({@code CREATE DATABASE … TEMPLATE}), and the next prefix that begins with this one extends the template instead of
 * starting again; a list the next prefix begins with may go on on the template itself. On a history whose first
 * migration is a squashed schema, applying every list from an empty database replayed the whole history twice per
 * fork.
 */
final class SharedPrefixes implements AutoCloseable {

    private final ScratchServer server;
    private final MigrationGraph graph;
    /** Brings a new, empty database to the rehearsal's starting point and opens its executor. */
    private final Workspace.Opener fresh;
    /** Opens the executor again on a database already at some point. */
    private final Workspace.Opener again;
    /** Drops a database no longer needed (in the background: a drop waits for the server's other backends). */
    private final Consumer<ScratchDatabase> drop;
    /** The database at the migrations every prefix begins with, copied to start a template; {@code null} until then. */
    private ScratchDatabase base;
    /** Those migrations, when their ups failed (each prefix then starts from the start and fails where they do). */
    private List<String> failedCommon;
    private ScratchDatabase template;
    /** The migrations applied on the template, in order. */
    private List<String> templateIds = List.of();
    /** The prefix whose ups failed, with where; {@code null} when none did. */
    private List<String> failedPrefix;
    private RehearsalTrace.Applied prefixFailure;

    SharedPrefixes(ScratchServer server, MigrationGraph graph, Workspace.Opener fresh, Workspace.Opener again,
                   Consumer<ScratchDatabase> drop) {
        this.server = server;
        this.graph = graph;
        this.fresh = fresh;
        this.again = again;
        this.drop = drop;
    }

    /**
     * What applying the ups of {@code prefix} and then of {@code rest}, in that order, builds, or where it fails. When
     * {@code keep}, {@code rest} is applied on the template itself, which the next prefix then extends, rather than
     * on a copy.
     */
    RehearsalTrace.Applied apply(List<String> common, List<String> prefix, List<String> rest, boolean keep) {
        if (prefix.equals(failedPrefix)) {
            return prefixFailure;
        }
        RehearsalTrace.Applied failed = extendTemplate(common, prefix);
        if (failed != null) {
            failedPrefix = List.copyOf(prefix);
            prefixFailure = failed;
            return failed;
        }
        if (keep) {
            RehearsalTrace.Applied applied = applyOn(template, again, rest, true);
            if (applied.failure() != null) {
                discardTemplate();
            } else {
                List<String> ids = new ArrayList<>(prefix);
                ids.addAll(rest);
                templateIds = List.copyOf(ids);
            }
            return applied;
        }
        ScratchDatabase copy = server.copyDatabase(template);
        try {
            return applyOn(copy, again, rest, true);
        } finally {
            drop.accept(copy);
        }
    }

    /**
     * Brings the template to {@code prefix}: on from where it is when it begins with it, else from a copy of the
     * database every prefix begins at ({@code common}, applied once), else from the start.
     */
    private RehearsalTrace.Applied extendTemplate(List<String> common, List<String> prefix) {
        boolean continues = template != null && prefix.size() >= templateIds.size()
                && prefix.subList(0, templateIds.size()).equals(templateIds);
        if (!continues) {
            discardTemplate();
            if (base == null && !common.isEmpty() && !common.equals(failedCommon)) {
                base = server.createDatabase();
                RehearsalTrace.Applied failed = applyOn(base, fresh, common, false);
                if (failed != null) {
                    drop.accept(base);
                    base = null;
                    failedCommon = List.copyOf(common);
                }
            }
            boolean fromBase = base != null && prefix.size() >= common.size();
            template = fromBase ? server.copyDatabase(base) : server.createDatabase();
            templateIds = fromBase ? List.copyOf(common) : List.of();
            continues = fromBase;
        }
        RehearsalTrace.Applied failed = applyOn(template, continues ? again : fresh,
                prefix.subList(templateIds.size(), prefix.size()), false);
        if (failed != null) {
            discardTemplate();
            return failed;
        }
        templateIds = List.copyOf(prefix);
        return null;
    }

    /**
     * Applies the ups of {@code ids} on {@code db}: where the first that fails failed, else, when {@code read}, the
     * catalog they built, and {@code null} when not.
     */
    private RehearsalTrace.Applied applyOn(ScratchDatabase db, Workspace.Opener opener, List<String> ids,
                                           boolean read) {
        try (Connection c = db.connectSimple(); MigrationExecutor executor = opener.open(db, c)) {
            for (String id : ids) {
                Execution up = executor.up(graph.migration(id), null);
                if (!up.succeeded()) {
                    return new RehearsalTrace.Applied(null, id, up.failure());
                }
            }
            return read ? new RehearsalTrace.Applied(
                    Rehearsal.withoutRunnerTables(CatalogReader.read(c), executor.versionTables()), null, null)
                    : null;
        } catch (SQLException e) {
            throw new IllegalStateException("the rehearsal connection failed: " + e.getMessage(), e);
        }
    }

    private void discardTemplate() {
        if (template != null) {
            drop.accept(template);
            template = null;
            templateIds = List.of();
        }
    }

    @Override
    public void close() {
        discardTemplate();
        if (base != null) {
            drop.accept(base);
            base = null;
        }
    }
}
