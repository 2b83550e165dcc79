#!/usr/bin/env bash
# Operator scale (issue #16, docs/PERFORMANCE.md "Operator scale"): for each size, generates a
# Flow Director-shaped network (bench FlowDirectorNetwork: PIDs, 45 % internal, IPv4 + IPv6 prefixes,
# rtt + hopcount PID x PID CSV matrices rated into routingcost) and measures `./alto serve` as shipped
# (the launcher's JVM flags, every default), pinned to SERVER_CPU:
#   - time to ready (launch to the "ready" line; also the CPU seconds the server used, which a busy
#     machine stretches less than wall time), RSS and live heap after every map was fetched once,
#     each map's size (identity and gzip) and the time of its first GET;
#   - wrk rates: full GET of /costmap/num-routingcost identity and gzip, ECS (1 source, 100 destinations)
#     and the filtered cost map (1 source PID, up to 100 destination PIDs); ECS and filtered as a ratio
#     to the 15-PID example network (examples/poland-isp.yaml, bench/http/make-post-lua.sh's request),
#     served all along by a second server on the same core and measured in turn with it, ROUNDS times;
#   - change-to-served: one cell of rtt.csv changed (written aside, renamed over the file) until the
#     filtered cost map answers the new value (and the server's CPU seconds meanwhile), with the largest
#     RSS seen meanwhile and the peak RSS.
#
#   bench/scale/run.sh [OUT_DIR]      -> OUT_DIR/summary.md (default bench/target/scale-<timestamp>)
#
# Environment (defaults): SIZES="15 170 1700 5000" (PIDs), IPV4_PER_PID=150 IPV6_PER_PID=30 SEED=16
#   DURATION=5 (s per wrk run) ROUNDS=3 CONNECTIONS=8 SERVER_CPU=1 LOAD_CPU=0 START_TIMEOUT=300 (s) PORT=18401 REF_PORT=18402
#   ALTO_JAR (default app/target/altokit.jar, copied before use), ALTO_JAVA_OPTS (passed to the launcher).
# Bounded: every wait has a limit; a size whose server does not start is reported with its error line
# and the run goes on. Loopback only; every process started here is stopped on exit (trap).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../overload/server-lifecycle.sh
source "$root/bench/overload/server-lifecycle.sh"

SIZES="${SIZES:-15 170 1700 5000}" IPV4_PER_PID="${IPV4_PER_PID:-150}" IPV6_PER_PID="${IPV6_PER_PID:-30}" SEED="${SEED:-16}"
DURATION="${DURATION:-5}" ROUNDS="${ROUNDS:-3}" CONNECTIONS="${CONNECTIONS:-8}" SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}"
START_TIMEOUT="${START_TIMEOUT:-300}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18401}" REF_PORT="${REF_PORT:-18402}"
out="$(realpath -m "${1:-$root/bench/target/scale-$(date +%Y%m%d-%H%M%S)}")"

for tool in wrk taskset curl jq "$JAVA" "$JAVA_HOME/bin/javac" "$JAVA_HOME/bin/jcmd"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk jq; JDK at JAVA_HOME)"
done
for port in "$PORT" "$REF_PORT"; do
    ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || die "port $port already answers; stop that server first"
done
mkdir -p "$out"
say "results in $out"

jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"
timeout 120 "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$out/altokit.jar" -d "$out/classes" \
    "$root/bench/src/main/java/io/altokit/bench/FlowDirectorNetwork.java" "$root/bench/src/main/java/io/altokit/bench/SyntheticNetwork.java"
{
    echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "altokit: git $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "server: ./alto serve (launcher JVM flags${ALTO_JAVA_OPTS:+ + $ALTO_JAVA_OPTS}) on cpu $SERVER_CPU; wrk on cpu $LOAD_CPU, $CONNECTIONS connections, ${DURATION}s per run"
} > "$out/machine.txt"

