#!/usr/bin/env bash
# Operator scale, BGP (issue #16, docs/PERFORMANCE.md "Operator scale: BGP change to served"): the
# Flow Director-shaped network of run.sh (bench FlowDirectorNetwork: PIDS PIDs, prefixes in the
# network file, rtt + hopcount pools rated) served by `./alto serve` as shipped, pinned to
# SERVER_CPU, with a BGP listener whose rules put community 65000:1 in pid1 and 65000:2 in pid2.
# A real router, BIRD 2 (source 127.0.0.2, AS 65001), announces ROUTES /24s of 240.0.0.0/10 (reserved, so
# never among the generated prefixes), all tagged 65000:1; then the operator re-tags them all 65000:2:
# one PID's prefixes (ROUTES of them) move to another PID. Measured:
#   - first load: from BIRD's start until the endpoint property service puts the first and the last
#     route's address in pid1;
#   - the move: from `birdc configure` (BIRD sends the ROUTES UPDATEs right after) until both
#     addresses are in pid2, and from birdc's return; the server's CPU seconds meanwhile.
# The server's debounce is the default (250 ms): an UPDATE burst is published once it is quiet.
#
#   bench/scale/bgp.sh [OUT_DIR]      -> OUT_DIR/summary.txt (default bench/target/scale-bgp-<timestamp>)
#
# Environment (defaults): PIDS=1700 ROUTES=10000 (at most 16384) SEED=16 ROUNDS=3 (moves, back and forth)
#   SERVER_CPU=1 PORT=18421 BGP_PORT=18479 START_TIMEOUT=300 (s)
#   ALTO_JAR (default app/target/altokit.jar, copied before use), ALTO_JAVA_OPTS (passed to the launcher).
# Needs bird and birdc (apt-get install -y bird2). Loopback only; the server and BIRD started here
# are stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../overload/server-lifecycle.sh
source "$root/bench/overload/server-lifecycle.sh"

PIDS="${PIDS:-1700}" ROUTES="${ROUTES:-10000}" SEED="${SEED:-16}" ROUNDS="${ROUNDS:-3}" SERVER_CPU="${SERVER_CPU:-1}"
PORT="${PORT:-18421}" BGP_PORT="${BGP_PORT:-18479}" START_TIMEOUT="${START_TIMEOUT:-300}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
out="$(realpath -m "${1:-$root/bench/target/scale-bgp-$(date +%Y%m%d-%H%M%S)}")"
for tool in bird birdc taskset curl jq "$JAVA"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y bird2 jq; JDK at JAVA_HOME)"
done
[ "$ROUTES" -le 16384 ] || die "ROUTES=$ROUTES: at most 16384 /24s fit 240.0.0.0/10"
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" || die "port $PORT already answers; stop that server first"
mkdir -p "$out"
say "results in $out"

jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"
timeout 120 "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$out/altokit.jar" -d "$out/classes" \
    "$root/bench/src/main/java/io/altokit/bench/FlowDirectorNetwork.java" "$root/bench/src/main/java/io/altokit/bench/SyntheticNetwork.java"
dir="$out/network"
timeout 600 "$JAVA" -cp "$out/altokit.jar:$out/classes" io.altokit.bench.FlowDirectorNetwork "$dir" "$PIDS" >&2
cat >> "$dir/network.yaml" <<EOF
bgp:
  listen: "127.0.0.1:$BGP_PORT"
  local-as: 65000
  peers: [ { address: 127.0.0.2, remote-as: 65001 } ]
  rules:
    - { community: "65000:1", pid: pid1 }
    - { community: "65000:2", pid: pid2 }
EOF

# BIRD: the routes tagged COMMUNITY (1 or 2), exported to the server.
bird_config() {
    echo "router id 127.0.0.2;"
    echo "protocol device {}"
    echo "protocol static s4 {"
    echo "  ipv4;"
    awk -v n="$ROUTES" -v c="$1" 'BEGIN { for (i = 0; i < n; i++) printf "  route 240.%d.%d.0/24 blackhole { bgp_community.add((65000,%d)); };\n", int(i / 256), i % 256, c }'
    echo "}"
    echo "protocol bgp alto {"
    echo "  local 127.0.0.2 as 65001;"
    echo "  neighbor 127.0.0.1 port $BGP_PORT as 65000;"
    echo "  multihop;"
    echo "  connect delay time 1; connect retry time 1; error wait time 1, 2;"
    echo "  ipv4 { import none; export all; };"
    echo "}"
}
last_route="$((ROUTES - 1))"
addresses=("ipv4:240.0.0.1" "ipv4:240.$((last_route / 256)).$((last_route % 256)).1")

