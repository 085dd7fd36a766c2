package dev.schemaguard.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The commands and their options, declared with picocli's programmatic API rather than its annotations: reading
 * annotations makes the JVM generate a proxy class for each annotation type and picocli reflect over every field,
 * which was most of a one-file lint's start-up; a model built in code costs a few milliseconds. A command reads its
 * values back from its parsed model.
 */
final class CommandSpecs {

    private CommandSpecs() {
    }

    /**
     * A command whose options are listed in the order they are added; once they are parsed, {@code command} makes
     * what runs it from them.
     */
    static CommandSpec command(String name, Function<CommandSpec, Callable<Integer>> command, String[] description,
                               String... footer) {
        Parsed parsed = new Parsed(command);
        parsed.spec = CommandSpec.wrapWithoutInspection(parsed).name(name);
        parsed.spec.usageMessage().description(description).footer(footer).sortOptions(false);
        return parsed.spec;
    }

    /** What picocli calls after parsing: the command made from its parsed options. */
    private static final class Parsed implements Callable<Integer> {
        private final Function<CommandSpec, Callable<Integer>> command;
        private CommandSpec spec;

        Parsed(Function<CommandSpec, Callable<Integer>> command) {
            this.command = command;
        }

        @Override
        public Integer call() throws Exception {
            return command.apply(spec).call();
        }
    }

    /** picocli's standard help and version options, as its {@code mixinStandardHelpOptions} adds them: last. */
    static CommandSpec withHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** The optional directory argument of the commands that read a project. */
    static PositionalParamSpec projectDirectory() {
        return PositionalParamSpec.builder().index("0").arity("0..1").defaultValue(".").paramLabel("PROJECT_DIR")
                .type(Path.class).description("The project directory (default: the current directory).").build();
    }

    /** An option that takes a value: {@code --name=LABEL}. */
    static OptionSpec option(String name, String label, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
    }

    /** An option that takes a value and has a default (which {@code ${DEFAULT-VALUE}} in its description shows). */
    static OptionSpec option(String name, String label, Class<?> type, String defaultValue, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).defaultValue(defaultValue)
                .description(description).build();
    }

    /** A repeatable option whose values may also be given comma-separated: {@code --name=LABEL[,LABEL...]}. */
    static OptionSpec listOption(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(java.util.List.class).auxiliaryTypes(String.class)
                .splitRegex(",").description(description).build();
    }

    /** An option without a value: {@code --name}, or {@code -n, --name}. */
    static OptionSpec flag(String description, String name, String... names) {
        return OptionSpec.builder(name, names).type(boolean.class).description(description).build();
    }

    /** The parsed value of {@code option} (its default when it was not given), or {@code null}. */
    @SuppressWarnings("unchecked")
    static <T> T value(CommandSpec parsed, String option) {
        return (T) parsed.findOption(option).getValue();
    }

    /** Whether the flag {@code option} was given. */
    static boolean isSet(CommandSpec parsed, String option) {
        return Boolean.TRUE.equals(parsed.findOption(option).getValue());
    }

    /** The parsed value of the command's first positional parameter. */
    @SuppressWarnings("unchecked")
    static <T> T argument(CommandSpec parsed) {
        return (T) parsed.positionalParameters().get(0).getValue();
    }
}
