#!/usr/bin/env bash
# Full-table BGP ingest (docs/PERFORMANCE.md): AltoKit's jar with a BGP listener and 14 area rules,
# fed 1,000,000 IPv4 + 200,000 IPv6 routes by bench BgpIngest acting as the router (source 127.0.0.2),
# then the server's heap after a full GC. Loopback only; the server is stopped on exit.
#   bench/bgp/run.sh [OUT_DIR]     (env: HEAP=1g, JAVA_HOME)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
HEAP="${HEAP:-1g}"
out="$(realpath -m "${1:-$root/bench/target/bgp-run-$(date +%Y%m%d-%H%M%S)}")"
mkdir -p "$out"
jar="$root/app/target/altokit.jar"
bench="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || timeout 600 "$root/alto" --help >/dev/null
[ -f "$bench" ] || { echo "build bench/target/benchmarks.jar first: mvn -q -pl bench -am package -DskipTests" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
bgp_port=$(free_port); http_port=$(free_port)
{
  echo "default-pid: external"
  echo "network-map:"
  for a in $(seq -w 1 14); do echo "  area-$a: { ipv4: [10.$((10#$a)).0.0/16] }"; done
  echo "bgp:"
  echo "  listen: \"127.0.0.1:$bgp_port\""
  echo "  local-as: 65000"
  echo "  peers: [ { address: 127.0.0.2, remote-as: 65001 } ]"
  echo "  rules:"
  for a in $(seq -w 1 14); do echo "    - { community: \"65000:$((100 + 10#$a))\", pid: area-$a }"; done
} > "$out/net.yaml"

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT
"$JAVA" -Xmx"$HEAP" ${SERVER_OPTS:-} -jar "$jar" serve --config "$out/net.yaml" --port "$http_port" --no-access-log \
    > "$out/server.out" 2> "$out/server.log" &
server_pid=$!
for i in $(seq 300); do grep -q "ALTO server ready" "$out/server.out" && break; sleep 0.2; done
grep -q "ALTO server ready" "$out/server.out" || { echo "server did not start; see $out/server.log" >&2; exit 1; }

timeout 300 "$JAVA" -cp "$bench" io.altokit.bench.BgpIngest "$bgp_port" "$http_port" 127.0.0.2 | tee "$out/ingest.txt"
"$JAVA_HOME/bin/jcmd" "$server_pid" GC.run > /dev/null
"$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info | tee "$out/heap.txt"
grep 'published a snapshot' "$out/server.log" | tail -3 | tee "$out/publications.txt"
echo "results in $out"
