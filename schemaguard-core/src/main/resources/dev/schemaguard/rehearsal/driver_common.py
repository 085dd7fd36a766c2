"""The part SchemaGuard's Python drivers share; the driver of a runner follows it in the same file.

A driver is started with the project directory as working directory. It reads one JSON request per line on stdin
and writes one JSON response per line on the original stdout; everything else the project prints (logging, print()
in a migration) goes to stderr, so it cannot corrupt the protocol. The database URL (and its password) is never
printed: every message is scrubbed of it.
"""
import ast
import json
import os
import re
import sys
import time
import traceback
from urllib.parse import quote

# The protocol keeps the real stdout; fd 1 and sys.stdout become stderr before any project code runs.
PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

LOCKS = ("SELECT relation::bigint FROM pg_locks WHERE pid = pg_backend_pid() "
         "AND locktype = 'relation' AND mode = 'AccessExclusiveLock' AND granted")
IN_TRANSACTION = 2  # libpq PQTRANS_INTRANS, as psycopg2 and psycopg 3 report it
PYTHON_SETTING = "the Python setting"  # the schemaguard.yml key that chooses the interpreter, set by each driver


class Failure(Exception):
    """A failure already described for the response."""

    def __init__(self, response):
        super().__init__(response.get("message"))
        self.response = response


class Explained(Exception):
    """An error whose message says all the user needs: reported as it is, without its type."""


SECRETS = []  # the password and the whole URL, scrubbed from every message


def summary(statement):
    first = next((line.strip() for line in statement.splitlines() if line.strip()), "")
    return first if len(first) <= 80 else first[:77] + "..."


class LockTrace:
    """After each statement of a migration, the ACCESS EXCLUSIVE locks its transaction holds on the relations that
    existed before it."""

    def __init__(self, migration_path, oids):
        self.migration_path = os.path.realpath(migration_path)
        self.oids = set(oids)
        self.first = {}  # oid -> (line, statement summary)
        self.last = {}   # oid -> line of the last statement that ran while it was held
        self.real_paths = {}

    def line_in_migration(self, frame):
        """The line of the innermost frame in the migration file: the call that issued the statement."""
        while frame is not None:
            name = frame.f_code.co_filename
            if name not in self.real_paths:
                self.real_paths[name] = os.path.realpath(name)
            if self.real_paths[name] == self.migration_path:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def record(self, dbapi_connection, line, statement):
        """Reads the locks after the statement at line ran on this DBAPI connection."""
        if dbapi_connection.info.transaction_status != IN_TRANSACTION:
            return  # outside a transaction each statement's locks ended with it
        raw = dbapi_connection.cursor()  # a DBAPI cursor: the runner's own hooks do not see it
        try:
            raw.execute(LOCKS)
            held = [row[0] for row in raw.fetchall()]
        finally:
            raw.close()
        for oid in held:
            if oid in self.oids:
                self.first.setdefault(oid, (line, summary(statement)))
                self.last[oid] = line

    def locks(self, file):
        return [{"oid": oid, "file": file, "line": line, "statement": text, "held_until_line": self.last[oid]}
                for oid, (line, text) in self.first.items()]


# ---------------------------------------------------------------------------------------------------------------
# Failures: SQLSTATE and server message for database errors, the type and message otherwise; file:line of the
# innermost frame in the migration file (or, failing that, in the project).

def database_error(error):
    """The driver's error behind a wrapper: SQLAlchemy keeps it as .orig, Django as the cause."""
    cause = error.__cause__
    if getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None):
        return cause
    return getattr(error, "orig", None) or error


def describe(error, migration_path):
    response = {"ok": False, "sqlstate": "", "message": ""}
    server = database_error(error)
    sqlstate = getattr(server, "pgcode", None) or getattr(server, "sqlstate", None)
    if sqlstate:
        diag = getattr(server, "diag", None)
        message = getattr(diag, "message_primary", None) or re.sub(r"^ERROR:\s*", "", first_line(
            getattr(server, "pgerror", None) or str(server)))
        detail = getattr(diag, "message_detail", None)
        hint = getattr(diag, "message_hint", None)
        if detail:
            message += " (" + detail + ")"
        if hint:
            message += "; hint: " + hint
        response["sqlstate"] = sqlstate
        response["message"] = message
    elif isinstance(error, ModuleNotFoundError):
        response["message"] = ("%s: %s; install the project's dependencies for %s or set %s in "
                               "schemaguard.yml to the project's interpreter"
                               % (type(error).__name__, error, sys.executable, PYTHON_SETTING))
    elif isinstance(error, Explained):
        response["message"] = str(error)
    else:
        response["message"] = "%s: %s" % (type(error).__name__, first_line(str(error)) or "(no message)")
    file, line = location(error, migration_path)
    if file:
        response["file"] = file
        response["line"] = line
    return response


def location(error, migration_path):
    if isinstance(error, SyntaxError) and error.filename:
        return relative(error.filename), error.lineno or 0
    frames = traceback.extract_tb(error.__traceback__)
    target = os.path.realpath(migration_path) if migration_path else None
    if target:
        for frame in reversed(frames):
            if os.path.realpath(frame.filename) == target:
                return relative(frame.filename), frame.lineno
    project = os.path.realpath(os.getcwd()) + os.sep
    for frame in reversed(frames):
        if os.path.realpath(frame.filename).startswith(project):
            return relative(frame.filename), frame.lineno
    return None, 0


def relative(path):
    return os.path.relpath(os.path.realpath(path), os.path.realpath(os.getcwd())).replace(os.sep, "/")


def first_line(text):
    return text.strip().splitlines()[0] if text and text.strip() else ""


def serve(open_project, find, operations, failed, stamp):
    """Answers requests until quit.

    open_project(request) returns the project; find(project, rev) the migration a request names; operations maps
    each step ("up", "down", "rerun", "has_down") to fn(project, migration, request) returning the response;
    failed(project, migration, error) describes an error a step raised; stamp(project, request) records revisions
    as applied.
    """
    project = None
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        started = time.perf_counter_ns()
        try:
            project, response = respond(project, request, open_project, find, operations, failed, stamp)
        except Failure as failure:
            response = failure.response
        except (Exception, SystemExit) as error:
            response = describe(error, None)
        response["nanos"] = time.perf_counter_ns() - started
        if project is not None and project.version_table is not None:
            response["version_table"], response["version_table_schema"] = project.version_table
        if "message" in response:
            for secret in SECRETS:
                response["message"] = response["message"].replace(secret, "***")
        PROTOCOL.write(json.dumps(response) + "\n")


def respond(project, request, open_project, find, operations, failed, stamp):
    """The project after the request, and the response to it."""
    if request["op"] == "open":
        project = open_project(request)
        return project, {"ok": True, **getattr(project, "opened", {})}
    if project is None:
        return None, {"ok": False, "sqlstate": "", "message": "the project is not open"}
    if request["op"] == "stamp":
        try:
            return project, stamp(project, request)
        except Failure:
            raise
        except (Exception, SystemExit) as error:
            return project, describe(error, None)
    migration = find(project, request["rev"])
    try:
        return project, operations[request["op"]](project, migration, request)
    except Failure:
        raise
    except (Exception, SystemExit) as error:  # the project's code (env.py, a migration) may call sys.exit()
        return project, failed(project, migration, error)
