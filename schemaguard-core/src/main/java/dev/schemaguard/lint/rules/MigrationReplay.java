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
 * each check replays the migration's statements (Alembic's too: its op.* calls) from the context.
 * Not a rule: the rules share it.
 */
final class MigrationReplay {

    private final RuleContext context;
    private final List<MigrationContext.Step> steps;
    private final int current;
    private final boolean replayed;
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

    /** A table lock the open transaction holds: its mode, and the statement that took it. */
    record Held(TableLocks.Mode mode, Statement statement) {
    }

    private MigrationReplay(RuleContext context, List<MigrationContext.Step> steps, int current, boolean replayed) {
        this.context = context;
        this.steps = steps;
        this.current = current;
        this.replayed = replayed;
    }

    /** A replay of the checked statement's migration, standing at its first statement. */
    static MigrationReplay of(RuleContext context) {
        return new MigrationReplay(context, context.steps(), context.index(), true);
    }

    /**
     * The checked statement alone, answered from the context: a cheap first look, since no index or view is then
     * known to be new and no lock held, it finds a hazard wherever the full replay would, and maybe more.
     */
    static MigrationReplay alone(RuleContext context) {
        return new MigrationReplay(context, List.of(context.steps().get(context.index())), 0, false);
    }

    /** A replay standing at the checked statement, with every earlier statement applied. */
    static MigrationReplay at(RuleContext context) {
        MigrationReplay replay = of(context);
        while (!replay.atCurrent()) {
            replay.advance();
        }
        return replay;
    }

    /** Whether the migration's other statements are in view (false for the cheap look of {@link #alone}). */
    boolean replayed() {
        return replayed;
    }

    boolean atEnd() {
        return position >= steps.size();
    }

    /** Whether the replay stands at the statement the rule is checking. */
    boolean atCurrent() {
        return position == current;
    }

    Statement statement() {
        return steps.get(position).statement();
    }

    Command command() {
        return steps.get(position).command();
    }

    /**
     * Whether a {@code SET lock_timeout} (or {@code SELECT set_config('lock_timeout', ...)}) other than 0 came
     * before this statement, read as the linter reads it.
     */
    boolean lockTimeoutSet() {
        return replayed ? lockTimeoutSet : context.facts().lockTimeoutSet();
    }

    /** Whether the migration created the table before this statement, and it did not exist before. */
    boolean isNewTable(Command.Name table) {
        if (!replayed) {
            return context.isNewTable(table);
        }
        return created.contains(SchemaState.key(table));
    }

    /** The table of an index this migration or an earlier one created and that still exists, or {@code null}. */
    Command.Name tableOfIndex(Command.Name index) {
        Command.Name table = indexTables.get(index.name());
        return table != null || dropped.contains(index.name()) ? table : context.before().indexTable(index.name());
    }

    /**
     * Whether a later statement of the migration drops the table: what is locked on its way out (its indexes dropped
     * first) is the DROP TABLE's lock, reported there.
     */
    boolean isDroppedLater(Command.Name table) {
        String key = SchemaState.key(table);
        for (int i = position + 1; i < steps.size(); i++) {
            if (steps.get(i).command() instanceof Command.DropTable drop
                    && drop.tables().stream().anyMatch(t -> SchemaState.key(t).equals(key))) {
                return true;
            }
        }
        return false;
    }

    /** Whether this migration created the materialized view before this statement. */
    boolean isNewView(Command.Name view) {
        return views.contains(SchemaState.key(view));
    }

    /** Whether an earlier LOCK ... NOWAIT of the open transaction holds {@code mode}, or ACCESS EXCLUSIVE, on the table. */
    boolean holds(Command.Name table, TableLocks.Mode mode) {
        // A lock lasts until its transaction ends; the migration's runner semantics are the checked statement's.
        TableLocks.Mode held = lockedWithoutWait.get(SchemaState.key(table));
        return context.facts().inTransaction() && held != null
                && (held == TableLocks.Mode.ACCESS_EXCLUSIVE || held == mode);
    }

    /**
     * The constraint {@code name} of the table if an earlier statement of the open transaction added it NOT VALID,
     * so that the lock that ADD CONSTRAINT took is still held; {@code null} otherwise.
     */
    Command.ConstraintDef addedNotValidInThisTransaction(Command.Name table, String name) {
        return context.facts().inTransaction() ? addedNotValid.get(SchemaState.key(table) + "/" + name) : null;
    }

    /**
     * The lock an earlier statement of the checked statement's transaction took on the table and holds until it ends,
     * or {@code null}: statements outside a transaction hold nothing past themselves.
     */
    Held heldOn(Command.Name table) {
        return context.facts().inTransaction() ? held.get(SchemaState.key(table)) : null;
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
            SchemaState before = context.before();
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

    /** {@code LOCK ... NOWAIT} fails at once instead of queueing; NOWAIT is always its last word. */
    static boolean endsWithNowait(Statement statement) {
        List<Token> tokens = statement.tokens();
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1).isWord("nowait");
    }
}
