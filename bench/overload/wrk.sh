#!/usr/bin/env bash
# Overload with wrk (issue #12): `./alto serve` as shipped (the launcher's JVM flags, access log on),
# without a limit and with `max-concurrent-requests: LIMIT`, each first unloaded (wrk -c1) and then
# flooded by wrk -c512 (closed loop: far beyond what LIMIT admits); RSS after start-up and after the
# flood, and the CPU time the server's I/O threads and workers spent during the flood (from
# /proc/PID/task: how the one core was shared between reading/refusing and answering). Two workloads,
# both by default:
#   ecs                the #2 ECS request (1 source x 100 destinations) on the example network: cheap
#   filtered-costmap   a filtered cost map over the 400 x 400 PID pairs of a generated network: expensive
#
#   bench/overload/wrk.sh [OUT_DIR]     -> OUT_DIR/summary.md (default bench/target/overload-wrk-<timestamp>; about 3 minutes)
#
# Admitted latency is also read from the server's access log (its micros= field, status 200 lines written
# during the run): wrk's own percentiles mix the 503s in.
#
# Environment (defaults): WORKLOADS="ecs filtered-costmap" LIMIT=2 CONNECTIONS=512 DURATION=10 WARMUP=30
# (the warm-up floods with CONNECTIONS too, so the refusal path is compiled before it is measured: with 5 s
# at -c4 the JIT compiler still took a third of the server's core during the measured flood)
#   SERVER_CPU=1 LOAD_CPU=0 JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64)
# The server is pinned to SERVER_CPU, wrk to LOAD_CPU; every process started here is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
WORKLOADS="${WORKLOADS:-ecs filtered-costmap}" LIMIT="${LIMIT:-2}" CONNECTIONS="${CONNECTIONS:-512}"
DURATION="${DURATION:-10}" WARMUP="${WARMUP:-30}" SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out="$(realpath -m "${1:-$root/bench/target/overload-wrk-$(date +%Y%m%d-%H%M%S)}")"
PORT=18292

# shellcheck source=server-lifecycle.sh
. "$here/server-lifecycle.sh"

for tool in wrk taskset curl python3 "$JAVA_HOME/bin/java"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk)"
done
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" || die "port $PORT already answers; stop that server first"
mkdir -p "$out"
say "results in $out"
jar="$root/app/target/altokit.jar"
[ -f "$jar" ] || (cd "$root" && ./alto --version >/dev/null)
cp "$jar" "$out/altokit.jar"

workload() { # NAME: DIR/network.yaml, DIR/request.json, the path and media type
    local dir="$out/$1"
    case "$1" in
        ecs)
            "$root/bench/http/make-post-lua.sh" "$dir" && cp "$dir/ecs-request.json" "$dir/request.json"
            cp "$root/examples/poland-isp.yaml" "$dir/network.yaml"
            PATH_="/endpointcost/lookup" MEDIA=application/alto-endpointcostparams+json ;;
        filtered-costmap)
            "$here/make-costmap-workload.sh" "$dir"
            PATH_="/costmap/filtered" MEDIA=application/alto-costmapfilter+json ;;
        *) die "unknown workload $1 (ecs or filtered-costmap)" ;;
    esac
    # Counts answers by status (wrk reports only non-2xx in all).
    cat > "$dir/load.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "$MEDIA"
wrk.body = [[$(cat "$dir/request.json")]]
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) s200 = 0; s503 = 0; other = 0 end
function response(status, headers, body)
  if status == 200 then s200 = s200 + 1 elseif status == 503 then s503 = s503 + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("s200"); b = b + t:get("s503"); c = c + t:get("other") end
  io.write(string.format("statuses: 200=%d 503=%d other=%d\n", a, b, c))
end
LUA
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
# CPU ticks (utime + stime) per thread group of PID: I/O event loops, workers.
cpu_ticks() { # PID NAME_PREFIX
    local total=0 t
    for t in /proc/"$1"/task/*; do
        case "$(cat "$t/comm")" in "$2"*) total=$(( total + $(awk '{ print $14 + $15 }' "$t/stat") )) ;; esac
    done
    echo "$total"
}

start_server() { # WORKLOAD NAME MAX_CONCURRENT
    local dir="$out/$1"
    { cat "$dir/network.yaml"; printf 'server:\n  port: %s\n  max-concurrent-requests: %s\n' "$PORT" "$3"; } > "$dir/$2.yaml"
    taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" "$root/alto" serve --config "$dir/$2.yaml" \
        > "$dir/$2.out" 2> "$dir/$2.err" &
    server_pid=$!
    for _ in $(seq 300); do
        grep -q ready "$dir/$2.out" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || die "server $2 exited; see $dir/$2.err"
        sleep 0.2
    done
    die "server $2 not ready within 60 s"
}

run_wrk() { # WORKLOAD FILE CONNECTIONS SECONDS
    timeout $(( $4 + 30 )) taskset -c "$LOAD_CPU" wrk -t1 -c"$3" -d"$4s" --timeout 10s --latency -s "$out/$1/load.lua" \
        "http://127.0.0.1:$PORT$PATH_" > "$2" 2>&1 || die "wrk; see $2"
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
p99() { to_ms "$(awk '$1 == "99%" { print $2 }' "$1")"; }
# p99 in ms of the status-200 answers the access log in FILE recorded after line MARK.
admitted_p99() { # FILE MARK
    tail -n +"$(( $2 + 1 ))" "$1" | sed -n 's/.* status=200 .* micros=\([0-9]*\).*/\1/p' | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2f", v[i] / 1000 }'
}
status_count() { sed -n "s/.*[ :]$2=\([0-9]*\).*/\1/p" "$1"; }

