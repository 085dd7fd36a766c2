package dev.schemaguard.cli;

import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleDocs;
import dev.schemaguard.graph.NearestIds;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

final class ExplainCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("explain", ExplainCommand::new,
                new String[] {"A rule's documentation: what it finds, why it matters, how to fix it, an example.",
                "Without a rule id, lists every rule with its summary."});
        spec.addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("RULE").type(String.class)
                .description("A rule id, e.g. drop-column.").build());
        return CommandSpecs.withHelpOptions(spec);
    }

    private final String rule;

    private ExplainCommand(CommandSpec parsed) {
        rule = CommandSpecs.argument(parsed);
    }

    @Override
    public Integer call() {
        if (rule == null) {
            StringBuilder out = new StringBuilder();
            for (RuleCatalogue.Entry entry : RuleCatalogue.entries()) {
                out.append(String.format("%-32s %s%n", entry.id(), entry.summary()));
            }
            Main.stdout().print(out);
            return ExitCodes.OK;
        }
        if (!RuleCatalogue.contains(rule)) {
            List<String> near = RuleCatalogue.ids().stream()
                    .sorted(Comparator.comparingInt(id -> NearestIds.distance(id, rule, Integer.MAX_VALUE - 1))).limit(3).toList();
            throw new UsageException("'" + rule + "' is not a rule id; did you mean " + String.join(", ", near)
                    + "? 'schemaguard explain' lists them all.");
        }
        Main.stdout().print(RuleDocs.markdown(rule));
        return ExitCodes.OK;
    }
}
