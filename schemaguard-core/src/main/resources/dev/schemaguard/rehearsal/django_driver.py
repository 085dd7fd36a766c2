"""SchemaGuard's driver for the project's own Django.

Started by DjangoExecutor with the project directory as working directory; the common part of the drivers
(driver_common.py: the protocol on the original stdout, failures with SQLSTATE and file:line) comes first in the
same file. Each request runs exactly one migration step through Django's MigrationExecutor, as
`manage.py migrate APP NAME` does one migration at a time: the project's settings module is loaded with
DATABASES replaced by the scratch database, and Django's schema editor emits what it really emits.

  {"op": "open", "root": "src", "settings": "league.settings", "database": {...}, "apps": ["players"]}
  {"op": "up", "rev": "players.0003_x", "trace": [oid, ...] or null}
  {"op": "down", "rev": "players.0003_x"}
  {"op": "rerun", "rev": "players.0003_x"}
  {"op": "has_down", "rev": "players.0003_x"}
  {"op": "stamp", "revs": ["players.0002_y"]}   (records them and their ancestors as applied, as --fake does)
  {"op": "quit"}

Before the first step, the migrations of installed apps outside the project (django.contrib.auth, packages) that need
none of the project's are applied, as `migrate` applies them before the project's migrations that depend on them; a
stamp (a baseline: a database migrate has run on) records them as applied instead.
"""
PYTHON_SETTING = "django.python"


class DjangoProject:
    """The project's settings bound to the scratch database, and its migration graph."""

    def __init__(self, request):
        root = os.path.realpath(request["root"])
        if root not in sys.path:
            sys.path.insert(0, root)
        os.environ["DJANGO_SETTINGS_MODULE"] = request["settings"]
        address = request["database"]
        SECRETS[:] = [s for s in (address.get("PASSWORD"),) if s]
        import django
        from django.conf import settings
        # Read before django.setup(): the connections are made from DATABASES on first use, so every alias
        # the project configures is the scratch database, and nothing runs anywhere else.
        aliases = list(settings.DATABASES) or ["default"]
        scratch = dict(address, ENGINE="django.db.backends.postgresql")
        settings.DATABASES.clear()
        for alias in aliases:
            settings.DATABASES[alias] = dict(scratch)
        settings.DATABASES.setdefault("default", dict(scratch))
        django.setup()
        from django.db import connections
        self.connection = connections["default"]
        self.apps = set(request["apps"])
        self.version_table = ("django_migrations", None)
        self.operation_lines = {}
        recorder(self).ensure_schema()  # before the first snapshot: django_migrations is no migration's doing
        self.installed_apps_ready = False

    def executor(self):
        from django.db.migrations.executor import MigrationExecutor
        return MigrationExecutor(self.connection)

    def installed_apps(self):
        """The migrations of installed apps outside the project that need none of the project's, in apply order."""
        executor = self.executor()
        graph = executor.loader.graph
        return [migration for migration, _ in executor.migration_plan(graph.leaf_nodes(), clean_start=True)
                if not any(app in self.apps for app, _ in graph.forwards_plan(key(migration)))]

    def ready(self):
        """Applies the installed apps' migrations before the project's first step, as migrate would."""
        if not self.installed_apps_ready:
            self.installed_apps_ready = True
            plan = [(migration, False) for migration in self.installed_apps()
                    if key(migration) not in applied(self)]
            if plan:
                self.executor().migrate([], plan=plan)

    def migration(self, rev):
        self.ready()
        app, _, name = rev.partition(".")
        loader = self.executor().loader
        migration = loader.graph.nodes.get((app, name)) or loader.disk_migrations.get((app, name))
        if migration is None:
            raise Failure({"ok": False, "sqlstate": "", "message": "no migration %s in the project's Django "
                           "(INSTALLED_APPS of %s)" % (rev, os.environ["DJANGO_SETTINGS_MODULE"])})
        return migration

    def path(self, migration):
        return sys.modules[type(migration).__module__].__file__

    def lines(self, migration):
        """The line of each of the migration's operations, in the order of its operations list, and the line of
        the list."""
        path = self.path(migration)
        if path not in self.operation_lines:
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read(), path)
            lines, at = [], 0
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name == "Migration":
                    for statement in node.body:
                        targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
                        value = getattr(statement, "value", None)
                        if any(getattr(t, "id", None) == "operations" for t in targets) \
                                and isinstance(value, (ast.List, ast.Tuple)):
                            lines, at = [element.lineno for element in value.elts], statement.lineno
            self.operation_lines[path] = (lines, at)
        return self.operation_lines[path]

    def operation_line(self, migration, frames):
        """The line of the operation that Migration.apply or unapply was running in these frames; outside them (the
        schema editor's deferred SQL, run when the migration's operations are done), the line of the operations."""
        for frame in frames:
            running = frame.f_locals.get("self")
            if frame.f_code.co_name in ("apply", "unapply") and getattr(running, "operations", None) is not None \
                    and (getattr(running, "app_label", None), getattr(running, "name", None)) == key(migration):
                # Each step loads the migrations anew: the instance that runs is the step's, not the request's.
                operation = frame.f_locals.get("operation")
                lines, at = self.lines(migration)
                for index, candidate in enumerate(running.operations):
                    if candidate is operation and index < len(lines):
                        return lines[index]
        return self.lines(migration)[1]

    def step(self, migration, backwards, trace=None):
        executor = self.executor()
        plan = [(migration, backwards)]
        if trace is None:
            executor.migrate([], plan=plan)
            return
        with self.connection.execute_wrapper(trace.wrapper):
            executor.migrate([], plan=plan)