# --- one server at a time -------------------------------------------------------------------------
start_server() { # NAME CONFIG PORT: sets server_pid and ready_s, or returns 1 with the reason in $out/NAME.refused
    local name="$1" config="$2" port="$3" t0 i
    t0="$(date +%s.%N)"
    taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" "$root/alto" serve --config "$config" --port "$port" \
        >"$out/$name.out" 2>"$out/$name.err" &
    server_pid=$!
    for i in $(seq $((START_TIMEOUT * 10))); do
        if grep -q 'ready' "$out/$name.out" 2>/dev/null; then
            ready_s="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
            ready_cpu_s="$(cpu_s)"
            return 0
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            server_pid=""
            { grep -v '^\s*at \|WARNING' "$out/$name.err" | tail -2 | cut -c1-300; } > "$out/$name.refused"
            return 1
        fi
        sleep 0.1
    done
    echo "not ready after ${START_TIMEOUT}s" > "$out/$name.refused"
    stop_server
    return 1
}

# CPU seconds (user + system, every thread) the server has used.
cpu_s() { sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($12 + $13) / hz }'; }
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
# Live heap: a full collection first, then the used bytes of every space.
live_heap_mb() {
    timeout 60 "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null
    timeout 60 "$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info | awk '/total .*used [0-9]+K/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); n += v } }
        END { printf "%d", n / 1024 }'
}

post_lua() { # FILE CONTENT-TYPE BODY-FILE
    { echo 'wrk.method = "POST"'; echo "wrk.headers[\"Content-Type\"] = \"$2\""; echo "wrk.body = [[$(cat "$3")]]"; } > "$1"
}

