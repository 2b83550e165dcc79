#!/usr/bin/env bash
# The expensive overload workload: DIR/network.yaml, a generated 400-PID network with a dense
# routingcost map, and DIR/request.json, a filtered cost map over every PID pair keeping the costs
# above 96 (a 130-byte body, about 1.2 ms of work, a 16 KB answer).
#   bench/overload/make-costmap-workload.sh DIR
set -euo pipefail
dir="${1:?usage: make-costmap-workload.sh DIR}"
mkdir -p "$dir"
python3 - "$dir/network.yaml" > "$dir/request.json" <<'PY'
import sys
n = 400
lines = ["default-pid: external", "network-map:"]
lines += [f"  p{i}: {{ ipv4: [10.{i // 250}.{i % 250}.0/24] }}" for i in range(n)]
lines += ["  external: { ipv4: [0.0.0.0/0] }", "costs:", "  routingcost:"]
lines += ["    p%d: { %s }" % (i, ", ".join(f"p{j}: {1 + abs(i - j) % 97}" for j in range(n))) for i in range(n)]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
print('{"cost-type":{"cost-mode":"numerical","cost-metric":"routingcost"},"pids":{"srcs":[],"dsts":[]},'
      '"constraints":["gt 96"]}')
PY
