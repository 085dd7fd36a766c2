package dev.schemaguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemaguard.postgres.AbandonedDatabases;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.EmbeddedServer;
import dev.schemaguard.report.Version;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

final class CleanupCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("cleanup", CleanupCommand::new,
                new String[] {"Removes what runs that died without cleaning up (SIGKILL, a stopped machine, a cancelled CI "
                + "job) left behind: this user's embedded-server folders and their servers, and with --db-url the "
                + "scratch databases of dead runs on that server.",
                "A scratch database is dropped only when its name is schemaguard_<random> and its comment holds a "
                        + "SchemaGuard lease that ran out more than 10 minutes ago: a run renews its leases every "
                        + "minute, from whatever machine it runs on, so a live run's databases are never touched, and "
                        + "a database without such a comment never is. Every run with --db-url does the same before "
                        + "it starts."},
                "", "Exit codes: 0 nothing abandoned is left, 1 an abandoned database could not be dropped (the "
                + "reason is listed), 2 the server cannot be reached or bad usage.",
                "", "Examples:", "  schemaguard cleanup",
                "  PGPASSWORD=... schemaguard cleanup --db-url postgresql://ci@db.internal/postgres --format json");
        spec.addOption(CommandSpecs.option("--db-url", "URL", String.class,
                "A server where --db-url rehearsals run (postgresql://user@host[:port]/database; the password from "
                        + "PGPASSWORD or ~/.pgpass, as libpq takes it)."));
        spec.addOption(CommandSpecs.option("--format", "FORMAT", String.class, "text",
                "text or json (default: ${DEFAULT-VALUE})."));
        return CommandSpecs.withHelpOptions(spec);
    }

    private final String dbUrl;
    private final String format;

    private CleanupCommand(CommandSpec parsed) {
        dbUrl = CommandSpecs.value(parsed, "--db-url");
        format = CommandSpecs.value(parsed, "--format");
    }

    @Override
    public Integer call() {
        if (!List.of("text", "json").contains(format)) {
            throw new UsageException("--format " + format + " is not available here; choose one of text, json");
        }
        DatabaseUrl url = dbUrl == null ? null : DatabaseUrl.parse(dbUrl);
        List<Path> runs = EmbeddedServer.removeAbandonedRuns();
        AbandonedDatabases.Result databases = url == null ? null : AbandonedDatabases.dropExpired(url);
        if (format.equals("json")) {
            Main.stdout().println(json(runs, databases));
        } else {
            Main.stdout().print(text(runs, databases));
        }
        return databases != null && !databases.failed().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static String text(List<Path> runs, AbandonedDatabases.Result databases) {
        StringBuilder out = new StringBuilder();
        out.append(runs.isEmpty() ? "No abandoned embedded-server folder.\n"
                : "Removed " + runs.size() + " abandoned embedded-server folder" + (runs.size() == 1 ? "" : "s") + ":\n");
        runs.forEach(run -> out.append("  ").append(run).append('\n'));
        if (databases != null) {
            out.append("Scratch databases on ").append(databases.server()).append(':');
            if (databases.dropped().isEmpty() && databases.kept().isEmpty() && databases.failed().isEmpty()) {
                out.append(" none\n");
                return out.toString();
            }
            out.append('\n');
            databases.dropped().forEach(name -> out.append("  dropped  ").append(name)
                    .append(": its run is gone (lease ran out)\n"));
            databases.failed().forEach(k -> out.append("  FAILED   ").append(k.name()).append(": ").append(k.reason())
                    .append('\n'));
            databases.kept().forEach(k -> out.append("  kept     ").append(k.name()).append(": ").append(k.reason())
                    .append('\n'));
        }
        return out.toString();
    }

    private static String json(List<Path> runs, AbandonedDatabases.Result databases) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", "schemaguard");
        root.put("version", Version.get());
        ArrayNode removed = root.putArray("embedded_runs_removed");
        runs.forEach(run -> removed.add(run.toString()));
        if (databases != null) {
            ObjectNode db = root.putObject("database");
            db.put("url", databases.server());
            ArrayNode dropped = db.putArray("dropped");
            databases.dropped().forEach(dropped::add);
            ArrayNode kept = db.putArray("kept");
            databases.kept().forEach(k -> kept.addObject().put("name", k.name()).put("reason", k.reason()));
            ArrayNode failed = db.putArray("failed");
            databases.failed().forEach(k -> failed.addObject().put("name", k.name()).put("reason", k.reason()));
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
