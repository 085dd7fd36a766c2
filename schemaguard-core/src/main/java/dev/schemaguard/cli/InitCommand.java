package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.io.InputException;
import dev.schemaguard.lint.RunnerSemantics;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.source.MigrationSet;
import dev.schemaguard.source.MigrationSource;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class InitCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("init", InitCommand::new,
                new String[] {"Detect the project's migration layout and write a commented schemaguard.yml saying what "
                + "was found: the format, the folder, how the runner uses transactions, and where to declare the "
                + "services that share the database.",
                "Then prints the first command to run."},
                "", "Example:", "  schemaguard init", "  schemaguard init services/billing");
        spec.addPositional(CommandSpecs.projectDirectory());
        spec.addOption(CommandSpecs.flag("Overwrite an existing configuration file.", "--force"));
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final boolean force;

    private InitCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        force = CommandSpecs.isSet(parsed, "--force");
    }

    @Override
    public Integer call() {
        Path dir = projectDir.toAbsolutePath().normalize();
        for (String name : ConfigLoader.FILE_NAMES) {
            if (Files.exists(dir.resolve(name)) && !force) {
                throw new InputException(projectDir.resolve(name), "a configuration already exists; edit it, or run "
                        + "init --force to write a new one in its place");
            }
        }
        MigrationSet set = new MigrationSource().load(dir, dir, Config.defaults().migrations());
        Path file = dir.resolve(ConfigLoader.FILE_NAME);
        try {
            if (force) {
                for (String name : ConfigLoader.FILE_NAMES) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
            Files.writeString(file, yaml(set, runnerConfiguration(dir, set.format())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(projectDir.resolve(ConfigLoader.FILE_NAME), "cannot write it: " + e.getMessage());
        }
        boolean here = projectDir.toString().isEmpty() || projectDir.equals(Path.of("."));
        String shown = here ? "" : " " + projectDir;
        Main.stdout().println("Wrote " + (here ? Path.of(ConfigLoader.FILE_NAME) : projectDir.resolve(ConfigLoader.FILE_NAME))
                + ": " + set.summary() + ".");
        Main.stdout().println("Next: schemaguard check" + shown);
        return ExitCodes.OK;
    }

    /**
     * The runner's own file that says where the migrations are (alembic.ini, Flyway's configuration), or {@code null}:
     * with one, migrations.path is left out so that the runner's file stays the one place that says it.
     */
    private static String runnerConfiguration(Path dir, MigrationFormat format) {
        List<String> candidates = switch (format) {
            case ALEMBIC -> List.of("alembic.ini");
            case FLYWAY -> List.of("flyway.conf", "flyway.toml", "src/main/resources/application.properties",
                    "src/main/resources/application.yml", "src/main/resources/application.yaml");
            default -> List.of();
        };
        for (String candidate : candidates) {
            Path file = dir.resolve(candidate);
            try {
                if (Files.isRegularFile(file) && (format == MigrationFormat.ALEMBIC
                        || Files.readString(file, StandardCharsets.UTF_8).contains("locations"))) {
                    return candidate;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** The configuration, commented: what was found and why each setting is what it is. */
    static String yaml(MigrationSet set, String runnerConfiguration) {
        List<String> lines = new ArrayList<>();
        lines.add("# SchemaGuard's configuration, written by 'schemaguard init' from what it found in this project.");
        lines.add("# Every setting is optional: remove one and SchemaGuard detects it again. The README's");
        lines.add("# Configuration section lists them all; 'schemaguard explain RULE' documents each rule.");
        lines.add("");
        lines.add("migrations:");
        lines.add("  # found: " + set.summary());
        for (String note : set.notes()) {
            lines.add("  # note: " + note);
        }
        if (set.format() == MigrationFormat.DJANGO) {
            // a path would hold one app: an app added later would go unread
            lines.add("  # path is left out: every app's migrations package is found and read as one graph, as Django");
            lines.add("  # loads them, apps added later included");
        } else if (runnerConfiguration != null || set.sources().size() > 1) {
            lines.add("  # path is left out: " + (runnerConfiguration != null ? runnerConfiguration
                    : "the runner's own configuration") + " says where the migrations are, and SchemaGuard");
            lines.add("  # reads it as the runner does");
        } else {
            lines.add("  path: " + quoted(set.display(set.sources().get(0).dir())));
        }
        lines.add("  format: " + set.format().configName());
        lines.add("  # " + RunnerSemantics.runner(set.format()) + ".");
        lines.add("  # auto follows the runner; per-file or none only if your deploy runs the migrations otherwise.");
        lines.add("  transaction: auto");
        lines.add("");
        if (set.format() != MigrationFormat.PRISMA) {
            lines.add("# Ask that every migration has a down migration that undoes it (down-missing otherwise):");
            lines.add("# require:");
            lines.add("#   down_migrations: true");
            lines.add("");
        }
        lines.add("# The services that read or write the same database: a migration that breaks one of their");
        lines.add("# queries fails the check (consumer-breaking-change), naming the consumer's file and line.");
        lines.add("# consumers:");
        lines.add("#   - name: billing-service");
        lines.add("#     path: ../billing-service");
        lines.add("#     include: [\"src/**/*.ts\"]");
        lines.add("#     min_coverage: 90     # fail when less of its SQL is analysed in full (percent)");
        lines.add("");
        lines.add("# Severity overrides, by rule id (error, warning, info or off):");
        lines.add("# rules:");
        lines.add("#   index-not-concurrent: error");
        return String.join("\n", lines) + "\n";
    }

    /** A YAML scalar that stays a string whatever the path looks like. */
    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_./-]+") && !value.equals(".") ? value : "\"" + value.replace("\"", "\\\"") + "\"";
    }
}
