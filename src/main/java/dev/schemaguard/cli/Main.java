package dev.schemaguard.cli;

import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.report.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

@Command(name = "schemaguard", mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Stops a PostgreSQL schema migration from breaking production.", ""},
        subcommands = {InitCommand.class, CheckCommand.class, GraphCommand.class, LintCommand.class, RehearseCommand.class, ConsumersCommand.class, StatusCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'schemaguard help <command>' for a command's options.",
                "Exit codes: 0 passed, 1 findings at or above --fail-on, 2 bad usage or input, 3 internal error."})
public final class Main implements Runnable {

    private static final PrintStream STDOUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final PrintStream STDERR = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.exit(run(args, STDOUT, STDERR));
    }

    /** Runs the command line and returns its exit code; the entry point for tests too. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("schemaguard: " + e.getMessage());
            CommandLine command = e.getCommandLine();
            String name = command.getCommandName();
            err.println(name.equals("schemaguard") ? "Run 'schemaguard --help' for usage."
                    : "Run 'schemaguard help " + name + "' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof InputException input) {
                err.println("schemaguard: error: " + input.describe());
                if (debug) {
                    e.printStackTrace(err);
                }
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof UsageException) {
                err.println("schemaguard: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            err.println("schemaguard: internal error: " + DatabaseUrl.redact(String.valueOf(e)));
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("This is a bug in SchemaGuard. Rerun with --debug and report the output.");
            }
            return ExitCodes.INTERNAL_ERROR;
        });
        STDOUT_FOR_COMMANDS.set(out);
        STDERR_FOR_COMMANDS.set(err);
        try {
            return cli.execute(args);
        } finally {
            STDOUT_FOR_COMMANDS.remove();
            STDERR_FOR_COMMANDS.remove();
        }
    }

    private static final ThreadLocal<PrintStream> STDOUT_FOR_COMMANDS = new ThreadLocal<>();
    private static final ThreadLocal<PrintStream> STDERR_FOR_COMMANDS = new ThreadLocal<>();

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

    @Override
    public void run() {
        // Without a command: show what there is.
        new CommandLine(this).usage(STDOUT_FOR_COMMANDS.get() != null ? STDOUT_FOR_COMMANDS.get() : STDOUT);
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"schemaguard " + Version.get()};
        }
    }
}
