#!/usr/bin/env bash
# Overload benchmark (docs/PERFORMANCE.md, issue #5): how the server behaves when offered 3x what it can answer.
#
#   bench/overload/run.sh [OUT_DIR]        default OUT_DIR: bench/target/overload-<timestamp>
#
# WORKLOAD=ecs (default): heavy endpoint cost queries (ENDPOINTS destinations each, a large body to read);
# WORKLOAD=filtered-costmap: a filtered cost map over every pair of a generated 400-PID network (a small
# body, expensive to answer). The server runs pinned to SERVER_CPU with one
# I/O thread and one worker; the open-loop generator (bench OpenLoopLoad, pinned to LOAD_CPU) sends on a fixed
# schedule and counts latency from the scheduled time. Three servers run in turn, in each of ROUNDS rounds:
#   limited    server.max-concurrent-requests: LIMIT  (excess refused with 503 + Retry-After)
#   adaptive   server.max-concurrent-requests: 64 with adaptive-concurrency (the limit found by Gradient2)
#   unlimited  no limit (the default: everything is queued)
# For each: a discarded warm-up, capacity (closed loop, LIMIT connections: as many as are admitted), then open-loop runs at
# UNLOADED_SHARE x capacity (the unloaded p99) and at OVERLOAD x capacity, where capacity is the limited
# server's, so both face the same offered load. Results: OUT_DIR/results.tsv and OUT_DIR/summary.md.
# Bounded: every run lasts DURATION s (the generator stops on its own; killed after DURATION+60 s).
# Every process started here is stopped on exit, failure or interrupt (trap).
#
# Environment (defaults): WORKLOAD=ecs SERVERS="limited adaptive unlimited" (limited first: its capacity sets the load) ROUNDS=3 DURATION=10 WARMUP=10 LIMIT=4 ENDPOINTS=2000 OVERLOAD=3 UNLOADED_SHARE=0.3
#   SERVER_CPU=1 LOAD_CPU=0 OPEN_CONNECTIONS=128 JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}" LIMIT="${LIMIT:-4}"
ENDPOINTS="${ENDPOINTS:-2000}" WORKLOAD="${WORKLOAD:-ecs}" SERVERS="${SERVERS:-limited adaptive unlimited}" OVERLOAD="${OVERLOAD:-3}" UNLOADED_SHARE="${UNLOADED_SHARE:-0.3}"
SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}" OPEN_CONNECTIONS="${OPEN_CONNECTIONS:-128}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
out="$(realpath -m "${1:-$root/bench/target/overload-$(date +%Y%m%d-%H%M%S)}")"
PORT=18291
case "$WORKLOAD" in
    ecs)              URL="http://127.0.0.1:$PORT/endpointcost/lookup"; MEDIA=application/alto-endpointcostparams+json ;;
    filtered-costmap) URL="http://127.0.0.1:$PORT/costmap/filtered"; MEDIA=application/alto-costmapfilter+json ;;
    *)                echo "WORKLOAD must be ecs or filtered-costmap" >&2; exit 2 ;;
esac

# shellcheck source=server-lifecycle.sh
. "$here/server-lifecycle.sh"

for tool in taskset curl python3 "$JAVA"; do command -v "$tool" >/dev/null || die "$tool not found"; done
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" || die "port $PORT already answers; stop that server first"
mkdir -p "$out"
say "results in $out"

(cd "$root" && ./alto --version >/dev/null)
(cd "$root" && mvn -B -q -o package -pl bench -am -DskipTests >/dev/null) || die "building bench/target/benchmarks.jar"
cp "$root/app/target/altokit.jar" "$out/altokit.jar"
cp "$root/bench/target/benchmarks.jar" "$out/benchmarks.jar"

if [ "$WORKLOAD" = ecs ]; then
    cp "$root/examples/poland-isp.yaml" "$out/network.yaml"
    python3 - "$ENDPOINTS" > "$out/request.json" <<'PY'
import json, random, sys
random.seed(7)
dsts = ["ipv4:10.%d.%d.%d" % (random.randint(1, 14), random.randint(0, 255), random.randint(1, 254))
        for _ in range(int(sys.argv[1]))]
