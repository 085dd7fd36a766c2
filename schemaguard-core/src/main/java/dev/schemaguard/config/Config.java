package dev.schemaguard.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The contents of {@code schemaguard.yml}. Every section is optional; a missing one takes its defaults.
 */
public record Config(
        @JsonProperty("migrations") Migrations migrations,
        @JsonProperty("database") Database database,
        @JsonProperty("require") Require require,
        @JsonProperty("consumers") List<Consumer> consumers,
        @JsonProperty("rules") Map<String, String> rules,
        @JsonProperty("alembic") Alembic alembic,
        @JsonProperty("django") Django django) {

    /** The settings a project without {@code schemaguard.yml} gets. */
    public static Config defaults() {
        return new Config(null, null, null, null, null, null, null);
    }

    public Config {
        migrations = migrations == null ? new Migrations(null, null) : migrations;
        database = database == null ? new Database(null, null, null) : database;
        require = require == null ? new Require(null, null) : require;
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        alembic = alembic == null ? new Alembic(null, null, null) : alembic;
        django = django == null ? new Django(null, null) : django;
    }

    /**
     * Where the migrations are and how they are written.
     *
     * @param path        the migrations directory relative to the project; {@code null} to detect it
     * @param format      {@code auto} or a format name
     * @param transaction how the runner wraps each migration: {@code auto} (what the format's runner does),
     *                    {@code per-file} (one transaction per migration) or {@code none} (statements run
     *                    one by one, as {@code psql -f} runs a file)
     * @param allowEmpty  whether a history without migrations is expected (a new project): without it, finding no
     *                    migration is an error, never a pass that checked nothing
     * @param judgeFrom   the first migration to judge: those it comes after (its ancestors) still build the schema
     *                    the others are judged against, but their own findings are not reported; {@code null} to
     *                    judge every migration
     */
    public record Migrations(
            @JsonProperty("path") String path,
            @JsonProperty("format") String format,
            @JsonProperty("transaction") String transaction,
            @JsonProperty("allow_empty") Boolean allowEmpty,
            @JsonProperty("judge_from") String judgeFrom) {

        public Migrations {
            format = format == null ? "auto" : format;
            transaction = transaction == null ? "auto" : transaction;
            allowEmpty = allowEmpty != null && allowEmpty;
        }

        public Migrations(String path, String format) {
            this(path, format, null, null, null);
        }

        public Migrations(String path, String format, String transaction) {
            this(path, format, transaction, null, null);
        }
    }

    /**
     * The server the rehearsal uses.
     *
     * @param url              {@code embedded} or a PostgreSQL URL
     * @param baseline         a schema dump the rehearsal starts from
     * @param baselineRevision the revision the baseline corresponds to
     */
    public record Database(
            @JsonProperty("url") String url,
            @JsonProperty("baseline") String baseline,
            @JsonProperty("baseline_revision") String baselineRevision) {

        public Database {
            url = url == null ? "embedded" : url;
        }
    }

    /** What every migration must offer. */
    public record Require(
            @JsonProperty("down_migrations") Boolean downMigrations,
            @JsonProperty("rerunnable") Boolean rerunnable) {

        public Require {
            downMigrations = downMigrations != null && downMigrations;
            rerunnable = rerunnable != null && rerunnable;
        }
    }

    /**
     * A service that reads or writes the same database.
     *
     * @param name        what reports call it
     * @param path        its folder, relative to the project
     * @param include     globs of the files to scan; empty for every file of a language the scan reads
     * @param minCoverage the share of its queries, in percent, that must be analysed in full for the gate to pass;
     *                    {@code null} when none is asked for
     * @param exclude     queries in another dialect (ClickHouse, SQLite), left out of the analysis and counted
     * @param placeholders regular expressions of the consumer's own placeholder syntax ({@code @\w+}): each match is a
     *                    parameter
     * @param helpers     the consumer's data-access helpers: which of their arguments name a table and its columns
     * @param presets     names of shipped helper signatures to add ({@link HelperPresets})
     */
    public record Consumer(
            @JsonProperty("name") String name,
            @JsonProperty("path") String path,
            @JsonProperty("include") List<String> include,
            @JsonProperty("min_coverage") Integer minCoverage,
            @JsonProperty("exclude") Exclude exclude,
            @JsonProperty("placeholders") List<String> placeholders,
            @JsonProperty("helpers") List<Helper> helpers,
            @JsonProperty("presets") List<String> presets) {

        public Consumer {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? new Exclude(null, null) : exclude;
            placeholders = placeholders == null ? List.of() : List.copyOf(placeholders);
            helpers = helpers == null ? List.of() : List.copyOf(helpers);
            presets = presets == null ? List.of() : List.copyOf(presets);
        }

        public Consumer(String name, String path, List<String> include) {
            this(name, path, include, null, null, null, null, null);
        }

        /** The helpers it declares, then those of its presets (an unknown preset adds none: validation says so). */
        public List<Helper> allHelpers() {
            List<Helper> all = new java.util.ArrayList<>(helpers);
            presets.forEach(name -> all.addAll(HelperPresets.of(name) == null ? List.of() : HelperPresets.of(name)));
            return all;
        }

        /** The same consumer, asking for at least {@code percent} of its queries analysed in full. */
        public Consumer withMinCoverage(int percent) {
            return new Consumer(name, path, include, minCoverage == null ? percent : Math.max(minCoverage, percent),
                    exclude, placeholders, helpers, presets);
        }
    }

    /**
     * Queries of a consumer that are not PostgreSQL, left out (and counted as left out).
     *
     * @param files     globs of files, relative to the consumer, whose queries are left out
     * @param functions names of functions whose queries are left out: the function the query is written in
     *                  ({@code clickhouseQuery}), or the one it is passed to ({@code clickhouse.query},
     *                  {@code query})
     */
    public record Exclude(
            @JsonProperty("files") List<String> files,
            @JsonProperty("functions") List<String> functions) {

        public Exclude {
            files = files == null ? List.of() : List.copyOf(files);
            functions = functions == null ? List.of() : List.copyOf(functions);
        }
    }

    /**
     * A data-access helper of a consumer: a call that reads or writes a table named in an argument. An argument is
     * named by its keyword, its position (from 1), or both ({@code table:1}: keyword {@code table}, else the first).
     *
     * @param function the helper's names
     * @param table    the argument naming the table
     * @param reads    arguments holding columns read: a string, a list of strings, or a dict (its keys)
     * @param writes   arguments holding columns written
     * @param access   {@code read} or {@code write}: what the call does to the table; default write when it writes
     *                 columns, else read
     */
    public record Helper(
            @JsonProperty("function") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> function,
            @JsonProperty("table") String table,
            @JsonProperty("reads") List<String> reads,
            @JsonProperty("writes") List<String> writes,
            @JsonProperty("access") String access) {

        public Helper {
            function = function == null ? List.of() : List.copyOf(function);
            reads = reads == null ? List.of() : List.copyOf(reads);
            writes = writes == null ? List.of() : List.copyOf(writes);
            access = access == null ? (writes.isEmpty() ? "read" : "write") : access;
        }
    }

    /**
     * How the rehearsal runs the project's own Alembic.
     *
     * @param config the Alembic configuration file, relative to the project
     * @param urlEnv environment variables env.py reads the database URL from (one name or a list in YAML); empty
     *               to detect them in env.py
     * @param python the Python interpreter that has the project's Alembic; {@code null} to find one
     */
    public record Alembic(
            @JsonProperty("config") String config,
            @JsonProperty("url_env") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<String> urlEnv,
            @JsonProperty("python") String python) {

        public Alembic {
            config = config == null ? "alembic.ini" : config;
            urlEnv = urlEnv == null ? List.of() : List.copyOf(urlEnv);
        }
    }

    /**
     * How the rehearsal runs the project's own Django.
     *
     * @param settings the settings module ({@code league.settings}); {@code null} for the default manage.py sets
     * @param python   the Python interpreter that has the project's Django; {@code null} to find one
     */
    public record Django(
            @JsonProperty("settings") String settings,
            @JsonProperty("python") String python) {
    }
}