bird_pid_file="$out/bird.pid"
stop_bird() {
    [ -f "$bird_pid_file" ] || return 0
    local pid; pid="$(cat "$bird_pid_file")"; rm -f "$bird_pid_file"
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
trap 'stop_bird; stop_server' EXIT

taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" "$root/alto" serve --config "$dir/network.yaml" --port "$PORT" \
    > "$out/server.out" 2> "$out/server.err" &
server_pid=$!
await_ready "$out/server.out" "$out/server.err"
say "$PIDS PIDs: ready after ${ready_s}s"
prop_type="$(curl -sf --max-time 10 "http://127.0.0.1:$PORT/directory" | jq -r '.resources[] | select(.uri == "/endpointprop/lookup") | .capabilities["prop-types"][0]')"
prop_body="{\"properties\":[\"$prop_type\"],\"endpoints\":[\"${addresses[0]}\",\"${addresses[1]}\"]}"

cpu_s() { sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($12 + $13) / hz }'; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
# Waits (up to 120 s) until both addresses are in PID; prints the seconds since $1, or "never".
await_pid() { # T0 PID
    local _
    for _ in $(seq 2400); do
        if curl -sf --max-time 5 -H 'Content-Type: application/alto-endpointpropparams+json' --data-binary "$prop_body" \
            "http://127.0.0.1:$PORT/endpointprop/lookup" \
            | jq -e --arg p "$2" '[.["endpoint-properties"][] | to_entries[0].value] | all(. == $p)' >/dev/null; then
            since "$1"; return 0
        fi
        sleep 0.02
    done
    echo never
}

bird_config 1 > "$out/bird.conf"
t0="$(date +%s.%N)"
bird -c "$out/bird.conf" -s "$out/bird.ctl" -P "$bird_pid_file" > "$out/bird.log" 2>&1 || die "bird did not start; see $out/bird.log"
first="$(await_pid "$t0" pid1)"
say "$ROUTES routes announced: in pid1 after ${first}s (BIRD start, session set-up and the debounce included)"
{
    echo "date: $(date -u +%FT%TZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)  altokit: git $(git -C "$root" rev-parse --short HEAD)"
    echo "network: $PIDS PIDs (FlowDirectorNetwork, seed $SEED); $ROUTES BGP routes from BIRD $(bird --version 2>&1 | awk '{ print $NF }')"
    echo "first load: $ROUTES routes in pid1 after ${first}s from BIRD's start"
    echo
    echo "| move | served after s (from birdc configure) | from birdc's return s | server CPU s |"
    echo "|---:|---:|---:|---:|"
} > "$out/summary.txt"

community=1
for round in $(seq "$ROUNDS"); do
    community=$((3 - community))
    bird_config "$community" > "$out/bird.conf"
    cpu0="$(cpu_s)"
    t0="$(date +%s.%N)"
    timeout 60 birdc -s "$out/bird.ctl" configure > "$out/birdc-$round.txt" 2>&1
    t1="$(date +%s.%N)"
    grep -q Reconfigured "$out/birdc-$round.txt" || die "birdc configure failed; see $out/birdc-$round.txt"
    served="$(await_pid "$t0" "pid$community")"
    from_return="$(awk -v s="$served" -v a="$t0" -v b="$t1" 'BEGIN { if (s == "never") print "never"; else printf "%.2f", s - (b - a) }')"
    cpu="$(awk -v a="$cpu0" -v b="$(cpu_s)" 'BEGIN { printf "%.1f", b - a }')"
    say "move $round: $ROUTES routes to pid$community served after ${served}s (${from_return}s after birdc returned), $cpu CPU s"
    echo "| $round: to pid$community | $served | $from_return | $cpu |" >> "$out/summary.txt"
done
grep 'published a snapshot' "$out/server.err" "$out/server.out" 2>/dev/null | tail -$((ROUNDS + 1)) | sed 's/^[^:]*://' > "$out/publications.txt" || true
{ echo; echo "the server's last publications:"; cat "$out/publications.txt"; } >> "$out/summary.txt"
stop_bird
stop_server
cat "$out/summary.txt"
