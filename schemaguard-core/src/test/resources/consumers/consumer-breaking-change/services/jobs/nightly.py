"""Nightly job: counts players per team."""


def team_sizes(cursor):
    cursor.execute("""
        SELECT t.name, count(*)
          FROM teams t
          JOIN players p ON p.team_id = t.id
         GROUP BY t.name
    """)
    return cursor.fetchall()


def audit(cursor, who):
    cursor.execute(f"INSERT INTO job_audit (job, who) VALUES ('nightly', {who!r})")
