#!/usr/bin/env bash
# Checks the packaging files (docs/operations.md): the systemd unit (systemd-analyze verify), the
# Prometheus configuration and alert rules (promtool, Debian package `prometheus`), the Grafana
# dashboard (valid JSON, every panel with a query). The dashboard's queries are checked against a real
# scrape by OperationsBirdIT; the image tar by image/check-image.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in systemd-analyze promtool python3; do
    command -v "$tool" >/dev/null || { echo "check: $tool not found (apt-get install -y systemd prometheus python3)" >&2; exit 2; }
done
out="$(systemd-analyze verify "$here/systemd/altokit.service" 2>&1)" || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "check: systemd-analyze verify reported: $out" >&2; exit 1; }
echo "check: systemd unit ok"
promtool check config "$here/prometheus/prometheus.yml"
python3 - "$here/grafana/altokit-dashboard.json" <<'PY'
import json, sys
dashboard = json.load(open(sys.argv[1]))
panels = dashboard["panels"]
empty = [p["title"] for p in panels if not any(t.get("expr") for t in p.get("targets", []))]
if empty:
    sys.exit(f"check: dashboard panels without a query: {empty}")
print(f"check: dashboard ok: {len(panels)} panels, {sum(len(p['targets']) for p in panels)} queries")
PY
