# shellcheck shell=bash
# Throwaway PostgreSQL server for the database tests.
#
# Start one (three equivalent ways):
#   source .ci/postgres.sh          # exports FUJIAN_TEST_PG_URL, FUJIAN_TEST_PG_DATA, FUJIAN_TEST_PG_BIN
#   eval "$(bash .ci/postgres.sh)"  # the same; stdout carries only the `export …` lines
#   bash .ci/postgres.sh > pg.env && source pg.env
# Stop it and delete its files:
#   bash .ci/postgres.sh stop       # uses FUJIAN_TEST_PG_DATA / FUJIAN_TEST_PG_BIN from the environment
#
# What it does: installs PostgreSQL with apt-get when no `initdb` can be found on PATH or under
# /usr/lib/postgresql/*/bin (FUJIAN_PG_INSTALL=0 forbids installing; FUJIAN_PG_LIBDIR replaces
# /usr/lib/postgresql), creates a cluster in a fresh temp dir owned by a non-root user
# (`postgres`, created if missing, when running as root), starts it on 127.0.0.1 at a free
# port with trust authentication, creates the database `fujian_test` and prints
#   export FUJIAN_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/fujian_test
# Progress and errors go to stderr. Exit status 0 on success, 1 on failure. When sourced it never
# changes the caller's shell options, and a failure returns 1 without exporting anything.

_fujian_pg_log() { echo "postgres.sh: $*" >&2; }

_fujian_pg_bindir() {
    local initdb
    initdb=$(command -v initdb 2>/dev/null || true)
    if [ -n "$initdb" ]; then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    # Debian keeps the server binaries off PATH.
    local dir
    dir=$(ls -d "${FUJIAN_PG_LIBDIR:-/usr/lib/postgresql}"/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
        return 0
    fi
    return 1
}

_fujian_pg_install() {
    if [ "${FUJIAN_PG_INSTALL:-1}" = "0" ]; then
        _fujian_pg_log "initdb not found and FUJIAN_PG_INSTALL=0: not installing PostgreSQL"
        return 1
    fi
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
        _fujian_pg_log "initdb not found; install PostgreSQL (Debian: apt-get install postgresql)"
        return 1
    fi
    _fujian_pg_log "initdb not found: installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2
}

_fujian_pg_free_port() {
    python3 - <<'EOF'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

_fujian_pg_start() (
    set -eu
    bindir=$(_fujian_pg_bindir) || { _fujian_pg_install && bindir=$(_fujian_pg_bindir); } || {
        _fujian_pg_log "no PostgreSQL server binaries found"
        exit 1
    }
    run_as=()
    owner=$(id -un)
    if [ "$(id -u)" = "0" ]; then
        owner=postgres
        if ! id -u "$owner" >/dev/null 2>&1; then
            _fujian_pg_log "creating system user $owner"
            useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$owner" >&2 \
                || adduser --system --group --no-create-home "$owner" >&2 || exit 1
        fi
        if command -v runuser >/dev/null 2>&1; then
            run_as=(runuser -u "$owner" --)
        else
            run_as=(su -s /bin/sh "$owner" -c)
        fi
    fi
    as_owner() {
        if [ "${run_as[0]:-}" = "su" ]; then
            "${run_as[@]}" "$(printf '%q ' "$@")"
        elif [ ${#run_as[@]} -gt 0 ]; then
            "${run_as[@]}" "$@"
        else
            "$@"
        fi
    }

    # (`set -e` is off when this runs inside `if`, so every step checks itself.)
    base=$(mktemp -d "${TMPDIR:-/tmp}/fujian-pg.XXXXXX") || exit 1
    chmod 755 "$base" && mkdir "$base/data" "$base/sock" && chown -R "$owner" "$base" || exit 1
    _fujian_pg_log "initdb in $base/data (owner $owner, binaries $bindir)"
    as_owner "$bindir/initdb" -D "$base/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$base/initdb.log" 2>&1 \
        || as_owner "$bindir/initdb" -D "$base/data" -U postgres --auth=trust -E UTF8 --locale=C \
            >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; exit 1; }

    started=""
    for _attempt in 1 2 3 4 5; do
        port=$(_fujian_pg_free_port)
        if as_owner "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
            -o "-h 127.0.0.1 -p $port -k $base/sock -c fsync=off -c full_page_writes=off" \
            start >&2; then
            started=1
            break
        fi
        _fujian_pg_log "start on port $port failed, retrying"
    done
    if [ -z "$started" ]; then
        tail -n 30 "$base/server.log" >&2 || true
        exit 1
    fi
    if [ -x "$bindir/createdb" ]; then
        as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres fujian_test >&2 || exit 1
    else
        python3 -c "
import psycopg, sys
with psycopg.connect(host='127.0.0.1', port=int(sys.argv[1]), user='postgres', dbname='postgres', autocommit=True) as c:
    c.execute('CREATE DATABASE fujian_test')" "$port" >&2 || exit 1
    fi
    _fujian_pg_log "PostgreSQL running on 127.0.0.1:$port (stop: bash .ci/postgres.sh stop)"
    echo "export FUJIAN_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$port/fujian_test"
    echo "export FUJIAN_TEST_PG_DATA=$base/data"
    echo "export FUJIAN_TEST_PG_BIN=$bindir"
)

_fujian_pg_stop() (
    set -u
    data=${FUJIAN_TEST_PG_DATA:-}
    bindir=${FUJIAN_TEST_PG_BIN:-}
    if [ -z "$data" ] || [ ! -d "$data" ]; then
        _fujian_pg_log "nothing to stop (FUJIAN_TEST_PG_DATA unset or gone)"
        exit 0
    fi
    [ -n "$bindir" ] || bindir=$(_fujian_pg_bindir) || exit 1
    owner=$(stat -c %U "$data")
    if [ "$(id -u)" = "0" ] && [ "$owner" != "root" ]; then
        runuser -u "$owner" -- "$bindir/pg_ctl" -D "$data" -m immediate -w stop >&2 || true
    else
        "$bindir/pg_ctl" -D "$data" -m immediate -w stop >&2 || true
    fi
    case "$data" in
        */fujian-pg.*/data) rm -rf "$(dirname "$data")" ;;
    esac
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: export into the caller's shell; the work runs in a subshell.
    if _fujian_pg_env=$(_fujian_pg_start); then
        eval "$_fujian_pg_env"
        unset _fujian_pg_env
    else
        unset _fujian_pg_env
        return 1
    fi
else
    case "${1:-start}" in
        start) _fujian_pg_start ;;
        stop) _fujian_pg_stop ;;
        *) echo "usage: bash .ci/postgres.sh [start|stop]" >&2; exit 2 ;;
    esac
fi
