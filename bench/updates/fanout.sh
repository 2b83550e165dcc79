#!/usr/bin/env bash
# Update stream fan-out at operator scale (issue #15, docs/PERFORMANCE.md "Update stream fan-out"):
# a generated Flow Director-shaped network (bench FlowDirectorNetwork, as bench/scale/run.sh makes it)
# served by `./alto serve` as shipped (the launcher's JVM flags, every default) pinned to SERVER_CPU;
# SUBSCRIBERS update streams (bench SseFanoutLoad: non-blocking sockets on one thread, pinned to
# LOAD_CPU) follow RESOURCE, each subscribing with the map's current ETag as its tag so that none
# downloads the full map first (RFC 8895 section 6.7); then one cell of rtt.csv changes on disk
# (written aside, renamed over the file) and each subscriber's next event is measured: its bytes
# (target <= 1 KB) and the time from the rename to the last subscriber having read it (target <= 1 s).
# Also the server's live heap and threads before and after the subscribers connect (idle cost), and
# the opening apart: per stream the time to connect, to the response head and to the control event,
# and the CPU time the server (by thread) and the load generator used while the streams opened, so
# that the server's cost per open shows apart from the client's (OPEN=one-by-one: each stream opens
# once the one before has its first update, so each open's latency has no queue in front of it;
# HELD=stale: the subscribers name a tag that is not current, so each first gets the full map, to
# see what sending the already-encoded map costs per stream; use few SUBSCRIBERS then).
#
#   bench/updates/fanout.sh [OUT_DIR]      -> OUT_DIR/summary.md (default bench/target/fanout-<timestamp>)
#
# Environment (defaults): PIDS=1700 SUBSCRIBERS=1000 IPV4_PER_PID=150 IPV6_PER_PID=30 SEED=16
#   RESOURCE=costmap-num-routingcost SERVER_CPU=1 LOAD_CPU=0 START_TIMEOUT=300 (s) PORT=18411 OPEN=all-at-once HELD=current
#   ALTO_JAR (default app/target/altokit.jar, copied before use), ALTO_JAVA_OPTS (passed to the launcher).
# Bounded: every wait has a limit. Loopback only; the server started here is stopped on exit (trap).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../overload/server-lifecycle.sh
source "$root/bench/overload/server-lifecycle.sh"

PIDS="${PIDS:-1700}" SUBSCRIBERS="${SUBSCRIBERS:-1000}" IPV4_PER_PID="${IPV4_PER_PID:-150}" IPV6_PER_PID="${IPV6_PER_PID:-30}"
SEED="${SEED:-16}" RESOURCE="${RESOURCE:-costmap-num-routingcost}" SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}"
START_TIMEOUT="${START_TIMEOUT:-300}" PORT="${PORT:-18411}" OPEN="${OPEN:-all-at-once}" HELD="${HELD:-current}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
out="$(realpath -m "${1:-$root/bench/target/fanout-$(date +%Y%m%d-%H%M%S)}")"

for tool in taskset curl jq "$JAVA" "$JAVA_HOME/bin/javac" "$JAVA_HOME/bin/jcmd"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y jq; JDK at JAVA_HOME)"
done
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" || die "port $PORT already answers; stop that server first"
mkdir -p "$out"
say "results in $out"

jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"
src="$root/bench/src/main/java/io/altokit/bench"
timeout 120 "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$out/altokit.jar" -d "$out/classes" \
    "$src/FlowDirectorNetwork.java" "$src/SyntheticNetwork.java" "$src/SseSubscribers.java" "$src/SseFanoutLoad.java" "$src/ThreadCpu.java"
{
    echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "altokit: git $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "server: ./alto serve (launcher JVM flags${ALTO_JAVA_OPTS:+ + $ALTO_JAVA_OPTS}) on cpu $SERVER_CPU; subscribers on cpu $LOAD_CPU"
} > "$out/machine.txt"

dir="$out/network"
timeout 600 "$JAVA" -cp "$out/altokit.jar:$out/classes" io.altokit.bench.FlowDirectorNetwork "$dir" "$PIDS" \
    $((PIDS * 750 / 1700 > 0 ? PIDS * 750 / 1700 : 1)) $((PIDS * IPV4_PER_PID)) $((PIDS * IPV6_PER_PID)) "$SEED" >&2
say "$PIDS PIDs: network file $(du -h "$dir/network.yaml" | cut -f1), rtt.csv $(du -h "$dir/rtt.csv" | cut -f1); starting"

taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" "$root/alto" serve --config "$dir/network.yaml" --port "$PORT" \
    >"$out/server.out" 2>"$out/server.err" &
server_pid=$!
await_ready "$out/server.out" "$out/server.err"

uri="$(curl -sf --max-time 10 "http://127.0.0.1:$PORT/directory" | jq -r --arg id "$RESOURCE" '.resources[$id].uri // empty')"
[ -n "$uri" ] || die "the directory lists no $RESOURCE"
# One GET renders the map and gives its ETag: the tag every subscriber holds.
read -r size etag < <(curl -sf --max-time 300 -o /dev/null -w '%{size_download} %header{etag}\n' "http://127.0.0.1:$PORT$uri")
etag="${etag//\"/}"
[ -n "$etag" ] || die "GET $uri gave no ETag"
say "$RESOURCE: $size bytes, ETag $etag; $SUBSCRIBERS subscribers"

timeout 900 taskset -c "$LOAD_CPU" "$JAVA" -cp "$out/altokit.jar:$out/classes" io.altokit.bench.SseFanoutLoad \
    127.0.0.1 "$PORT" "$RESOURCE" "$([ "$HELD" = stale ] && echo stale || echo "$etag")" "$SUBSCRIBERS" "$dir/rtt.csv" pid1 \
    "$server_pid" "$OPEN" "$HELD" | tee "$out/fanout.txt" >&2
stop_server

{
    cat "$out/machine.txt"; echo
    echo "$PIDS PIDs, $RESOURCE $size bytes, $SUBSCRIBERS subscribers with its $HELD ETag as tag, opened $OPEN"; echo
    sed 's/^/    /' "$out/fanout.txt"
} > "$out/summary.md"
cat "$out/summary.md"
