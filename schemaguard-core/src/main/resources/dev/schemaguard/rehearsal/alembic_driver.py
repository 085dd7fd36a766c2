"""SchemaGuard's driver for the project's own Alembic.

Started by AlembicExecutor with the project directory as working directory, after the drivers' common part
(driver_common.py) in the same file.

Each request runs exactly one revision step through Alembic's own machinery (EnvironmentContext + env.py), so
env.py, its transaction settings and the version table behave as in production.

  {"op": "open", "config": "alembic.ini", "url": {...}, "url_env": [...] or null, "database": "scratch name"}
  {"op": "up", "rev": "008", "trace": [oid, ...] or null}
  {"op": "down", "rev": "008"}
  {"op": "rerun", "rev": "008"}
  {"op": "has_down", "rev": "008"}
  {"op": "stamp", "revs": ["0001"]}     (sets the version table to these revisions, as `alembic stamp` does)
  {"op": "quit"}

Every response to a request that ran env.py names the version table env.py configured ("version_table",
"version_table_schema"): it is the runner's bookkeeping, not the application's schema.
"""
PYTHON_SETTING = "alembic.python"

from alembic.config import Config  # noqa: E402
from alembic.runtime.environment import EnvironmentContext  # noqa: E402
from alembic.runtime.migration import RevisionStep  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import URL, Engine  # noqa: E402
from sqlalchemy.pool import Pool  # noqa: E402

URL_VARIABLE = re.compile(
    r"""(?:environ\.get|environ\.setdefault|getenv)\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]"""
    r"""|environ\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]""")


class Project:
    """The project's Alembic configuration and script directory, bound to the scratch database."""

    def __init__(self, request):
        address = request["url"]
        host, port, query = address["host"], address["port"], dict(address.get("query") or {})
        socket = None
        if host.startswith("/"):
            # A Unix socket's directory: libpq takes it as host, and SQLAlchemy from the query
            # (postgresql://user@/db?host=/dir&port=5432). Written there unescaped: env.py often hands the URL to
            # ConfigParser, to which a %2F is an interpolation error.
            socket = "host=%s&port=%s" % (quote(host, safe="/-_.~"), port)
            host = port = None
        url = URL.create(
            "postgresql",
            username=address["user"],
            password=address.get("password"),
            host=host,
            port=port,
            database=address["database"],
            query=query,
        )
        text = url.render_as_string(hide_password=False)
        if socket:
            text += ("&" if "?" in text else "?") + socket
        SECRETS[:] = [s for s in (text, request["url"].get("password")) if s]
        self.config = Config(request["config"], stdout=sys.stderr)
        # ConfigParser interpolates %, and a URL-encoded password may hold one.
        self.config.set_main_option("sqlalchemy.url", text.replace("%", "%%"))
        self.script = ScriptDirectory.from_config(self.config)
        env_py = os.path.join(self.script.dir, "env.py")
        self.url_env = request["url_env"] if request.get("url_env") is not None else detect_url_variables(env_py)
        for name in self.url_env:
            os.environ[name] = text
        for _ in self.script.walk_revisions():
            pass  # loads every revision file now, so a broken one is reported once, at open
        self.version_table = None  # (name, schema) once env.py has run
        self.opened = {"url_env": self.url_env}  # what the response to open tells

    def revision(self, rev):
        try:
            return self.script.get_revision(rev)
        except Exception as error:
            raise Failure({"ok": False, "sqlstate": "", "message": "no revision %s in the project's Alembic "
                           "scripts: %s" % (rev, first_line(str(error)))})

    def run(self, fn, destination):
        def noting_the_version_table(heads, context):
            self.version_table = (context.version_table, context.version_table_schema)
            return fn(heads, context)

        with EnvironmentContext(self.config, self.script, fn=noting_the_version_table, as_sql=False,
                                starting_rev=None, destination_rev=destination, tag=None):
            self.script.run_env()