printf 'workload\tserver\tunloaded_rps\tunloaded_p99_ms\tflood_rps\tflood_200_rps\tshare_503\tflood_p99_ms\tother\trss_start_kb\trss_after_kb\tio_cpu_s\tworker_cpu_s\tunloaded_log_p99_ms\tflood_log_p99_ms\n' > "$out/results.tsv"
for w in $WORKLOADS; do
    workload "$w"
    for server in unlimited limited; do
        limit=0; [ "$server" = limited ] && limit="$LIMIT"
        start_server "$w" "$server" "$limit"
        rss_start="$(rss_kb "$server_pid")"
        run_wrk "$w" "$out/$w/$server-warmup.txt" "$CONNECTIONS" "$WARMUP"
        sleep 3 # the unlimited server still answers the warm-up's queued requests when wrk stops
        log_mark="$(wc -l < "$out/$w/$server.err")"
        run_wrk "$w" "$out/$w/$server-unloaded.txt" 1 "$DURATION"
        unloaded_log="$(admitted_p99 "$out/$w/$server.err" "$log_mark")"
        log_mark="$(wc -l < "$out/$w/$server.err")"
        io_before="$(cpu_ticks "$server_pid" multiThreadIoEv)" workers_before="$(cpu_ticks "$server_pid" alto-worker)"
        run_wrk "$w" "$out/$w/$server-flood.txt" "$CONNECTIONS" "$DURATION"
        io_ticks=$(( $(cpu_ticks "$server_pid" multiThreadIoEv) - io_before ))
        worker_ticks=$(( $(cpu_ticks "$server_pid" alto-worker) - workers_before ))
        flood_log="$(admitted_p99 "$out/$w/$server.err" "$log_mark")"
        rss_after="$(rss_kb "$server_pid")"
        stop_server
        f="$out/$w/$server-flood.txt" u="$out/$w/$server-unloaded.txt"
        ok="$(status_count "$f" 200)" refused="$(status_count "$f" 503)" other="$(status_count "$f" other)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$server" \
            "$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$u")" "$(p99 "$u")" \
            "$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$f")" "$(awk -v n="$ok" -v s="$DURATION" 'BEGIN { printf "%d", n / s }')" \
            "$(awk -v a="$ok" -v b="$refused" 'BEGIN { printf "%.2f", (a + b) ? b / (a + b) : 0 }')" "$(p99 "$f")" "$other" \
            "$rss_start" "$rss_after" "$(awk -v t="$io_ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')" \
            "$(awk -v t="$worker_ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')" \
            "$unloaded_log" "$flood_log" >> "$out/results.tsv"
        say "$(tail -1 "$out/results.tsv")"
    done
done

python3 - "$out/results.tsv" "$LIMIT" "$CONNECTIONS" > "$out/summary.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"wrk -t1 -c{sys.argv[3]} flood; limited = max-concurrent-requests: {sys.argv[2]}; `./alto serve` defaults otherwise\n")
print("| workload | server | unloaded req/s (c1) | unloaded p99 ms | flood req/s | flood 200/s | 503 share | flood p99 ms (all answers) | RSS start MB | RSS after MB | flood CPU s: I/O | workers | admitted p99 ms in server: unloaded | flood |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['workload']} | {r['server']} | {r['unloaded_rps']} | {r['unloaded_p99_ms']} | {r['flood_rps']} | {r['flood_200_rps']} | "
          f"{r['share_503']} | {r['flood_p99_ms']} | {int(r['rss_start_kb']) / 1024:.0f} | {int(r['rss_after_kb']) / 1024:.0f} | "
          f"{r['io_cpu_s']} | {r['worker_cpu_s']} | {r['unloaded_log_p99_ms']} | {r['flood_log_p99_ms']} |")
print()
for w in dict.fromkeys(r["workload"] for r in rows):
    by = {r["server"]: r for r in rows if r["workload"] == w}
    if "limited" in by and "unlimited" in by and float(by["unlimited"]["flood_200_rps"]) > 0:
        print(f"- {w}: limited admits {float(by['limited']['flood_200_rps']) / float(by['unlimited']['flood_200_rps']):.2f} "
              f"of what the unlimited server answers; RSS after / at start: "
              + ", ".join(f"{s} {int(by[s]['rss_after_kb']) / int(by[s]['rss_start_kb']):.2f}" for s in ("unlimited", "limited")))
PY
cat "$out/summary.md"
