def purge(cur):
    cur.execute("DELETE FROM sessions WHERE created_at < now() - interval '90 days'")


def hosts(cur):
    cur.execute("SELECT id, hostname FROM sessions, session_archive WHERE hostname LIKE %s", ("%.example",))
