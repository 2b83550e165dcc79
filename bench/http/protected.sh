#!/usr/bin/env bash
# Cost of the protection layer on the ECS benchmark (docs/PERFORMANCE.md, issue #5): the same server jar
# and network (examples/poland-isp.yaml) with each protection feature on its own and all together,
# interleaved rounds under one wrk load (keep-alive, 32 connections, the #2 ECS request:
# 1 source x 100 destinations, bench/http/make-post-lua.sh).
#
#   bench/http/protected.sh [OUT_DIR]        default OUT_DIR: bench/target/protected-run-<timestamp>
#
# Targets:  plain         no protection (as in #2)
#           bearer        auth.bearer (Ed25519 JWT checked against a PEM key; a client reuses its token)
#           signed        signing (RFC 9421 Ed25519 over Content-Digest, bound to the request's digest)
#           tls           HTTPS (default engine)
#           tls-bearer    HTTPS + bearer
#           all           HTTPS + bearer + signing
# Servers are pinned to SERVER_CPU, wrk to LOAD_CPU, all on 127.0.0.1. Besides requests/s, each run
# records the server's own CPU time (/proc/PID/stat), so requests per server-CPU-second compare
# targets even when other work on the machine takes part of the core. Bounded: each wrk run lasts
# DURATION s (killed after DURATION+30 s), each start waits <= 60 s; every process started here is
# stopped on exit (trap). Results: OUT_DIR/results.tsv and OUT_DIR/summary.md.
#
# Environment (defaults): ROUNDS=3 DURATION=10 SERVER_CPU=1 LOAD_CPU=0 TARGETS="plain bearer signed tls tls-bearer all"
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), ALTO_JAR (default app/target/altokit.jar)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}"
TARGETS="${TARGETS:-plain bearer signed tls tls-bearer all}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$(realpath -m "${1:-$root/bench/target/protected-run-$(date +%Y%m%d-%H%M%S)}")"
declare -A PORT=([plain]=18391 [bearer]=18392 [signed]=18393 [tls]=18394 [tls-bearer]=18395 [all]=18396)
declare -A PID=()
TICKS="$(getconf CLK_TCK)"

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

for tool in wrk openssl taskset curl python3 "$JAVA_HOME/bin/java"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk openssl curl python3)"
done
mkdir -p "$out/wrk"
jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
[ -f "$jar" ] || timeout 600 "$root/alto" --help >/dev/null
cp "$jar" "$out/altokit.jar"
"$here/make-post-lua.sh" "$out"

"$here/make-test-ca.sh" "$out"
(
    cd "$out"
    # The token issuer's Ed25519 key and one token for client "bench", valid for a day (EdDSA JWS by openssl).
    openssl genpkey -algorithm ed25519 -out jwt.key 2>/dev/null
    openssl pkey -in jwt.key -pubout -out jwt.pub.pem 2>/dev/null
    b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
    header="$(printf '{"alg":"EdDSA","typ":"JWT"}' | b64url)"
    payload="$(printf '{"sub":"bench","iss":"https://isp.example","aud":"alto","exp":%d}' $(( $(date +%s) + 86400 )) | b64url)"
    printf '%s.%s' "$header" "$payload" > jwt.input
    openssl pkeyutl -sign -inkey jwt.key -rawin -in jwt.input -out jwt.sig 2>/dev/null
    printf '%s.%s' "$(cat jwt.input)" "$(b64url < jwt.sig)" > token
    "$JAVA_HOME/bin/java" -jar altokit.jar keygen signing.pem > keygen.txt
)
digest="$(openssl dgst -sha256 -binary "$out/ecs-request.json" | base64 -w0)"
{ cat "$out/post.lua"
  echo "wrk.headers[\"Authorization\"] = \"Bearer $(cat "$out/token")\""
  echo "wrk.headers[\"Content-Digest\"] = \"sha-256=:$digest:\""
} > "$out/post-protected.lua"

