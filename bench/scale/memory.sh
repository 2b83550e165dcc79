#!/usr/bin/env bash
# Where the server's memory goes at operator scale (issue #16, docs/PERFORMANCE.md "Operator scale:
# where the memory goes"): serves a Flow Director-shaped network (bench FlowDirectorNetwork) with
# `./alto serve` as shipped plus native memory tracking, pinned to SERVER_CPU, and records
#   1. after the start: RSS;
#   2. after every full map was fetched once, identity then gzip (as run.sh does; sizes and times of
#      these first GETs): RSS, the JVM's
#      native memory summary (NMT: heap committed, metaspace, code, threads, GC, Netty's direct
#      memory under "Other"), the heap as committed and after a full GC, and the class histogram's top;
#   3. one RTT cell changed (file written aside, renamed over rtt.csv): RSS sampled every 50 ms until
#      the filtered cost map answers the new value, then while every full map is fetched again (as the
#      clients of the new maps do), the process's peak RSS (VmHWM) and NMT again.
#
#   bench/scale/memory.sh [OUT_DIR]      -> OUT_DIR/summary.txt (default bench/target/memory-<timestamp>)
#
# Environment (defaults): PIDS=1700 SEED=16 SERVER_CPU=1 PORT=18411 START_TIMEOUT=300 (s)
#   ALTO_JAR (default app/target/altokit.jar, copied before use), ALTO_JAVA_OPTS (after the launcher's
#   flags and NMT), NETWORK_DIR (a network FlowDirectorNetwork wrote before: reused, and its rtt.csv changed).
# Loopback only; the server started here is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../overload/server-lifecycle.sh
source "$root/bench/overload/server-lifecycle.sh"

PIDS="${PIDS:-1700}" SEED="${SEED:-16}" SERVER_CPU="${SERVER_CPU:-1}" PORT="${PORT:-18411}" START_TIMEOUT="${START_TIMEOUT:-300}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java" JCMD="$JAVA_HOME/bin/jcmd"
out="$(realpath -m "${1:-$root/bench/target/memory-$(date +%Y%m%d-%H%M%S)}")"
for tool in taskset curl jq "$JAVA" "$JCMD"; do command -v "$tool" >/dev/null || die "$tool not found"; done
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" || die "port $PORT already answers; stop that server first"
mkdir -p "$out"
say "results in $out"

jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"
dir="${NETWORK_DIR:-$out/network}"
if [ ! -f "$dir/network.yaml" ]; then
    timeout 120 "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$out/altokit.jar" -d "$out/classes" \
        "$root/bench/src/main/java/io/altokit/bench/FlowDirectorNetwork.java" "$root/bench/src/main/java/io/altokit/bench/SyntheticNetwork.java"
    timeout 600 "$JAVA" -cp "$out/altokit.jar:$out/classes" io.altokit.bench.FlowDirectorNetwork "$dir" "$PIDS" >&2
fi

rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
# NMT summary: "name committed_MB" per category, and the total.
nmt() { timeout 60 "$JCMD" "$server_pid" VM.native_memory summary scale=MB > "$out/nmt-$1.txt"
    awk '/^Total:/ { sub(/.*committed=/, ""); sub(/MB.*/, ""); printf "total %s\n", $0 }
         /^-/ { name = $2; for (i = 3; i <= NF && $i !~ /^\(reserved/; i++) name = name " " $i
                line = $0; sub(/.*committed=/, "", line); sub(/MB.*/, "", line); printf "%s %s\n", name, line }' "$out/nmt-$1.txt"; }
heap_used_mb() { timeout 60 "$JCMD" "$server_pid" GC.heap_info | awk '/total .*used [0-9]+K/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); n += v } } END { printf "%d", n / 1024 }'; }
heap_committed_mb() { timeout 60 "$JCMD" "$server_pid" GC.heap_info | awk '/total [0-9]+K, used/ { for (i = 1; i < NF; i++) if ($i == "total") { v = $(i + 1); sub(/K,?$/, "", v); n += v } } END { printf "%d", n / 1024 }'; }

taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" ALTO_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${ALTO_JAVA_OPTS:-}" \
    "$root/alto" serve --config "$dir/network.yaml" --port "$PORT" > "$out/server.out" 2> "$out/server.err" &
server_pid=$!
await_ready "$out/server.out" "$out/server.err"
{
    echo "date: $(date -u +%FT%TZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)  altokit: git $(git -C "$root" rev-parse --short HEAD)"
    echo "jar: $jar; ALTO_JAVA_OPTS: ${ALTO_JAVA_OPTS:-}; network: $dir ($PIDS PIDs)"
    echo "ready after ${ready_s}s; RSS $(rss_mb) MB"
} > "$out/summary.txt"

maps="$(curl -sf --max-time 10 "http://127.0.0.1:$PORT/directory" | jq -r '.resources[] | select(.["media-type"] == "application/alto-networkmap+json" or .["media-type"] == "application/alto-costmap+json") | select(.accepts == null) | .uri')"
fetch_all() { # every full map once, identity then gzip: "uri bytes seconds gzip-bytes gzip-seconds" per map
    local uri
    for uri in $maps; do
        printf '%s %s %s\n' "$uri" \
            "$(curl -sf --max-time 600 -o /dev/null -w '%{size_download} %{time_total}' "http://127.0.0.1:$PORT$uri")" \
            "$(curl -sf --max-time 600 -o /dev/null -w '%{size_download} %{time_total}' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$uri")"
    done
}
fetch_all > "$out/maps-first.txt"
{
    echo; echo "maps (first GET): bytes, seconds; gzip bytes, seconds"
    awk '{ printf "  %-28s %8.1f MB %6.2f s   %8.1f MB %6.2f s\n", $1, $2 / 1e6, $3, $4 / 1e6, $5 }' "$out/maps-first.txt"
} >> "$out/summary.txt"
{
    echo; echo "after every map was fetched once: RSS $(rss_mb) MB, peak RSS $(hwm_mb) MB, heap committed $(heap_committed_mb) MB, used $(heap_used_mb) MB"
    echo "NMT committed MB:"; nmt fetched | sed 's/^/  /'
} >> "$out/summary.txt"
timeout 120 "$JCMD" "$server_pid" GC.class_histogram > "$out/histogram-fetched.txt"
{
    echo "heap after a full GC: used $(heap_used_mb) MB, committed $(heap_committed_mb) MB; RSS $(rss_mb) MB"
    echo "class histogram (live, top 12):"; sed -n '4,15p' "$out/histogram-fetched.txt" | awk '{ printf "  %8.1f MB %10d  %s\n", $3 / 1048576, $2, $4 }'
} >> "$out/summary.txt"

# One cell: pid1 -> pid0 in rtt.csv, 0.5 ms more; served as delay-rt in microseconds.
old="$(awk -F, '$1 == "pid1" { print $2; exit }' "$dir/rtt.csv")"
new="$(awk -v v="$old" 'BEGIN { print v + 0.5 }')"
awk -F, -v OFS=, -v v="$new" '$1 == "pid1" { $2 = v } { print }' "$dir/rtt.csv" > "$dir/rtt.csv.new"
body='{"cost-type":{"cost-mode":"numerical","cost-metric":"delay-rt"},"pids":{"srcs":["pid1"],"dsts":["pid0"]}}'
want="$(awk -v v="$new" 'BEGIN { print v * 1000 }')"
( while kill -0 "$server_pid" 2>/dev/null; do rss_mb; echo; sleep 0.05; done ) > "$out/rss-reload.txt" 2>/dev/null &
sampler=$!
t0="$(date +%s.%N)"
mv "$dir/rtt.csv.new" "$dir/rtt.csv"
served=""
for _ in $(seq 2400); do
    if curl -sf --max-time 5 -H 'Content-Type: application/alto-costmapfilter+json' --data-binary "$body" "http://127.0.0.1:$PORT/costmap/filtered" \
        | jq -e --argjson want "$want" '.["cost-map"].pid1.pid0 == $want' >/dev/null; then
        served="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"; break
    fi
    sleep 0.05
done
fetch_all > "$out/maps-again.txt"
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
{
    echo; echo "one RTT cell changed: served after ${served:-never (120 s)} s; largest RSS sampled until every map was fetched again: $(sort -n "$out/rss-reload.txt" | tail -1) MB; peak RSS (VmHWM) $(hwm_mb) MB"
    echo "NMT committed MB after the reload:"; nmt reloaded | sed 's/^/  /'
    echo "RSS now $(rss_mb) MB, heap committed $(heap_committed_mb) MB"
} >> "$out/summary.txt"
stop_server
cat "$out/summary.txt"
