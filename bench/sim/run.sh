#!/usr/bin/env bash
# Simulator run-time benchmark (docs/PERFORMANCE.md): `alto sim streaming --policy POLICY` at several
# sizes, each run pinned to one CPU (taskset) with the JVM told it has one processor, so the numbers
# are single-core numbers. Wall and CPU (user + sys) seconds per run go to OUT_DIR/results.tsv; the
# CPU time is the figure to compare when other work shares the machine.
#
#   bench/sim/run.sh [OUT_DIR]          default OUT_DIR: bench/target/sim-run-<timestamp>
#
# Environment (defaults): SIZES="1000:600 10000:600 100000:60" (peers:simulated seconds),
#   POLICY=alto ASES=100 CPU=0 TIMEOUT=1800 (seconds per run, then the run is killed),
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), ALTO_JAVA_OPTS (extra JVM flags).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SIZES="${SIZES:-1000:600 10000:600 100000:60}"
POLICY="${POLICY:-alto}" ASES="${ASES:-100}" CPU="${CPU:-0}" TIMEOUT="${TIMEOUT:-1800}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export ALTO_JAVA_OPTS="-XX:ActiveProcessorCount=1 ${ALTO_JAVA_OPTS:-}"
out="$(realpath -m "${1:-$root/bench/target/sim-run-$(date +%Y%m%d-%H%M%S)}")"
mkdir -p "$out"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
command -v taskset >/dev/null || { say "taskset (util-linux) is needed to pin runs to one CPU"; exit 1; }

"$root/alto" --version >/dev/null # builds the jar first if needed, outside the timings
printf 'peers\tsimulated_s\twall_s\tcpu_s\tcpu_s_per_simulated_minute\tresult\n' > "$out/results.tsv"
for size in $SIZES; do
  peers="${size%%:*}" simulated="${size##*:}"
  say "$peers peers, $simulated s of stream, policy $POLICY, CPU $CPU"
  TIMEFORMAT='%R %U %S'
  { time timeout "$TIMEOUT" taskset -c "$CPU" "$root/alto" sim streaming --peers "$peers" --ases "$ASES" \
      --policy "$POLICY" --duration "${simulated}s" --json > "$out/run-$peers.json" 2> "$out/run-$peers.err"; } 2> "$out/time-$peers.txt"
  read -r wall user sys < <(tail -n1 "$out/time-$peers.txt")
  cpu="$(echo "$user + $sys" | bc -l)"
  per_minute="$(echo "scale=3; $cpu * 60 / $simulated" | bc -l)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$peers" "$simulated" "$wall" "$cpu" "$per_minute" "$(tr -d '\n' < "$out/run-$peers.json")" >> "$out/results.tsv"
  say "  wall ${wall}s, cpu ${cpu}s (${per_minute}s per simulated minute)"
done
column -t -s $'\t' "$out/results.tsv" | cut -c1-120
say "results in $out/results.tsv"