def frames_of(frame):
    while frame is not None:
        yield frame
        frame = frame.f_back


class DjangoLockTrace(LockTrace):
    """Locks traced through Django's execute wrapper; a statement the schema editor issued is at its operation's
    line."""

    def __init__(self, project, migration, oids):
        super().__init__(project.path(migration), oids)
        self.project = project
        self.migration = migration

    def wrapper(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        frame = sys._getframe()
        line = self.line_in_migration(frame) or self.project.operation_line(self.migration, frames_of(frame))
        self.record(context["connection"].connection, line, sql)
        return result


def failed(project, migration, error):
    """The failure, at the operation's line when the error came from Django (the schema editor) rather than from
    the project's code."""
    response = describe(error, project.path(migration))
    if not response.get("file"):
        frames = []
        tb = error.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        response["file"] = relative(project.path(migration))
        response["line"] = project.operation_line(migration, reversed(frames))
    return response


def recorder(project):
    from django.db.migrations.recorder import MigrationRecorder
    return MigrationRecorder(project.connection)


def applied(project):
    return set(recorder(project).applied_migrations())


def key(migration):
    return migration.app_label, migration.name


def require(project, migration, condition, message):
    if not condition:
        raise Failure({"ok": False, "sqlstate": "", "message": message % migration.app_label + "." + migration.name,
                       "file": relative(project.path(migration)), "line": 0})


def django_up(project, migration, request):
    require(project, migration, key(migration) not in applied(project), "migration %s is already applied: ")
    trace = DjangoLockTrace(project, migration, request["trace"]) if request.get("trace") is not None else None
    project.step(migration, False, trace)
    return {"ok": True, "locks": trace.locks(relative(project.path(migration))) if trace else []}


def django_down(project, migration, request):
    require(project, migration, key(migration) in applied(project), "migration %s is not applied: ")
    project.step(migration, True)
    return {"ok": True, "locks": []}


def django_rerun(project, migration, request):
    """Applies the migration once more on top of itself: django_migrations forgets it, then it runs."""
    record = recorder(project)
    record.record_unapplied(*key(migration))
    try:
        project.step(migration, False)
    except BaseException:
        record.record_applied(*key(migration))
        raise
    return {"ok": True, "locks": []}


def django_has_down(project, migration, request):
    """Whether `migrate` can unapply it: every operation reversible (RunSQL and RunPython given a reverse)."""
    return {"ok": True, "has_down": all(operation.reversible for operation in migration.operations)}


def django_stamp(project, request):
    """The baseline is a database migrate has run on: the installed apps' migrations are in it, and the ones the
    baseline's migrations depend on."""
    graph = project.executor().loader.graph
    keys = [key(migration) for migration in project.installed_apps()]
    project.installed_apps_ready = True
    for rev in request["revs"]:
        keys.extend(graph.forwards_plan(key(project.migration(rev))))
    record = recorder(project)
    done = applied(project)
    for node in dict.fromkeys(keys):
        if node not in done:
            record.record_applied(*node)
    return {"ok": True}


if __name__ == "__main__":
    serve(DjangoProject, lambda project, rev: project.migration(rev),
          {"up": django_up, "down": django_down, "rerun": django_rerun, "has_down": django_has_down},
          failed, django_stamp)
