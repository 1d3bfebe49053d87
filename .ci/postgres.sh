# Start a temporary PostgreSQL server as a non-root user; exports GDPR_REGISTER_TEST_POSTGRES_URL.
# Sourced by .ci/run; also usable by hand: `. .ci/postgres.sh && start_postgres`.

_pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        echo "PostgreSQL binaries missing: installing them with apt-get" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
        dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$dir"
}

start_postgres() {
    local bindir user port
    bindir=$(_pg_bindir)
    user=postgres
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
    PG_TMP=$(mktemp -d /tmp/gdpr-register-pg.XXXXXX)
    chown "$user" "$PG_TMP"
    port=${GDPR_REGISTER_PG_PORT:-55432}
    runuser -u "$user" -- "$bindir/initdb" -D "$PG_TMP/data" -A trust -U postgres >/dev/null
    runuser -u "$user" -- "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 \
        -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    runuser -u "$user" -- "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres gdpr_register_test
    export GDPR_REGISTER_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/gdpr_register_test"
    export PG_BINDIR="$bindir"
    echo "PostgreSQL running: $GDPR_REGISTER_TEST_POSTGRES_URL"
}

stop_postgres() {
    if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
        runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
