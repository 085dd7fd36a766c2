#!/usr/bin/env bash
# Applies a generated SQL corpus, file by file in order, to a throw-away PostgreSQL cluster
# (initdb in a temporary directory, Unix socket only) and stops at the first failing statement.
# Proves the generator writes valid PostgreSQL that refers only to objects created earlier.
#
# Usage: bench/validate-sql-corpus.sh [DIR]      (default bench/out/sql-corpus)
# Needs initdb, pg_ctl and psql on PATH (or in /usr/lib/postgresql/*/bin). Run as root, it runs
# the server as the postgres user.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIR=${1:-bench/out/sql-corpus}
MIG="$DIR/db/migrations"
[ -d "$MIG" ] || { echo "validate: $MIG not found" >&2; exit 2; }
for d in /usr/lib/postgresql/*/bin; do [ -d "$d" ] && PATH="$PATH:$d"; done

as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
tmp=$(mktemp -d)
chmod 755 "$tmp"
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
stop() { "${as_pg[@]}" pg_ctl -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap stop EXIT

"${as_pg[@]}" initdb -D "$tmp/data" -U postgres --no-sync >/dev/null 2>&1
"${as_pg[@]}" pg_ctl -D "$tmp/data" -o "-k $tmp -c listen_addresses= -c fsync=off" -w start >/dev/null

# One psql session per file, like a runner that applies each file in its own transaction
# (--single-transaction), except for files holding CONCURRENTLY, which cannot run in one.
n=0
for f in "$MIG"/*.sql; do
    single=(--single-transaction)
    grep -q CONCURRENTLY "$f" && single=()
    if ! "${as_pg[@]}" psql -h "$tmp" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "${single[@]}" \
            -f - <"$f" >/dev/null 2>"$tmp/err"; then
        echo "validate: $f failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
    n=$((n + 1))
done
echo "validate: $n migrations applied cleanly to PostgreSQL $(postgres --version | awk '{print $3}')" >&2
