#!/usr/bin/env bash
# Writes the benchmark's ECS request to DIR/ecs-request.json and a wrk script posting it to DIR/post.lua.
# Deterministic: 1 source (ipv4:10.1.2.3, area-01) and 100 distinct destinations spread over the
# example network (examples/poland-isp.yaml): 60 IPv4 in 10.N/16 and 20 in 100.(64+N)/16 over all 14
# areas, 15 IPv6 in 2001:db8:N::/48, and 5 external (3 IPv4 documentation, 2 IPv6 outside the ISP).
#   bench/http/make-post-lua.sh DIR
set -euo pipefail
dir="${1:?usage: make-post-lua.sh DIR}"
mkdir -p "$dir"

dsts=()
for i in $(seq 0 59); do a=$(( i % 14 + 1 )); dsts+=("\"ipv4:10.$a.$(( i * 7 % 250 )).$(( i * 13 % 250 + 1 ))\""); done
for i in $(seq 0 19); do a=$(( (i * 5) % 14 + 1 )); dsts+=("\"ipv4:100.$(( 64 + a )).$(( i * 11 % 250 )).$(( i + 10 ))\""); done
for i in $(seq 0 14); do a=$(( i % 14 + 1 )); dsts+=("\"ipv6:2001:db8:$(printf '%x' "$a"):$(( i + 1 ))::$(printf '%x' $(( i * 17 + 2 )))\""); done
dsts+=('"ipv4:192.0.2.17"' '"ipv4:198.51.100.42"' '"ipv4:203.0.113.200"' '"ipv6:2001:db8:ff::1"' '"ipv6:2a00:1450:4001::5"')
[ "${#dsts[@]}" -eq 100 ] || { echo "expected 100 destinations, got ${#dsts[@]}" >&2; exit 1; }

body="{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"srcs\":[\"ipv4:10.1.2.3\"],\"dsts\":[$(IFS=,; echo "${dsts[*]}")]}}"
printf '%s' "$body" > "$dir/ecs-request.json"
cat > "$dir/post.lua" <<LUA
-- AltoKit HTTP benchmark: ECS, ordinal routingcost, 1 source x 100 destinations (bench/http/make-post-lua.sh)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/alto-endpointcostparams+json"
wrk.headers["Accept"] = "application/alto-endpointcost+json,application/alto-error+json"
wrk.body = [[$body]]
LUA
