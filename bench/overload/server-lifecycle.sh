# Sourced by the benchmarks that run one server: log lines, failure, waiting for the server to be
# ready, and stopping it (set server_pid after starting it; it is stopped on any exit).
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

server_pid=""

# Waits at most START_TIMEOUT s for the server started as server_pid (just before) to print its ready
# line to OUT_FILE; dies with the last lines of ERR_FILE if it stops first. Sets ready_s: seconds taken.
await_ready() { # OUT_FILE ERR_FILE
    local since
    since="$(date +%s.%N)"
    for _ in $(seq $((START_TIMEOUT * 10))); do
        grep -q 'ready' "$1" 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || die "the server stopped: $(grep -v '^\s*at ' "$2" | tail -2)"
        sleep 0.1
    done
    grep -q 'ready' "$1" || die "the server was not ready after ${START_TIMEOUT}s"
    ready_s="$(awk -v a="$since" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
}

stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
    server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM
