#!/usr/bin/env bash
# Tracker benchmark (docs/PERFORMANCE.md): announces per second for a swarm of 1,000 peers with
# numwant=50, alto tracker (ALTO map-based ranking on) side by side with opentracker (no ranking),
# both pinned to the same core, under the same wrk load (announce.lua), interleaved in one run.
# opentracker closes the connection after every answer, so alto tracker runs twice: "alto" with
# keep-alive connections (what it offers) and "alto-close" with one request per connection
# (Connection: close, the pattern opentracker imposes), on the same process.
#
#   bench/tracker/run.sh [OUT_DIR]        default OUT_DIR: bench/target/tracker-run-<timestamp>
#
# The ALTO server (alto serve, 20 PIDs 127.1.0.0/24 .. 127.1.19.0/24) and wrk share LOAD_CPU; the
# trackers run on SERVER_CPU, one at a time. Each target gets a discarded warm-up (which also fills
# the swarm), then ROUNDS rounds run every target once in turn. Every process started here is stopped
# on exit, failure or interrupt; each wrk run is bounded by timeout.
#
# Environment (defaults): ROUNDS=3 DURATION=10 WARMUP=10 SERVER_CPU=1 LOAD_CPU=0 CONNECTIONS=32
#   TARGETS="alto alto-close opentracker", JAVA_HOME (/usr/lib/jvm/temurin-25-jdk-amd64), ALTO_JAR (app/target/altokit.jar)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}"
SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}" CONNECTIONS="${CONNECTIONS:-32}"
TARGETS="${TARGETS:-alto alto-close opentracker}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
out="$(realpath -m "${1:-$root/bench/target/tracker-run-$(date +%Y%m%d-%H%M%S)}")"
ALTO_PORT=18680
declare -A PORT=([alto]=18690 [alto-close]=18690 [opentracker]=18691)
HASH=altokit-bench-swarm1   # the info hash: 20 ASCII bytes, so it needs no percent-encoding

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

pids=()
cleanup() {
    local pid i
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v opentracker >/dev/null || ! command -v wrk >/dev/null; then
    [ "$(id -u)" = 0 ] || die "opentracker and wrk are needed: apt-get install -y opentracker wrk"
    apt-get update >/dev/null && apt-get install -y opentracker wrk >/dev/null
fi
for tool in wrk opentracker taskset curl xxd "$JAVA"; do command -v "$tool" >/dev/null || die "$tool not found"; done
for port in "$ALTO_PORT" "${PORT[alto]}" "${PORT[opentracker]}"; do
    ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || die "port $port already answers; stop that server first"
done
mkdir -p "$out/wrk" "$out/opentracker"
say "results in $out"

jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"   # a rebuild during the run must not swap classes under the servers

{
    echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)  opentracker: $(dpkg-query -W -f='${Version}' opentracker 2>/dev/null)  wrk: $(wrk -v 2>&1 | head -1)"
    echo "altokit: git $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "trackers on cpu $SERVER_CPU, wrk and alto serve on cpu $LOAD_CPU, connections $CONNECTIONS, duration ${DURATION}s, warm-up ${WARMUP}s, rounds $ROUNDS"
} > "$out/machine.txt"

# --- the ALTO server: 20 PIDs over the peers' addresses, cost 1 inside a PID, 10 per step --------
{
    echo "network-map:"
    for p in $(seq 0 19); do echo "  pid-$p: { ipv4: [127.1.$p.0/24] }"; done
    echo "costs:"
    echo "  routingcost:"
    for p in $(seq 0 19); do
        printf '    pid-%d: {' "$p"
        for q in $(seq 0 19); do
            d=$(( p > q ? p - q : q - p )); printf ' pid-%d: %d%s' "$q" $(( d == 0 ? 1 : 10 * d )) "$([ "$q" = 19 ] || echo ,)"
        done
        echo ' }'
    done
} > "$out/network.yaml"

wait_line() { # FILE PATTERN PID: until FILE has a line matching PATTERN (<= 60 s)
    local i
    for i in $(seq 600); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || die "$(basename "$1") exited: $(tail -5 "$1")"
        sleep 0.1
    done
    die "$(basename "$1") not ready within 60 s"
}

taskset -c "$LOAD_CPU" "$JAVA" -jar "$out/altokit.jar" serve --config "$out/network.yaml" --bind 127.0.0.1 \
    --port "$ALTO_PORT" --no-access-log > "$out/serve.out" 2> "$out/serve.err" &
pids+=($!); wait_line "$out/serve.out" "ALTO server ready" $!

