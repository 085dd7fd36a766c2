"""Helpers shared by the revisions; not a revision itself."""


def get_mssql_table_constraints(conn, table_name):
    return {}