def detect_url_variables(env_py):
    """Environment variables env.py reads whose names say they hold a database address."""
    try:
        with open(env_py, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return []
    names = []
    for match in URL_VARIABLE.finditer(text):
        name = match.group(1) or match.group(2)
        if name not in names and any(word in name.upper() for word in ("URL", "DSN", "DATABASE")):
            names.append(name)
    return names


class RecordOnlyStep(RevisionStep):
    """Moves the version table across a revision, as its step would, without running the revision's code."""

    def __init__(self, revision_map, revision, is_upgrade):
        super().__init__(revision_map, revision, is_upgrade)
        self.migration_fn = record_only


def record_only(**_):
    pass


def applied(project, heads):
    """Every revision a database with these heads has applied."""
    seen = set()
    pending = list(heads)
    while pending:
        rev = pending.pop()
        if rev in seen:
            continue
        seen.add(rev)
        pending.extend(project.script.get_revision(rev)._normalized_down_revisions)
    return seen


def require_applicable(project, script, heads):
    done = applied(project, heads)
    if script.revision in done:
        raise Failure(python_failure(script, "revision %s is already applied (heads: %s)"
                                     % (script.revision, ", ".join(sorted(heads)) or "none")))
    missing = [r for r in script._normalized_down_revisions if r not in done]
    if missing:
        raise Failure(python_failure(script, "revision %s needs %s applied first (heads: %s)"
                                     % (script.revision, ", ".join(missing), ", ".join(sorted(heads)) or "none")))


def require_head(script, heads):
    if script.revision not in heads:
        raise Failure(python_failure(script, "revision %s is not a head (heads: %s); only a head can be "
                                     "reverted alone" % (script.revision, ", ".join(sorted(heads)) or "none")))


# ---------------------------------------------------------------------------------------------------------------
# Lock tracing: after each statement of the migration, the ACCESS EXCLUSIVE locks its transaction holds.

TRACE = None


@event.listens_for(Engine, "after_cursor_execute")
def trace_locks(conn, cursor, statement, parameters, context, executemany):
    if TRACE is not None:
        line = TRACE.line_in_migration(sys._getframe())
        if line is not None:  # else env.py or Alembic's own bookkeeping, not the migration
            TRACE.record(cursor.connection, line, statement)


class WrongDatabase(Explained):
    pass


EXPECTED_DATABASE = None


@event.listens_for(Pool, "connect")
def only_the_scratch_database(dbapi_connection, connection_record):
    # env.py decides where it connects; if it ignores the URL it was given, nothing may run there.
    name = dbapi_connection.info.dbname
    if EXPECTED_DATABASE is not None and name != EXPECTED_DATABASE:
        dbapi_connection.close()
        raise WrongDatabase("env.py connected to the database '%s' instead of SchemaGuard's scratch database; "
                            "set alembic.url_env in schemaguard.yml to the environment variable(s) env.py reads "
                            "its URL from" % name)


def python_failure(script, message):
    return {"ok": False, "sqlstate": "", "message": message, "file": relative(script.path), "line": 0}


# ---------------------------------------------------------------------------------------------------------------
# Requests: each takes the project and the revision's Script, and returns the response.

def up(project, script, request):
    global TRACE
    trace = LockTrace(script.path, request["trace"]) if request.get("trace") is not None else None

    def steps(heads, context):
        require_applicable(project, script, heads)
        return [RevisionStep(project.script.revision_map, script, True)]

    TRACE = trace
    try:
        project.run(steps, script.revision)
    finally:
        TRACE = None
    return {"ok": True, "locks": trace.locks(relative(script.path)) if trace else []}


def down(project, script, request):
    def steps(heads, context):
        require_head(script, heads)
        return [RevisionStep(project.script.revision_map, script, False)]

    project.run(steps, ",".join(script._versioned_down_revisions) or "base")
    return {"ok": True, "locks": []}


def rerun(project, script, request):
    """Runs upgrade() once more on top of itself: the version table forgets the revision, then its step runs."""
    revision_map = project.script.revision_map

    def forget_then_upgrade(heads, context):
        require_head(script, heads)
        return [RecordOnlyStep(revision_map, script, False), RevisionStep(revision_map, script, True)]

    def remember(heads, context):
        return [] if script.revision in heads else [RecordOnlyStep(revision_map, script, True)]

    try:
        project.run(forget_then_upgrade, script.revision)
    except BaseException:
        # With a transaction per migration the forgetting committed: record the revision again, so the
        # database is back where the rerun found it.
        project.run(remember, script.revision)
        raise
    return {"ok": True, "locks": []}


def has_down(project, script, request):
    with open(script.path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), script.path)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "downgrade":
            return {"ok": True, "has_down": any(not is_placeholder(s) for s in node.body)}
    return {"ok": True, "has_down": False}


def is_placeholder(statement):
    """pass, a docstring or ... : statements that do nothing."""
    if isinstance(statement, ast.Pass):
        return True
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and (isinstance(statement.value.value, str) or statement.value.value is Ellipsis))


def stamp(project, request):
    """The version table set to the given revisions, through env.py, as `alembic stamp` does it."""
    revisions = tuple(request["revs"])
    for rev in revisions:
        project.revision(rev)

    def steps(heads, context):
        return project.script._stamp_revs(revisions, heads)

    project.run(steps, revisions)
    return {"ok": True}


def open_project(request):
    global EXPECTED_DATABASE
    EXPECTED_DATABASE = request["database"]
    return Project(request)


if __name__ == "__main__":
    serve(open_project, lambda project, rev: project.revision(rev),
          {"up": up, "down": down, "rerun": rerun, "has_down": has_down},
          lambda project, script, error: describe(error, script.path), stamp)