tls='tls: { certificate: server.crt, private-key: server.key }'
bearer='auth: { bearer: { public-key: jwt.pub.pem, issuer: "https://isp.example", audience: alto } }'
signing='signing: { ed25519-private-key: signing.pem }'
config() { # TARGET SECTIONS...
    local target="$1"; shift
    { cat "$root/examples/poland-isp.yaml"; echo; for section in "$@"; do echo "$section"; done
      printf 'server: { port: %s, io-threads: 1, access-log: false }\n' "${PORT[$target]}"; } > "$out/$target.yaml"
}
config plain
config bearer "$bearer"
config signed "$signing"
config tls "$tls"
config tls-bearer "$tls" "$bearer"
config all "$tls" "$bearer" "$signing"

for target in $TARGETS; do
    taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -jar "$out/altokit.jar" serve --config "$out/$target.yaml" \
        > "$out/$target.out" 2>&1 &
    pids+=("$!")
    PID[$target]=$!
done
for target in $TARGETS; do
    for _ in $(seq 120); do grep -q "ready" "$out/$target.out" && break; sleep 0.5; done
    grep -q "ready" "$out/$target.out" || die "$target did not start: $(tail -3 "$out/$target.out")"
done
url() { case "$1" in tls*|all) echo "https://127.0.0.1:${PORT[$1]}/endpointcost/lookup" ;;
                     *) echo "http://127.0.0.1:${PORT[$1]}/endpointcost/lookup" ;; esac; }

# Each target must answer the benchmark request with 200 (and signed targets with a signature).
for target in $TARGETS; do
    headers="$(curl -s --cacert "$out/ca.crt" -D - -o /dev/null -H "Authorization: Bearer $(cat "$out/token")" \
        -H 'Content-Type: application/alto-endpointcostparams+json' -H "Content-Digest: sha-256=:$digest:" \
        --data-binary @"$out/ecs-request.json" "$(url "$target")")"
    grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || die "$target does not answer 200: $(head -1 <<<"$headers")"
    case "$target" in signed|all) grep -qi '^signature:' <<<"$headers" || die "$target answered without a signature" ;; esac
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # ROUND TARGET
    local file="$out/wrk/$1-$2.txt" before after
    before="$(cpu_ticks "${PID[$2]}")"
    timeout $(( DURATION + 30 )) taskset -c "$LOAD_CPU" wrk -t1 -c32 -d"${DURATION}s" --latency \
        -s "$out/post-protected.lua" "$(url "$2")" > "$file" 2>&1 || die "wrk against $2; see $file"
    after="$(cpu_ticks "${PID[$2]}")"
    grep -q 'Non-2xx' "$file" && die "$2 answered non-2xx under load; see $file"
    [ "$1" = warmup ] && return 0
    local rps requests cpu
    rps="$(awk '/Requests\/sec/ {print $2}' "$file")"
    requests="$(awk '/requests in/ {print $1}' "$file")"
    cpu="$(python3 -c "print(round(($after - $before) / $TICKS, 2))")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$rps" "$(awk '$1 == "99%" {print $2}' "$file")" "$cpu" \
        "$(python3 -c "print(round($requests / max($cpu, 0.01)))")" | tee -a "$out/results.tsv" >&2
}
printf 'round\ttarget\trequests_per_s\tp99\tserver_cpu_s\trequests_per_cpu_s\n' > "$out/results.tsv"
for target in $TARGETS; do run warmup "$target"; done
for round in $(seq "$ROUNDS"); do
    for target in $TARGETS; do run "$round" "$target"; done
done

python3 - "$out/results.tsv" > "$out/summary.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| round | target | req/s | p99 | server CPU s | req per server-CPU-s | req/s vs plain | per-CPU vs plain |")
print("|---|---|---|---|---|---|---|---|")
by = {(r["round"], r["target"]): r for r in rows}
for r in rows:
    base = by.get((r["round"], "plain"))
    rel = lambda key: f"{float(r[key]) / float(base[key]):.2f}" if base else "-"
    print(f"| {r['round']} | {r['target']} | {float(r['requests_per_s']):,.0f} | {r['p99']} | {r['server_cpu_s']} | "
          f"{int(r['requests_per_cpu_s']):,} | {rel('requests_per_s')} | {rel('requests_per_cpu_s')} |")
PY
cat "$out/summary.md"
