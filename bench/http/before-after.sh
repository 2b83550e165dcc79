#!/usr/bin/env bash
# The ECS benchmark of run.sh on two builds of AltoKit at once, interleaved, for a before/after ratio
# that a busy machine does not skew as much as two separate runs: both servers as run.sh's `alto`
# target (--io-threads 1 --no-access-log, pinned to SERVER_CPU), wrk pinned to LOAD_CPU, a warm-up of
# each, then ROUNDS rounds of one wrk run per build in turn. Prints each run and the median ratio.
#
#   bench/http/before-after.sh BEFORE_JAR AFTER_JAR [OUT_DIR]
#
# Environment (defaults): ROUNDS=5 DURATION=10 WARMUP=10 SERVER_CPU=1 LOAD_CPU=0 CONNECTIONS=32
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64). Ports 18191 and 18192 on 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="$(realpath "${1:?usage: before-after.sh BEFORE_JAR AFTER_JAR [OUT_DIR]}")"
after="$(realpath "${2:?usage: before-after.sh BEFORE_JAR AFTER_JAR [OUT_DIR]}")"
out="$(realpath -m "${3:-$here/../target/before-after-$(date +%Y%m%d-%H%M%S)}")"
ROUNDS="${ROUNDS:-5}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}"
SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}" CONNECTIONS="${CONNECTIONS:-32}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
declare -A PORT=([before]=18191 [after]=18192) JAR=([before]="$before" [after]="$after")
for tool in wrk taskset curl "$JAVA"; do command -v "$tool" >/dev/null || { echo "before-after: $tool not found" >&2; exit 2; }; done
mkdir -p "$out"
"$here/make-post-lua.sh" "$out"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

for build in before after; do
    cp "${JAR[$build]}" "$out/$build.jar" # a rebuild while the servers run would swap classes under them
    taskset -c "$SERVER_CPU" "$JAVA" -jar "$out/$build.jar" serve --port "${PORT[$build]}" --io-threads 1 --no-access-log \
        > "$out/$build.out" 2> "$out/$build.err" &
    pids+=($!)
done
ecs() { # BUILD SECONDS FILE
    timeout $(($2 + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$2s" -s "$out/post.lua" \
        "http://127.0.0.1:${PORT[$1]}/endpointcost/lookup" > "$3"
}
for build in before after; do
    for _ in $(seq 600); do curl -s -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[$build]}/directory" && break; sleep 0.2; done
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[$build]}/directory" || { echo "before-after: $build did not start; see $out/$build.err" >&2; exit 1; }
    ecs "$build" "$WARMUP" "$out/warmup-$build.txt"
done
printf 'round\tbuild\trps\n' > "$out/results.tsv"
for round in $(seq "$ROUNDS"); do
    for build in before after; do
        ecs "$build" "$DURATION" "$out/$round-$build.txt"
        rps="$(awk '/Requests\/sec/ { print $2 }' "$out/$round-$build.txt")"
        printf '%s\t%s\t%s\n' "$round" "$build" "$rps" | tee -a "$out/results.tsv"
    done
done
ratios="$(awk -F'\t' 'NR > 1 { r[$1, $2] = $3; n = $1 } END { for (i = 1; i <= n; i++) printf "%.4f\n", r[i, "after"] / r[i, "before"] }' \
    "$out/results.tsv" | sort -n)"
median="$(awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<< "$ratios")"
echo "after/before ECS req/s, median of $ROUNDS rounds: $median (rounds: $(tr '\n' ' ' <<< "$ratios"))" | tee "$out/summary.txt"