print(json.dumps({"cost-type": {"cost-mode": "numerical", "cost-metric": "routingcost"},
                  "endpoints": {"srcs": ["ipv4:10.1.0.1"], "dsts": dsts}}))
PY
else
    "$here/make-costmap-workload.sh" "$out"
fi

config() { # NAME MAX_CONCURRENT ADAPTIVE
    { cat "$out/network.yaml"
      printf 'server:\n  port: %s\n  io-threads: 1\n  worker-threads: 1\n  max-concurrent-requests: %s\n' "$PORT" "$2"
      printf '  adaptive-concurrency: %s\n  access-log: false\n' "$3"
    } > "$out/$1.yaml"
}
config limited "$LIMIT" false
config adaptive 64 true
config unlimited 0 false

start_server() { # NAME
    # GC pauses are logged: a pause shows in every latency, admitted or refused, and is no queueing effect.
    taskset -c "$SERVER_CPU" "$JAVA" "-Xlog:gc:file=$out/$1-gc.log" -jar "$out/altokit.jar" serve --config "$out/$1.yaml" \
        > "$out/$1-server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/directory" && return 0
        kill -0 "$server_pid" 2>/dev/null || die "server $1 exited; see $out/$1-server.log"
        sleep 0.2
    done
    die "server $1 did not answer within 60 s"
}

load() { # RATE SECONDS CONNECTIONS -> one key=value line
    timeout $(( $2 + 60 )) taskset -c "$LOAD_CPU" "$JAVA" -cp "$out/benchmarks.jar" io.altokit.bench.OpenLoopLoad \
        "$URL" "$1" "$2" "$3" "$out/request.json" "$MEDIA"
}

field() { # LINE KEY
    tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

printf 'round\tserver\tphase\toffered_rps\tok_rps\tok_p50_ms\tok_p99_ms\tshare_503\tp99_503_ms\tfailures\n' > "$out/results.tsv"
record() { # ROUND SERVER PHASE LINE
    local line="$4"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(field "$line" offered_rps)" \
        "$(field "$line" s200_rps)" "$(field "$line" s200_p50_ms)" "$(field "$line" s200_p99_ms)" \
        "$(field "$line" s503_share)" "$(field "$line" s503_p99_ms)" "$(field "$line" failures)" >> "$out/results.tsv"
    say "$1 $2 $3: $line"
}

for round in $(seq "$ROUNDS"); do
    capacity=""
    for server in $SERVERS; do
        start_server "$server"
        load 0 "$WARMUP" "$LIMIT" > /dev/null
        line="$(load 0 "$DURATION" "$LIMIT")"; record "$round" "$server" capacity "$line"
        if [ "$server" = limited ]; then
            capacity="$(field "$line" s200_rps)"
            [ -n "$capacity" ] && [ "$capacity" -gt 0 ] || die "no capacity measured"
        fi
        unloaded="$(python3 -c "print(round($capacity * $UNLOADED_SHARE))")"
        overloaded="$(python3 -c "print(round($capacity * $OVERLOAD))")"
        record "$round" "$server" unloaded "$(load "$unloaded" "$DURATION" "$OPEN_CONNECTIONS")"
        record "$round" "$server" overload "$(load "$overloaded" "$DURATION" "$OPEN_CONNECTIONS")"
        stop_server
    done
done

python3 - "$out/results.tsv" > "$out/summary.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| round | server | phase | offered req/s | answered 200/s | 200 p50 ms | 200 p99 ms | 503 share | failures |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['round']} | {r['server']} | {r['phase']} | {r['offered_rps']} | {r['ok_rps']} | {r['ok_p50_ms']} | "
          f"{r['ok_p99_ms']} | {r['share_503'] or '0'} | {r['failures']} |")
print()
for server in ("limited", "adaptive", "unlimited"):
    for rnd in sorted({r["round"] for r in rows}):
        phase = {r["phase"]: r for r in rows if r["server"] == server and r["round"] == rnd}
        if "unloaded" in phase and "overload" in phase:
            ratio = float(phase["overload"]["ok_p99_ms"]) / float(phase["unloaded"]["ok_p99_ms"])
            print(f"- {server}, round {rnd}: admitted p99 under overload / unloaded p99 = {ratio:.2f}")
PY
cat "$out/summary.md"
