package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * CREATE TYPE fails when the type exists. A migration that creates a type an earlier migration already
 * created fails on every database that ran the earlier one: the crash-loop of the seed incident.
 */
@RuleSpec(id = "unguarded-create-type", group = RuleGroup.RERUN, severity = Severity.ERROR,
        summary = "CREATE TYPE without a guard fails with \"type already exists\" when the type is already there.",
        otherwise = "info when no earlier migration created the type, unless `require.rerunnable` is true")
public final class UnguardedCreateType implements Rule {

    @Override
    public void check(RuleContext context) {
        List<String> types;
        if (context.command() instanceof Command.CreateType create && create.kind() != Command.TypeKind.SHELL) {
            types = List.of(SchemaState.typeKey(create.type()));
        } else if (context.command() instanceof Command.DoBlock block && !block.catchesDuplicateObject()
                && !block.checksCatalog()) {
            types = block.createsTypes();
        } else {
            return;
        }
        for (String type : types) {
            // the schema as this statement finds it: a DROP TYPE or a RENAME just before frees the name
            String earlier = context.current().typeCreatedBy(type);
            String fix = "Create it idempotently: DO $$ BEGIN CREATE TYPE " + type + " AS ENUM (...); "
                    + "EXCEPTION WHEN duplicate_object THEN null; END $$;";
            if (earlier != null) {
                context.report("CREATE TYPE " + type + " fails with 'type \"" + type
                                + "\" already exists': migration " + earlier + " already created it, so every database "
                                + "that ran " + earlier + " cannot apply this migration.",
                        "Remove the CREATE TYPE (the type exists), or guard it: " + fix.substring("Create it idempotently: ".length()));
            } else {
                context.report(context.facts().rerunnableRequired() ? Severity.ERROR : Severity.INFO,
                        "CREATE TYPE " + type + " is not guarded: running this migration again (a restart that "
                                + "re-applies it, a partial failure) fails with 'type \"" + type + "\" already exists'.",
                        fix);
            }
        }
    }
}
