package dev.schemaguard.lint.rules;

import dev.schemaguard.lint.LockTimeout;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.Token;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of the migration being checked, replayed in order from the schema before it, for what
 * a rule cannot tell from the one statement it is given: which table an index dropped here belongs to
 * (when this migration created the index), whether a materialized view is new, whether an earlier
 * statement set {@code lock_timeout}, took a lock with NOWAIT or added a constraint NOT VALID in the
 * same transaction, and which statement is the first to take a blocking lock. Rules stay stateless:
 * what they ask is answered from a replay of the migration's statements (Alembic's too: its op.* calls).
 * One replay per migration moves forward with the checked statement ({@link #at}), so asking at every
 * statement costs the statements once, not once per statement asked at. Not a rule: the rules share it.
 */
final class MigrationReplay {

    private final RuleContext context;
    /** Whether the checked statement runs in a transaction: locks taken earlier in it are still held. */
    private final boolean inTransaction;
    private final boolean replayed;
    private final Applied applied;
    /** The position of the checked statement in the replayed statements. */
    private final int current;
    /** Whether {@link #applied} is the migration's shared replay, which only {@link #at} moves. */
    private final boolean shared;

    /** A table lock the open transaction holds: its mode, and the statement that took it. */
    record Held(TableLocks.Mode mode, Statement statement) {
    }

    private MigrationReplay(RuleContext context, boolean inTransaction, boolean replayed, Applied applied,
                            int current, boolean shared) {
        this.context = context;
        this.inTransaction = inTransaction;
        this.replayed = replayed;
        this.applied = applied;
        this.current = current;
        this.shared = shared;
    }

    /**
     * A replay of the checked statement's migration of its own, standing at its first statement, answering as if
     * the checked statement's transaction were {@code inTransaction}.
     */
    static MigrationReplay of(RuleContext context, boolean inTransaction) {
        return new MigrationReplay(context, inTransaction, true,
                new Applied(context.steps(), context.before(), Later.of(context)), context.index(), false);
    }

    /**
     * The checked statement alone, answered from the context: a cheap first look, since no index or view is then
     * known to be new and no lock held, it finds a hazard wherever the full replay would, and maybe more.
     */
    static MigrationReplay alone(RuleContext context) {
        List<MigrationContext.Step> one = List.of(context.steps().get(context.index()));
        return new MigrationReplay(context, context.facts().inTransaction(), false,
                new Applied(one, context.before(), Later.NONE), 0, false);
    }

    /**
     * A replay standing at the checked statement, with every earlier statement applied; it cannot move. It is the
     * migration's shared replay, moved forward to the checked statement (the linter checks them in order).
     */
    static MigrationReplay at(RuleContext context) {
        Shared replays = context.perMigration(Shared.class, c -> new Shared());
        if (replays.applied == null || replays.applied.position > context.index()) {
            replays.applied = new Applied(context.steps(), context.before(), Later.of(context));
        }
        while (replays.applied.position < context.index()) {
            replays.applied.advance();
        }
        return new MigrationReplay(context, context.facts().inTransaction(), true, replays.applied, context.index(),
                true);
    }

    /** The replay {@link #at} moves forward with the checked statements of one migration. */
    private static final class Shared {
        private Applied applied;
    }

    /**
     * Where each table is dropped last in the migration, by key, made once per migration: whether a statement's table
     * is dropped later is then one look-up.
     */
    private record Later(Map<String, Integer> lastDrop) {

        static final Later NONE = new Later(Map.of());

        static Later of(RuleContext context) {
            return context.perMigration(Later.class, c -> {
                Map<String, Integer> lastDrop = new HashMap<>();
                List<MigrationContext.Step> steps = c.steps();
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).command() instanceof Command.DropTable drop) {
                        for (Command.Name table : drop.tables()) {
                            lastDrop.put(SchemaState.key(table), i);
                        }
                    }
                }
                return new Later(lastDrop);
            });
        }

        boolean droppedAfter(String key, int position) {
            Integer last = lastDrop.get(key);
            return last != null && last > position;
        }
    }

    /** Whether the migration's other statements are in view (false for the cheap look of {@link #alone}). */
    boolean replayed() {
        return replayed;
    }

    boolean atEnd() {
        return applied.position >= applied.steps.size();
    }

    /** Whether the replay stands at the statement the rule is checking. */
    boolean atCurrent() {
        return applied.position == current;
    }

    Statement statement() {
        return applied.statement();
    }

    Command command() {
        return applied.command();
    }

    /**
     * Whether a {@code SET lock_timeout} (or {@code SELECT set_config('lock_timeout', ...)}) other than 0 came
     * before this statement, read as the linter reads it.
     */
    boolean lockTimeoutSet() {
        return replayed ? applied.lockTimeoutSet : context.facts().lockTimeoutSet();
    }

    /** Whether the migration created the table before this statement, and it did not exist before. */
    boolean isNewTable(Command.Name table) {
        if (!replayed) {
            return context.isNewTable(table);
        }
        return applied.created.contains(SchemaState.key(table));
    }

    /** The table of an index this migration or an earlier one created and that still exists, or {@code null}. */
    Command.Name tableOfIndex(Command.Name index) {
        return applied.tableOfIndex(index);
    }

    /**
     * Whether a later statement of the migration drops the table: what is locked on its way out (its indexes dropped
     * first) is the DROP TABLE's lock, reported there.
     */
    boolean isDroppedLater(Command.Name table) {
        return applied.later.droppedAfter(SchemaState.key(table), applied.position);
    }

    /** Whether this migration created the materialized view before this statement. */
    boolean isNewView(Command.Name view) {
        return applied.views.contains(SchemaState.key(view));
    }

    /** Whether an earlier LOCK ... NOWAIT of the open transaction holds {@code mode}, or ACCESS EXCLUSIVE, on the table. */
    boolean holds(Command.Name table, TableLocks.Mode mode) {
        // A lock lasts until its transaction ends; the migration's runner semantics are the checked statement's.
        TableLocks.Mode held = applied.lockedWithoutWait.get(SchemaState.key(table));
        return inTransaction && held != null && (held == TableLocks.Mode.ACCESS_EXCLUSIVE || held == mode);
    }

    /**
     * The constraint {@code name} of the table if an earlier statement of the open transaction added it NOT VALID,
     * so that the lock that ADD CONSTRAINT took is still held; {@code null} otherwise.
     */
    Command.ConstraintDef addedNotValidInThisTransaction(Command.Name table, String name) {
        return inTransaction ? applied.addedNotValid.get(SchemaState.key(table) + "/" + name) : null;
    }

    /**
     * The lock an earlier statement of the checked statement's transaction took on the table and holds until it ends,
     * or {@code null}: statements outside a transaction hold nothing past themselves.
     */
    Held heldOn(Command.Name table) {
        return inTransaction ? applied.held.get(SchemaState.key(table)) : null;
    }

    /** Applies the statement's effects and moves to the next one; the shared replay of {@link #at} moves only there. */
    void advance() {
        if (shared) {
            throw new IllegalStateException("the replay at the checked statement is shared and cannot move");
        }
        applied.advance();
    }

    /** {@code LOCK ... NOWAIT} fails at once instead of queueing; NOWAIT is always its last word. */
    static boolean endsWithNowait(Statement statement) {
        List<Token> tokens = statement.tokens();
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1).isWord("nowait");
    }

    /** What the statements replayed so far did, and where the replay stands. */
    private static final class Applied {

        private final List<MigrationContext.Step> steps;
        private final SchemaState before;
        private final Later later;
        /** The indexes the statements replayed so far dropped. */
        private final Set<String> dropped = new HashSet<>();
        /** The tables (and materialized views) the statements replayed so far created, by key. */
        private final Set<String> created = new HashSet<>();
        /** The tables the statements replayed so far dropped, by key. */
        private final Set<String> droppedTables = new HashSet<>();
        private final Map<String, Command.Name> indexTables = new HashMap<>();
        private final Set<String> views = new HashSet<>();
        private final Map<String, TableLocks.Mode> lockedWithoutWait = new HashMap<>();
        private final Map<String, Command.ConstraintDef> addedNotValid = new HashMap<>();
        /** The strongest lock the open transaction took on each table (by key), and the statement that first took it. */
        private final Map<String, Held> held = new HashMap<>();
        private boolean lockTimeoutSet;
        private int position;

        Applied(List<MigrationContext.Step> steps, SchemaState before, Later later) {
            this.steps = steps;
            this.before = before;
            this.later = later;
        }

        Statement statement() {
            return steps.get(position).statement();
        }

        Command command() {
            return steps.get(position).command();
        }

        Command.Name tableOfIndex(Command.Name index) {
            Command.Name table = indexTables.get(index.name());
            return table != null || dropped.contains(index.name()) ? table : before.indexTable(index.name());
        }

        /** The tables a statement locks, each with the lock it takes. */
        private Map<Command.Name, TableLocks.Mode> locks(Command command) {
            Map<Command.Name, TableLocks.Mode> locks = new HashMap<>();
            if (command instanceof Command.AlterTable alter) {
                locks.put(alter.table(), TableLocks.of(alter));
            } else if (command instanceof Command.CreateIndex index && !index.concurrently()) {
                locks.put(index.table(), TableLocks.Mode.SHARE);
            } else if (command instanceof Command.Lock lock) {
                lock.tables().forEach(t -> locks.put(t, TableLocks.Mode.of(lock.mode())));
            } else if (command instanceof Command.CreateTrigger trigger) {
                locks.put(trigger.table(), TableLocks.Mode.SHARE_ROW_EXCLUSIVE);
            } else if (command instanceof Command.DropTrigger trigger) {
                locks.put(trigger.table(), TableLocks.Mode.ACCESS_EXCLUSIVE);
            } else if (command instanceof Command.Truncate truncate) {
                truncate.tables().forEach(t -> locks.put(t, TableLocks.Mode.ACCESS_EXCLUSIVE));
            } else if (command instanceof Command.DropIndex drop && !drop.concurrently()) {
                drop.indexes().stream().map(this::tableOfIndex).filter(java.util.Objects::nonNull)
                        .forEach(t -> locks.put(t, TableLocks.Mode.ACCESS_EXCLUSIVE));
            }
            return locks;
        }

        /** Applies the statement's effects and moves to the next one. */
        void advance() {
            Command command = command();
            if (command instanceof Command.Transaction t && t.kind() != Command.TransactionKind.SAVEPOINT
                    && t.kind() != Command.TransactionKind.RELEASE) {
                held.clear();
            }
            locks(command).forEach((table, mode) -> held.merge(SchemaState.key(table), new Held(mode, statement()),
                    (a, b) -> b.mode().compareTo(a.mode()) > 0 ? b : a));
            if (command instanceof Command.CreateIndex index && index.name() != null) {
                indexTables.put(index.name(), index.table());
            } else if (command instanceof Command.DropIndex drop) {
                drop.indexes().forEach(i -> {
                    indexTables.remove(i.name());
                    dropped.add(i.name());
                });
            } else if (command instanceof Command.CreateObject object && object.kind().equals("MATERIALIZED VIEW")
                    && object.name() != null) {
                views.add(SchemaState.key(object.name()));
            } else if (command instanceof Command.DropObject drop && drop.kind().equals("MATERIALIZED VIEW")) {
                drop.names().forEach(n -> views.remove(SchemaState.key(n)));
            } else if (LockTimeout.effect(statement(), command) != null) {
                lockTimeoutSet = LockTimeout.effect(statement(), command);
            } else if (command instanceof Command.Transaction t && t.kind() != Command.TransactionKind.SAVEPOINT
                    && t.kind() != Command.TransactionKind.RELEASE) {
                lockedWithoutWait.clear();
                addedNotValid.clear();
            } else if (command instanceof Command.AlterTable alter) {
                for (Command.AlterAction action : alter.actions()) {
                    if (action instanceof Command.AddConstraint add && add.constraint().notValid()
                            && add.constraint().name() != null) {
                        addedNotValid.put(SchemaState.key(alter.table()) + "/" + add.constraint().name(), add.constraint());
                    }
                }
            } else if (command instanceof Command.Lock lock && endsWithNowait(statement())) {
                TableLocks.Mode mode = TableLocks.Mode.of(lock.mode());
                lock.tables().forEach(t -> lockedWithoutWait.merge(SchemaState.key(t), mode,
                        (a, b) -> a.compareTo(b) >= 0 ? a : b));
            }
            if (command instanceof Command.CreateTable create) {
                // as the schema model takes it: a CREATE of a table that exists creates nothing
                String key = SchemaState.key(create.table());
                boolean exists = created.contains(key) || !droppedTables.contains(key)
                        && (create.ifNotExists() ? before.knowsTable(create.table()) : before.hasTable(create.table()));
                if (!exists) {
                    created.add(key);
                }
            } else if (command instanceof Command.CreateObject object && object.kind().equals("MATERIALIZED VIEW")
                    && object.name() != null) {
                created.add(SchemaState.key(object.name()));
            } else if (command instanceof Command.DropTable drop) {
                drop.tables().forEach(t -> {
                    created.remove(SchemaState.key(t));
                    droppedTables.add(SchemaState.key(t));
                });
            } else if (command instanceof Command.DropObject drop && drop.kind().equals("MATERIALIZED VIEW")) {
                drop.names().forEach(n -> created.remove(SchemaState.key(n)));
            } else if (command instanceof Command.Unrecognized unread) {
                // as the schema model takes them: tables that code not read may have created
                unread.mentions().forEach(n -> created.add(SchemaState.key(n)));
            } else if (command instanceof Command.AlterTable alter) {
                for (Command.AlterAction action : alter.actions()) {
                    if (action instanceof Command.RenameTable rename && created.remove(SchemaState.key(alter.table()))) {
                        created.add(SchemaState.key(new Command.Name(alter.table().schema(), rename.to())));
                    }
                }
            }
            position++;
        }
    }
}
