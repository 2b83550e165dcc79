#!/usr/bin/env bash
# TIPS edge fetch rate over HTTP/2 (docs/PERFORMANCE.md, "TIPS edges over HTTP/2"): h2load against one
# `alto serve` over TLS (ALPN h2) with the example network (examples/poland-isp.yaml). A TIPS view of
# the routingcost map is opened and three edits of one cost in the network file give it versions 2, 3
# and 4; then, in interleaved rounds, h2load fetches:
#   costmap-get    GET /costmap/num-routingcost, the reference (the same bytes as the snapshot edge)
#   snapshot-edge  GET <view>/ug/0/4, the full map as a TIPS edge
#   patch-edge     GET <view>/ug/1/2, the patch of the first edit
#   shortcut-edge  GET <view>/ug/1/4, the shortcut over the three edits (RFC 9569 section 8.3: one
#                  merge patch of the cell, smaller than the three JSON patches together)
#
#   bench/tips/h2load.sh [OUT_DIR]        default OUT_DIR: bench/target/tips-h2load-<timestamp>
#
# The server is pinned to SERVER_CPU, h2load to LOAD_CPU, both on 127.0.0.1. Bounded: each h2load run
# lasts WARMUP+DURATION s (killed after 60 s more), the start waits <= 60 s; the server is stopped on
# exit (trap). A warm-up round (all targets, recorded as round "warmup") comes first; each round then
# starts with another target. Results: OUT_DIR/results.tsv (round, target, requests/s, succeeded,
# failed, DATA bytes).
#
# Environment (defaults): ROUNDS=3 DURATION=10 WARMUP=3 CLIENTS=4 STREAMS=16 SERVER_CPU=1 LOAD_CPU=0 PORT=18391
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), ALTO_JAR (default app/target/altokit.jar)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}" CLIENTS="${CLIENTS:-4}" STREAMS="${STREAMS:-16}"
SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}" PORT="${PORT:-18391}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$(realpath -m "${1:-$root/bench/target/tips-h2load-$(date +%Y%m%d-%H%M%S)}")"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
server=""
cleanup() {
    [ -z "$server" ] && return
    kill -TERM "$server" 2>/dev/null || true
    timeout 20 tail --pid="$server" -f /dev/null || kill -KILL "$server" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in h2load openssl taskset curl "$JAVA_HOME/bin/java"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y nghttp2-client openssl curl)"
done
mkdir -p "$out/h2load"
jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
[ -f "$jar" ] || die "no $jar (mvn -B -pl app -am package -DskipTests)"
cp "$jar" "$out/altokit.jar"
"$root/bench/http/make-test-ca.sh" "$out"
tls="tls: { certificate: server.crt, private-key: server.key }"
{ cat "$root/examples/poland-isp.yaml"; echo "$tls"; } > "$out/net.yaml"

(cd "$out" && exec taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -jar altokit.jar serve --config net.yaml \
    --port "$PORT" --no-access-log > server.out 2>&1) &
server="$!"
for _ in $(seq 120); do grep -q "ready" "$out/server.out" && break; sleep 0.5; done
grep -q "ready" "$out/server.out" || die "the server did not start: $(tail -3 "$out/server.out")"
base="https://127.0.0.1:$PORT"
fetch() { curl --silent --show-error --cacert "$out/ca.crt" --max-time 40 "$@"; }

view="$(fetch -X POST -H 'Content-Type: application/alto-tipsparams+json' \
    --data '{"resource-id":"costmap-num-routingcost"}' "$base/tips" | grep -o '/tips/[0-9a-f]\{32\}')"
[ -n "$view" ] || die "no TIPS view opened"
# Three edits (routingcost area-01 -> area-02 from 9.3 to 9.4, 9.5, 9.6) make versions 2, 3 and 4; each
# long poll returns with its version.
edit() { # FROM TO
    sed "s/area-01: { area-01: 1, area-02: $1,/area-01: { area-01: 1, area-02: $2,/" "$out/net.yaml" > "$out/net.yaml.next"
    mv "$out/net.yaml.next" "$out/net.yaml"
}
edit 9.3 9.4
fetch --output "$out/patch.json" --write-out '%{http_code}' "$base$view/ug/1/2" | grep -q 200 || die "version 2 never came"
edit 9.4 9.5
fetch --output /dev/null --write-out '%{http_code}' "$base$view/ug/2/3" | grep -q 200 || die "version 3 never came"
edit 9.5 9.6
fetch --output /dev/null --write-out '%{http_code}' "$base$view/ug/3/4" | grep -q 200 || die "version 4 never came"
fetch --output "$out/shortcut.json" --write-out '%{http_code}' "$base$view/ug/1/4" | grep -q 200 || die "no shortcut 1 -> 4 offered"
fetch --output "$out/snapshot.json" "$base$view/ug/0/4"
fetch --output "$out/costmap.json" "$base/costmap/num-routingcost"
cmp -s "$out/snapshot.json" "$out/costmap.json" || die "the snapshot edge differs from GET /costmap/num-routingcost"
say "view $view; cost map $(wc -c < "$out/costmap.json") bytes, patch $(wc -c < "$out/patch.json") bytes: $(cat "$out/patch.json");" \
    "shortcut $(wc -c < "$out/shortcut.json") bytes: $(cat "$out/shortcut.json")"

declare -A URL=([costmap-get]="$base/costmap/num-routingcost" [snapshot-edge]="$base$view/ug/0/4" [patch-edge]="$base$view/ug/1/2"
    [shortcut-edge]="$base$view/ug/1/4")
TARGETS="costmap-get snapshot-edge patch-edge shortcut-edge"
run() { # ROUND TARGET
    local file="$out/h2load/$1-$2.txt"
    timeout $(( WARMUP + DURATION + 60 )) taskset -c "$LOAD_CPU" h2load -t 1 -c "$CLIENTS" -m "$STREAMS" \
        --warm-up-time="${WARMUP}s" -D "$DURATION" "${URL[$2]}" > "$file" 2>&1 || true
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk '/^finished in/ {print $4}' "$file")" \
        "$(awk '/^requests:/ {print $8}' "$file")" "$(awk '/^requests:/ {print $10}' "$file")" \
        "$(awk '/^traffic:/ {print $(NF-1)}' "$file" | tr -d '()')" | tee -a "$out/results.tsv" >&2
}
printf 'round\ttarget\trequests_per_s\tsucceeded\tfailed\tdata_bytes\n' > "$out/results.tsv"
for target in $TARGETS; do run warmup "$target"; done
for round in $(seq "$ROUNDS"); do
    # Each round starts with another target, so no target always runs first (or last) after the others.
    order="$(echo $TARGETS | tr ' ' '\n' | awk -v r="$round" '{ a[NR] = $0 } END { for (i = 0; i < NR; i++) print a[(i + r) % NR + 1] }')"
    for target in $order; do run "$round" "$target"; done
done
say "results: $out/results.tsv"
