#!/usr/bin/env bash
# The ECS benchmark as a new user meets the server (issue #12): `./alto serve` with the launcher's JVM
# flags and every default (access log on, to a file), side by side with nginx returning the same bytes
# and with the access log off, interleaved in one run; `alto` is the tuned configuration
# (`--io-threads 1 --no-access-log`, plain `java -jar`), kept for comparison and to capture the bytes.
#
#   bench/http/defaults.sh [OUT_DIR]     -> OUT_DIR/summary.md (default bench/target/defaults-<timestamp>; about 4 minutes)
#
# Same environment as run.sh (ROUNDS, DURATION, WARMUP, SERVER_CPU, LOAD_CPU, CONNECTIONS).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export TARGETS="${TARGETS:-alto nginx defaults defaults-nolog}" NETMAP_TARGETS="${NETMAP_TARGETS:-alto nginx defaults}"
exec "$here/run.sh" "${1:-$here/../target/defaults-$(date +%Y%m%d-%H%M%S)}"
