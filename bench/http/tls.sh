#!/usr/bin/env bash
# TLS cost on the ECS benchmark (docs/PERFORMANCE.md, "TLS"): plain HTTP, TLS with BoringSSL and TLS with
# the JDK's engine, the same server jar and network (examples/poland-isp.yaml), interleaved rounds under wrk.
#
#   bench/http/tls.sh [OUT_DIR]        default OUT_DIR: bench/target/tls-run-<timestamp>
#
# Two loads per target and round: keep-alive connections (wrk -c32, the record cost) and a new
# connection per request (wrk -c8 with "Connection: close", the handshake cost; TLS 1.3, EC P-256).
# Servers are pinned to SERVER_CPU, wrk to LOAD_CPU, all on 127.0.0.1. Bounded: each wrk run lasts
# DURATION s (killed after DURATION+30 s), each start waits <= 60 s; every process started here is
# stopped on exit (trap). Results: OUT_DIR/results.tsv (round, target, load, requests/s, p50, p99).
#
# Environment (defaults): ROUNDS=3 DURATION=10 SERVER_CPU=1 LOAD_CPU=0
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), ALTO_JAR (default app/target/altokit.jar)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$(realpath -m "${1:-$root/bench/target/tls-run-$(date +%Y%m%d-%H%M%S)}")"
declare -A PORT=([plain]=18291 [boringssl]=18292 [jdk]=18293)
TARGETS="plain boringssl jdk"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do timeout 20 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk openssl taskset curl "$JAVA_HOME/bin/java"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk openssl curl)"
done
mkdir -p "$out/wrk"
jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
[ -f "$jar" ] || timeout 600 "$root/alto" --help >/dev/null
cp "$jar" "$out/altokit.jar"
"$here/make-post-lua.sh" "$out"

"$here/make-test-ca.sh" "$out"
cp "$root/examples/poland-isp.yaml" "$out/plain.yaml"
for engine in boringssl jdk; do
    { cat "$out/plain.yaml"; echo "tls: { certificate: server.crt, private-key: server.key, engine: $engine }"; } > "$out/$engine.yaml"
done

for target in $TARGETS; do
    taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -jar "$out/altokit.jar" serve --config "$out/$target.yaml" \
        --port "${PORT[$target]}" --no-access-log > "$out/$target.out" 2>&1 &
    pids+=("$!")
done
for target in $TARGETS; do
    for _ in $(seq 120); do grep -q "ready" "$out/$target.out" && break; sleep 0.5; done
    grep -q "ready" "$out/$target.out" || die "$target did not start: $(tail -3 "$out/$target.out")"
done
url() { [ "$1" = plain ] && echo "http://127.0.0.1:${PORT[$1]}/endpointcost/lookup" || echo "https://127.0.0.1:${PORT[$1]}/endpointcost/lookup"; }
grep -h "tls=" "$out"/*.out | sed 's/^/  /' >&2

run() { # ROUND TARGET LOAD
    local file="$out/wrk/$1-$2-$3.txt" options=(-t1 -c32)
    [ "$3" = handshake ] && options=(-t1 -c8 -H "Connection: close")
    timeout $(( DURATION + 30 )) taskset -c "$LOAD_CPU" wrk "${options[@]}" -d"${DURATION}s" --latency -s "$out/post.lua" "$(url "$2")" > "$file" 2>&1 || true
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(awk '/Requests\/sec/ {print $2}' "$file")" \
        "$(awk '$1 == "50%" {print $2}' "$file")" "$(awk '$1 == "99%" {print $2}' "$file")" | tee -a "$out/results.tsv" >&2
}
printf 'round\ttarget\tload\trequests_per_s\tp50\tp99\n' > "$out/results.tsv"
for target in $TARGETS; do run warmup "$target" keepalive; done
for round in $(seq "$ROUNDS"); do
    for load in keepalive handshake; do
        for target in $TARGETS; do run "$round" "$target" "$load"; done
    done
done
say "results: $out/results.tsv"