start_target() { # NAME
    case "$1" in
        alto)
            taskset -c "$SERVER_CPU" "$JAVA" -jar "$out/altokit.jar" tracker --bind 127.0.0.1 --port "${PORT[alto]}" \
                --server "http://127.0.0.1:$ALTO_PORT/directory" --strategy map --accept-ip-param --rate-limit 0 --io-threads 1 \
                > "$out/alto.out" 2> "$out/alto.err" &
            pids+=($!); wait_line "$out/alto.out" "tracker ready" $!
            wait_line "$out/alto.err" "ALTO maps in use" $! ;;
        alto-close) ;; # the same process as alto
        opentracker)
            # The Debian build only tracks whitelisted torrents; it chroots to -d, so the list is named from there.
            printf '%s' "$HASH" | xxd -p > "$out/opentracker/whitelist.txt"
            chmod 755 "$out/opentracker"; chmod 644 "$out/opentracker/whitelist.txt"
            taskset -c "$SERVER_CPU" opentracker -i 127.0.0.1 -p "${PORT[opentracker]}" -P "${PORT[opentracker]}" \
                -d "$out/opentracker" -w /whitelist.txt > "$out/opentracker.log" 2>&1 &
            pids+=($!)
            local i; for i in $(seq 100); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PORT[opentracker]}/stats" && break; sleep 0.1; done ;;
        *) die "unknown target $1" ;;
    esac
}

run_wrk() { # NAME SECONDS FILE
    CLOSE=$([ "$1" = alto-close ] && echo 1 || echo 0) PEERS=1000 PIDS=20 timeout $(( $2 + 30 )) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency \
        -s "$here/announce.lua" "http://127.0.0.1:${PORT[$1]}" > "$3"
}

core_busy() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }

for t in $TARGETS; do [ "$t" = alto-close ] && [[ " $TARGETS " != *" alto "* ]] && start_target alto; start_target "$t"; done
for t in $TARGETS; do
    say "warm-up $t (${WARMUP}s; fills the swarm)"
    run_wrk "$t" "$WARMUP" "$out/wrk/$t-warmup.txt"
    # What one peer gets: 50 peers, 300 bytes of compact IPv4 peers
    curl -s "http://127.0.0.1:${PORT[$t]}/announce?info_hash=$HASH&peer_id=-BENCH-0000000000007&port=10007&uploaded=0&downloaded=0&left=1000&compact=1&numwant=50&ip=127.1.7.1" \
        > "$out/$t-answer.bin"
    grep -qa "5:peers300:" "$out/$t-answer.bin" || die "$t did not list 50 peers: $(head -c 200 "$out/$t-answer.bin" | tr -c '[:print:]' .)"
done
curl -s "http://127.0.0.1:${PORT[alto]}/metrics" > "$out/alto-metrics-after-warmup.txt" || true

printf 'round\ttarget\trequests_per_s\tp50\tp99\tnon2xx_or_errors\tserver_core_busy\tload_core_busy\n' > "$out/results.tsv"
for round in $(seq "$ROUNDS"); do
    for t in $TARGETS; do
        say "round $round: $t"
        read -r sb si < <(core_busy "$SERVER_CPU"); read -r lb li < <(core_busy "$LOAD_CPU")
        run_wrk "$t" "$DURATION" "$out/wrk/$t-$round.txt"
        read -r sb2 si2 < <(core_busy "$SERVER_CPU"); read -r lb2 li2 < <(core_busy "$LOAD_CPU")
        f="$out/wrk/$t-$round.txt"
        rps=$(awk '/Requests\/sec/ { print $2 }' "$f")
        p50=$(awk '$1 == "50%" { print $2 }' "$f"); p99=$(awk '$1 == "99%" { print $2 }' "$f")
        errors=$(awk '/Non-2xx|Socket errors/ { sub(/^[^:]*: */, ""); printf "%s; ", $0 }' "$f")
        busy() { awk -v b="$1" -v i="$2" -v b2="$3" -v i2="$4" 'BEGIN { printf "%.0f%%", 100 * (b2 - b) / ((b2 - b) + (i2 - i)) }'; }
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$t" "$rps" "$p50" "$p99" "${errors:-none}" \
            "$(busy "$sb" "$si" "$sb2" "$si2")" "$(busy "$lb" "$li" "$lb2" "$li2")" >> "$out/results.tsv"
    done
done
curl -s "http://127.0.0.1:${PORT[alto]}/metrics" > "$out/alto-metrics.txt" || true

{
    echo "# Tracker benchmark $(date -u +%FT%TZ)"; echo; sed 's/^/    /' "$out/machine.txt"; echo
    echo "| round | target | announces/s | p50 | p99 | errors | tracker core busy | wrk core busy |"
    echo "|---|---|---|---|---|---|---|---|"
    tail -n +2 "$out/results.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    echo
    echo "ratios to opentracker per round (alto keep-alive, alto-close one request per connection):"
    awk -F'\t' 'NR > 1 { r[$1, $2] = $3; n = $1 } END { for (i = 1; i <= n; i++) if (r[i, "opentracker"] > 0) printf "  round %d: alto %.3f, alto-close %.3f\n", i, r[i, "alto"] / r[i, "opentracker"], r[i, "alto-close"] / r[i, "opentracker"] }' "$out/results.tsv"
    echo
    echo "alto tracker returned peers (after the run):"
    grep -E '^tracker_returned_peers_total' "$out/alto-metrics.txt" | sed 's/^/    /'
} > "$out/summary.md"
cat "$out/summary.md"