wrk_rate() { # NAME URL [wrk args...]: requests/s, and the wrk output in $out/wrk/NAME.txt
    local name="$1" url="$2"; shift 2
    mkdir -p "$out/wrk"
    timeout $((DURATION + 60)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$@" "$url" > "$out/wrk/$name.txt" 2>&1 \
        || die "wrk $name; see $out/wrk/$name.txt"
    ! grep -q 'Non-2xx' "$out/wrk/$name.txt" || die "wrk $name got error answers; see $out/wrk/$name.txt"
    awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$out/wrk/$name.txt"
}

# --- reference: the 15-PID example network, served on REF_PORT all along ------------------------
ref_pid=""
stop_reference() { local measured="$server_pid"; server_pid="$ref_pid"; stop_server; ref_pid=""; server_pid="$measured"; }
trap 'stop_server; stop_reference' EXIT
"$root/bench/http/make-post-lua.sh" "$out/ref" >/dev/null
printf '{"cost-type":{"cost-mode":"numerical","cost-metric":"routingcost"},"pids":{"srcs":["area-01"],"dsts":[%s]}}' \
    "$(grep -oE '^  [a-z0-9-]+:' "$root/examples/poland-isp.yaml" | tr -d ' :' | sed 's/.*/"&"/' | paste -sd,)" > "$out/ref/filtered.json"
post_lua "$out/ref/filtered.lua" application/alto-costmapfilter+json "$out/ref/filtered.json"
start_server ref "$root/examples/poland-isp.yaml" "$REF_PORT" || die "the example network did not start: $(cat "$out/ref.refused")"
ref_pid="$server_pid" server_pid=""
wrk_rate ref-warmup "http://127.0.0.1:$REF_PORT/endpointcost/lookup" -s "$out/ref/post.lua" >/dev/null
say "reference (examples/poland-isp.yaml) up on port $REF_PORT"

# Mean rates of the measured network and of the reference over ROUNDS interleaved runs: "rate ref".
interleaved() { # NAME LUA REF-LUA PATH
    local r a b sum=0 ref=0
    for r in $(seq "$ROUNDS"); do
        b="$(wrk_rate "$1-ref-$r" "http://127.0.0.1:$REF_PORT$4" -s "$3")"
        a="$(wrk_rate "$1-$r" "http://127.0.0.1:$PORT$4" -s "$2")"
        sum="$(awk -v s="$sum" -v a="$a" 'BEGIN { print s + a }')"; ref="$(awk -v s="$ref" -v b="$b" 'BEGIN { print s + b }')"
    done
    awk -v s="$sum" -v r="$ref" -v n="$ROUNDS" 'BEGIN { printf "%.0f %.0f\n", s / n, r / n }'
}

printf 'pids\tipv4\tipv6\tready_s\tready_cpu_s\trss_mb\tlive_heap_mb\tnetworkmap_bytes\tcostmap_bytes\tcostmap_gzip_bytes\tfirst_get_s\tfirst_get_gzip_s\tget_rps\tget_gzip_rps\tecs_rps\tecs_ratio\tfiltered_rps\tfiltered_ratio\tchange_to_served_s\tchange_cpu_s\treload_rss_mb\tpeak_rss_mb\tpid_change_to_served_s\tpid_change_cpu_s\n' > "$out/results.tsv"
printf 'pids\tmap\tbytes\tgzip_bytes\tfirst_get_s\tfirst_get_gzip_s\n' > "$out/maps.tsv"

# --- one size --------------------------------------------------------------------------------------
measure() { # PIDS
    local n="$1" dir="$out/n$1" ipv4=$(($1 * IPV4_PER_PID)) ipv6=$(($1 * IPV6_PER_PID))
    timeout 600 "$JAVA" -cp "$out/altokit.jar:$out/classes" io.altokit.bench.FlowDirectorNetwork "$dir" "$n" \
        $((n * 750 / 1700 > 0 ? n * 750 / 1700 : 1)) "$ipv4" "$ipv6" "$SEED" >&2
    say "$n PIDs: network file $(du -h "$dir/network.yaml" | cut -f1), rtt.csv $(du -h "$dir/rtt.csv" | cut -f1); starting"
    if ! start_server "n$n" "$dir/network.yaml" "$PORT"; then
        say "$n PIDs: refused: $(tail -1 "$out/n$n.refused")"
        printf '%s\t%s\t%s\trefused: %s\n' "$n" "$ipv4" "$ipv6" "$(tail -1 "$out/n$n.refused" | tr '\t' ' ')" >> "$out/results.tsv"
        return 0
    fi
    say "$n PIDs: ready after ${ready_s}s (${ready_cpu_s} CPU s); fetching every map"
    local uri size gzip_size t gzip_t costmap=() first=()
    for uri in $(curl -sf --max-time 10 "http://127.0.0.1:$PORT/directory" | jq -r '.resources[] | select(.["media-type"] == "application/alto-networkmap+json" or .["media-type"] == "application/alto-costmap+json") | select(.accepts == null) | .uri'); do
        read -r size t < <(curl -sf --max-time 300 -o /dev/null -w '%{size_download} %{time_total}\n' "http://127.0.0.1:$PORT$uri")
        read -r gzip_size gzip_t < <(curl -sf --max-time 300 -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download} %{time_total}\n' "http://127.0.0.1:$PORT$uri")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$uri" "$size" "$gzip_size" "$(printf %.2f "$t")" "$(printf %.2f "$gzip_t")" >> "$out/maps.tsv"
        [ "$uri" = /networkmap ] && local netmap_size="$size"
        [ "$uri" = /costmap/num-routingcost ] && costmap=("$size" "$gzip_size") && first=("$(printf %.2f "$t")" "$(printf %.2f "$gzip_t")")
    done
    local rss heap
    rss="$(rss_mb)"; heap="$(live_heap_mb)"
    say "$n PIDs: RSS $rss MB, live heap $heap MB; num-routingcost ${costmap[0]} bytes (gzip ${costmap[1]}), first GET ${first[0]}s (gzip ${first[1]}s)"

    # Requests: 1 source and 100 destination addresses, each in a prefix of PID (d mod n).
    awk -v n="$n" -F'ipv4: \\[' '/^  pid[0-9]+:/ { split($1, k, ":"); pid = substr(k[1], 6); split($2, p, "]"); count[pid] = split(p[1], list, ", ")
            for (i = 1; i <= count[pid]; i++) prefix[pid, i] = list[i] }
        function address(pid, i,   a) { split(prefix[pid, (i % count[pid]) + 1], a, "[./]"); return "\"ipv4:" a[1] "." a[2] "." a[3] "." a[4] + 1 "\"" }
        END { srcs = address(0, 0); for (d = 0; d < 100; d++) dsts = dsts (d ? "," : "") address(d % n, int(d / n) + 1)
              printf "{\"cost-type\":{\"cost-mode\":\"ordinal\",\"cost-metric\":\"routingcost\"},\"endpoints\":{\"srcs\":[%s],\"dsts\":[%s]}}", srcs, dsts }' \
        "$dir/network.yaml" > "$dir/ecs.json"
    printf '{"cost-type":{"cost-mode":"numerical","cost-metric":"routingcost"},"pids":{"srcs":["pid0"],"dsts":[%s]}}' \
        "$(seq 0 $(( n > 100 ? 100 : n )) | awk -v n="$n" 'NR <= (n > 100 ? 100 : n) { printf "%s\"pid%d\"", (NR > 1 ? "," : ""), int($1 * n / (n > 100 ? 100 : n)) }')" > "$dir/filtered.json"
    post_lua "$dir/ecs.lua" application/alto-endpointcostparams+json "$dir/ecs.json"
    post_lua "$dir/filtered.lua" application/alto-costmapfilter+json "$dir/filtered.json"
    curl -sf --max-time 10 -H 'Content-Type: application/alto-endpointcostparams+json' --data-binary @"$dir/ecs.json" \
        "http://127.0.0.1:$PORT/endpointcost/lookup" | jq -e '[.["endpoint-cost-map"][]] | map(length) | add == 100' >/dev/null \
        || die "$n PIDs: the ECS request does not give 100 costs"
    local get get_gzip ecs ref_ecs filtered ref_filtered
    get="$(wrk_rate "n$n-get" "http://127.0.0.1:$PORT/costmap/num-routingcost")"
    get_gzip="$(wrk_rate "n$n-get-gzip" "http://127.0.0.1:$PORT/costmap/num-routingcost" -H 'Accept-Encoding: gzip')"
    wrk_rate "n$n-ecs-warmup" "http://127.0.0.1:$PORT/endpointcost/lookup" -s "$dir/ecs.lua" >/dev/null
    read -r ecs ref_ecs < <(interleaved "n$n-ecs" "$dir/ecs.lua" "$out/ref/post.lua" /endpointcost/lookup)
    read -r filtered ref_filtered < <(interleaved "n$n-filtered" "$dir/filtered.lua" "$out/ref/filtered.lua" /costmap/filtered)
    say "$n PIDs: num-routingcost $get req/s (gzip $get_gzip), ECS $ecs req/s (reference $ref_ecs), filtered $filtered req/s (reference $ref_filtered)"

    # One cell: pid1 -> pid0 in rtt.csv, 0.5 ms more; served as delay-rt in microseconds.
    local old new cell_body served="" reload_rss=0 r t0 i cpu0 change_cpu
    cpu0="$(cpu_s)"
    old="$(awk -F, '$1 == "pid1" { print $2; exit }' "$dir/rtt.csv")"
    new="$(awk -v v="$old" 'BEGIN { print v + 0.5 }')"
    awk -F, -v OFS=, -v v="$new" '$1 == "pid1" { $2 = v } { print }' "$dir/rtt.csv" > "$dir/rtt.csv.new"
    cell_body='{"cost-type":{"cost-mode":"numerical","cost-metric":"delay-rt"},"pids":{"srcs":["pid1"],"dsts":["pid0"]}}'
    t0="$(date +%s.%N)"
    mv "$dir/rtt.csv.new" "$dir/rtt.csv"
    for i in $(seq 1200); do
        r="$(rss_mb)"; [ "$r" -gt "$reload_rss" ] && reload_rss="$r"
        if curl -sf --max-time 5 -H 'Content-Type: application/alto-costmapfilter+json' --data-binary "$cell_body" \
            "http://127.0.0.1:$PORT/costmap/filtered" | jq -e --argjson want "$(awk -v v="$new" 'BEGIN { print v * 1000 }')" \
            '.["cost-map"].pid1.pid0 == $want' >/dev/null; then
            served="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
            break
        fi
        sleep 0.05
    done
    local peak; peak="$(hwm_mb)"
    change_cpu="$(awk -v a="$cpu0" -v b="$(cpu_s)" 'BEGIN { printf "%.1f", b - a }')"
    say "$n PIDs: one rtt cell changed: served after ${served:-more than 60 s}s ($change_cpu CPU s); RSS up to $reload_rss MB meanwhile, peak RSS $peak MB"

    # One PID's prefixes: the first IPv4 prefix of pid1 moves to pid2 in the network file; served
    # when the filtered network map lists it in pid2.
    local moved pid_served="" pid_cpu
    cpu0="$(cpu_s)"
    moved="$(awk '/^  pid1: / { sub(/.*ipv4: \[/, ""); sub(/[],].*/, ""); print; exit }' "$dir/network.yaml")"
    awk -v p="$moved" '
        /^  pid1: / { i = index($0, p ", "); if (i) $0 = substr($0, 1, i - 1) substr($0, i + length(p) + 2) }
        /^  pid2: / { i = index($0, "ipv4: ["); $0 = substr($0, 1, i + 6) p ", " substr($0, i + 7) }
        { print }' "$dir/network.yaml" > "$dir/network.yaml.new"
    t0="$(date +%s.%N)"
    mv "$dir/network.yaml.new" "$dir/network.yaml"
    for i in $(seq 1200); do
        if curl -sf --max-time 5 -H 'Content-Type: application/alto-networkmapfilter+json' --data-binary '{"pids":["pid2"]}' \
            "http://127.0.0.1:$PORT/networkmap/filtered" | jq -e --arg p "$moved" '.["network-map"].pid2.ipv4 | index($p) != null' >/dev/null; then
            pid_served="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
            break
        fi
        sleep 0.05
    done
    pid_cpu="$(awk -v a="$cpu0" -v b="$(cpu_s)" 'BEGIN { printf "%.1f", b - a }')"
    say "$n PIDs: one PID's prefix moved in the network file ($moved to pid2): served after ${pid_served:-more than 60 s}s ($pid_cpu CPU s)"
    grep -E 'started in|network loaded' "$out/n$n.out" "$out/n$n.err" 2>/dev/null | sed 's/^[^:]*://' > "$dir/phases.log" || true
    stop_server
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$ipv4" "$ipv6" "$ready_s" "$ready_cpu_s" "$rss" "$heap" \
        "${netmap_size:-}" "${costmap[0]}" "${costmap[1]}" "${first[0]}" "${first[1]}" "$get" "$get_gzip" \
        "$ecs" "$(awk -v a="$ecs" -v b="$ref_ecs" 'BEGIN { printf "%.2f", a / b }')" \
        "$filtered" "$(awk -v a="$filtered" -v b="$ref_filtered" 'BEGIN { printf "%.2f", a / b }')" \
        "${served:-none}" "$change_cpu" "$reload_rss" "$peak" "${pid_served:-none}" "$pid_cpu" >> "$out/results.tsv"
}

