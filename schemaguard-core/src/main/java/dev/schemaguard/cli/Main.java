package dev.schemaguard.cli;

import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.report.Version;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

public final class Main {

    /** SchemaGuard's commands by name, in the order the usage lists them; picocli's help and completion follow. */
    private static final Map<String, Supplier<CommandSpec>> COMMANDS = commands();

    private static Map<String, Supplier<CommandSpec>> commands() {
        Map<String, Supplier<CommandSpec>> commands = new LinkedHashMap<>();
        commands.put("init", InitCommand::spec);
        commands.put("check", CheckCommand::spec);
        commands.put("graph", GraphCommand::spec);
        commands.put("lint", LintCommand::spec);
        commands.put("rehearse", RehearseCommand::spec);
        commands.put("consumers", ConsumersCommand::spec);
        commands.put("status", StatusCommand::spec);
        commands.put("explain", ExplainCommand::spec);
        commands.put("cleanup", CleanupCommand::spec);
        return commands;
    }

    private CommandSpec spec;

    private static final PrintStream STDOUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final PrintStream STDERR = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.exit(run(args, STDOUT, STDERR));
    }

    /** Runs the command line and returns its exit code; the entry point for tests too. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the command line with {@code in} as its standard input ({@code lint -}). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv());
    }

    /** Runs the command line with {@code env} as its environment (GITHUB_ACTIONS, the CI's addresses). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setParameterExceptionHandler((e, arguments) -> {
            // picocli quotes the arguments it could not use, and one of them may be a URL with a password.
            err.println("schemaguard: " + DatabaseUrl.redact(e.getMessage()));
            CommandLine command = e.getCommandLine();
            String name = command.getCommandName();
            err.println(name.equals("schemaguard") ? "Run 'schemaguard --help' for usage."
                    : "Run 'schemaguard help " + name + "' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> report(e, err, debug));
        STDOUT_FOR_COMMANDS.set(out);
        STDERR_FOR_COMMANDS.set(err);
        STDIN_FOR_COMMANDS.set(in);
        ENV_FOR_COMMANDS.set(Map.copyOf(env));
        try {
            return cli.execute(args);
        } catch (Throwable e) {
            // picocli hands only Exceptions to the handler; an Error (a stack overflow, running out of memory)
            // comes through here, and still ends as one line and exit 3.
            return report(e, err, debug);
        } finally {
            STDOUT_FOR_COMMANDS.remove();
            STDERR_FOR_COMMANDS.remove();
            STDIN_FOR_COMMANDS.remove();
            ENV_FOR_COMMANDS.remove();
        }
    }

    /**
     * The command line, with only the command that {@code args} start with when they name one: picocli reads every
     * option of every command it is given before parsing, and a one-file lint would wait for all of them. Anything
     * else (no command, an option first, a misspelt command, help and completion, which list the others) gets every
     * command, as the usage lists them.
     */
    private static CommandLine commandLine(String[] args) {
        Main main = new Main();
        main.spec = CommandSpecs.withHelpOptions(CommandSpecs.command("schemaguard", parsed -> main::call,
                new String[] {"Stops a PostgreSQL schema migration from breaking production.", ""},
                "", "Run 'schemaguard help <command>' for a command's options.",
                "Exit codes: 0 passed, 1 findings at or above --fail-on, 2 bad usage or input, 3 internal error."));
        main.spec.usageMessage().sortOptions(true);
        main.spec.versionProvider(new VersionProvider());
        CommandLine cli = new CommandLine(main.spec);
        Supplier<CommandSpec> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            COMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
            cli.addSubcommand(CommandLine.HelpCommand.class);
            cli.addSubcommand(AutoComplete.GenerateCompletion.class);
        }
        return cli;
    }

    /** The exit code of what a command threw: bad input is the user's to fix (2), anything else is a bug (3). */
    static int exitCode(Throwable e) {
        return e instanceof InputException || e instanceof UsageException ? ExitCodes.BAD_INPUT
                : ExitCodes.INTERNAL_ERROR;
    }

    /** Prints what a command threw as one line (its trace with --debug) and returns the exit code for it. */
    private static int report(Throwable e, PrintStream err, boolean debug) {
        if (e instanceof InputException input) {
            err.println("schemaguard: error: " + DatabaseUrl.redact(input.describe()));
        } else if (e instanceof UsageException) {
            err.println("schemaguard: " + DatabaseUrl.redact(e.getMessage()));
        } else if (e instanceof OutOfMemoryError) {
            err.println("schemaguard: internal error: out of memory (" + e.getMessage() + "); the Java heap was "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB. Give it more, for example with "
                    + "JAVA_TOOL_OPTIONS=-Xmx4g, or check fewer files at once.");
        } else if (e instanceof StackOverflowError) {
            err.println("schemaguard: internal error: the input is nested too deeply to analyse (stack overflow). "
                    + "This is a bug in SchemaGuard: rerun with --debug and report the output.");
        } else {
            err.println("schemaguard: internal error: " + DatabaseUrl.redact(String.valueOf(e)));
            if (!debug) {
                err.println("This is a bug in SchemaGuard. Rerun with --debug and report the output.");
            }
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return exitCode(e);
    }

    private static final ThreadLocal<PrintStream> STDOUT_FOR_COMMANDS = new ThreadLocal<>();
    private static final ThreadLocal<PrintStream> STDERR_FOR_COMMANDS = new ThreadLocal<>();
    private static final ThreadLocal<InputStream> STDIN_FOR_COMMANDS = new ThreadLocal<>();
    private static final ThreadLocal<Map<String, String>> ENV_FOR_COMMANDS = new ThreadLocal<>();

    /** The environment commands read: the process's, or the one a test passed to {@link #run}. */
    static Map<String, String> environment() {
        Map<String, String> env = ENV_FOR_COMMANDS.get();
        return env != null ? env : System.getenv();
    }

    /** Where commands read standard input from: the process's, or the stream a test passed to {@link #run}. */
    static InputStream stdin() {
        InputStream in = STDIN_FOR_COMMANDS.get();
        return in != null ? in : System.in;
    }

    /** Where commands print progress and notes: standard error, or the stream a test passed to {@link #run}. */
    static PrintStream stderr() {
        PrintStream err = STDERR_FOR_COMMANDS.get();
        return err != null ? err : STDERR;
    }

    /** Where commands print their report: standard output, or the stream a test passed to {@link #run}. */
    static PrintStream stdout() {
        PrintStream out = STDOUT_FOR_COMMANDS.get();
        return out != null ? out : STDOUT;
    }

    /** Without a command: shows what there is. */
    private int call() {
        spec.commandLine().usage(STDOUT_FOR_COMMANDS.get() != null ? STDOUT_FOR_COMMANDS.get() : STDOUT);
        return ExitCodes.OK;
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"schemaguard " + Version.get()};
        }
    }
}