for n in $SIZES; do measure "$n"; done

{
    cat "$out/machine.txt"; echo
    echo "x ref: the rate over the rate of examples/poland-isp.yaml (15 PIDs), served on the same core and measured in turn ($ROUNDS rounds of ${DURATION}s each)"; echo
    echo "| PIDs | IPv4 / IPv6 prefixes | ready s (CPU s) | RSS MB | live heap MB | network map | num-routingcost (gzip) | first GET s (gzip) | GET/s (gzip) | ECS/s (x ref) | filtered/s (x ref) | one cell: served after s (CPU s) | RSS in reload MB | peak RSS MB | one PID's prefixes: served after s (CPU s) |"
    echo "|---:|---|---|---:|---:|---:|---|---|---|---|---|---|---:|---:|---|"
    awk -F'\t' 'function mb(b) { return sprintf("%.1f MB", b / 1e6) }
        NR > 1 && $4 ~ /^refused/ { printf "| %s | %s / %s | %s |\n", $1, $2, $3, $4; next }
        NR > 1 { printf "| %s | %s / %s | %s (%s) | %s | %s | %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s | %s | %s (%s) |\n",
            $1, $2, $3, $4, $5, $6, $7, mb($8), mb($9), mb($10), $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24 }' "$out/results.tsv"
    echo; echo "Start phases and loads, as the server logged them:"
    for n in $SIZES; do [ -f "$out/n$n/phases.log" ] && { echo "- $n PIDs:"; sed 's/^/    /' "$out/n$n/phases.log"; }; done
} > "$out/summary.md"
cat "$out/summary.md"
