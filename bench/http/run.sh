#!/usr/bin/env bash
# Side-by-side HTTP benchmark (docs/PERFORMANCE.md): AltoKit (Netty), nginx serving the same bytes, and
# the same Dispatcher over the JDK HttpServer (bench JdkHttpServerHarness), under one wrk load.
#
#   bench/http/run.sh [OUT_DIR]        default OUT_DIR: bench/target/http-run-<timestamp>
#
# Every server is pinned to SERVER_CPU, wrk to LOAD_CPU; all listen on 127.0.0.1 only. After a
# discarded warm-up of each target, ROUNDS rounds run every target once in turn (interleaved), then
# GET /networkmap (cached bytes) on the NETMAP_TARGETS. Results: OUT_DIR/results.tsv and OUT_DIR/summary.md.
# Bounded: each wrk run lasts DURATION s (killed after DURATION+30 s), each start waits <= 60 s.
# Every process started here is stopped on exit, failure or interrupt (trap).
#
# Environment (defaults): ROUNDS=3 DURATION=10 WARMUP=10 SERVER_CPU=1 LOAD_CPU=0 CONNECTIONS=32
#   TARGETS="alto nginx jdk-fixed1 jdk-fixed2 jdk-virtual jdk-direct alto-log"
#     (also: alto-signed, AltoKit signing every answer (docs/security.md), asked with the request's
#     Content-Digest as a verifying client sends it; defaults and defaults-nolog, `./alto serve` as
#     shipped — the launcher's JVM flags and the server's defaults, access log on / off: bench/http/defaults.sh)
#   NETMAP_TARGETS="alto nginx jdk-fixed1 jdk-direct alto-log" (a subset of TARGETS; alto and nginx needed)
#   JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), JAVA_OPTS (extra flags for every JVM),
#   ALTO_JAR (default: app/target/altokit.jar, built by ./alto if missing; copied before use, since
#   a rebuild while the servers run would swap classes under them).
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-10}"
SERVER_CPU="${SERVER_CPU:-1}" LOAD_CPU="${LOAD_CPU:-0}" CONNECTIONS="${CONNECTIONS:-32}"
TARGETS="${TARGETS:-alto nginx jdk-fixed1 jdk-fixed2 jdk-virtual jdk-direct alto-log}"
NETMAP_TARGETS="${NETMAP_TARGETS:-alto nginx jdk-fixed1 jdk-direct alto-log}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
out="$(realpath -m "${1:-$root/bench/target/http-run-$(date +%Y%m%d-%H%M%S)}")"
ECS=/endpointcost/lookup

declare -A PORT=([alto]=18181 [nginx]=18182 [jdk-fixed1]=18183 [jdk-fixed2]=18184 [jdk-virtual]=18185
                 [alto-log]=18186 [jdk-direct]=18187 [alto-signed]=18188 [defaults]=18189 [defaults-nolog]=18190)

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

pids=()
declare -A SPID=()
cleanup() {
    local pid i
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored TERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    done
    pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk nginx taskset curl "$JAVA" "$JAVA_HOME/bin/javac"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y wrk nginx; JDK at JAVA_HOME)"
done
for port in "${PORT[@]}"; do
    ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" || die "port $port already answers; stop that server first"
done
mkdir -p "$out/wrk" "$out/nginx-tmp"
say "results in $out"

# --- the code under test: a private copy of the jar, the harness compiled against it ------------
jar="${ALTO_JAR:-$root/app/target/altokit.jar}"
if [ ! -f "$jar" ]; then timeout 600 "$root/alto" --help >/dev/null; fi
cp "$jar" "$out/altokit.jar"
timeout 120 "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$out/altokit.jar" -d "$out/harness" \
    "$root/bench/src/main/java/io/altokit/bench/JdkHttpServerHarness.java"
"$here/make-post-lua.sh" "$out"
if [[ " $TARGETS " == *" alto-signed "* ]]; then
    # The example network with a signing key; the wrk script adds the Content-Digest a verifying client sends.
    "$JAVA" -jar "$out/altokit.jar" keygen "$out/signing.pem" > "$out/keygen.txt" || die "alto keygen"
    { cat "$root/examples/poland-isp.yaml"; echo; echo "signing: { ed25519-private-key: signing.pem }"; } > "$out/signed.yaml"
    { cat "$out/post.lua"
      echo "wrk.headers[\"Content-Digest\"] = \"sha-256=:$(openssl dgst -sha256 -binary "$out/ecs-request.json" | base64 -w0):\""
    } > "$out/post-signed.lua"
fi

{
    echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)  nginx: $(nginx -v 2>&1)  wrk: $(wrk -v 2>&1 | head -1)"
    echo "altokit: git $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "jar: $jar ($(date -u -r "$jar" +%FT%TZ), sha256 $(sha256sum "$out/altokit.jar" | cut -c1-12))"
    echo "server cpu $SERVER_CPU, wrk cpu $LOAD_CPU, connections $CONNECTIONS, duration ${DURATION}s, warm-up ${WARMUP}s, rounds $ROUNDS"
    echo "JAVA_OPTS: ${JAVA_OPTS:-none}"
} > "$out/machine.txt"

# --- servers -----------------------------------------------------------------------------------
wait_ready() { # NAME PID: until NAME's stdout says ready (<= 60 s)
    local i
    for i in $(seq 300); do
        grep -q 'ready' "$out/$1.out" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || die "$1 exited during start-up; see $out/$1.err"
        sleep 0.2
    done
    die "$1 not ready after 60 s"
}

start_java() { # NAME MAIN-ARGS...
    local name="$1"; shift
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" "$JAVA" ${JAVA_OPTS:-} "$@" >"$out/$name.out" 2>"$out/$name.err" &
    pids+=($!)
    SPID[$name]=$!
    wait_ready "$name" "$!"
    say "$name up on port ${PORT[$name]} (pid $!)"
}

start_launcher() { # NAME SERVE-ARGS...: `./alto serve` as shipped (its JVM flags, its defaults), on the copied jar
    local name="$1"; shift
    taskset -c "$SERVER_CPU" env ALTO_JAR="$out/altokit.jar" "$root/alto" serve "$@" >"$out/$name.out" 2>"$out/$name.err" &
    pids+=($!)
    SPID[$name]=$!
    wait_ready "$name" "$!"
    say "$name up on port ${PORT[$name]} (pid $!, launcher JVM flags: $(tr '\0' ' ' < "/proc/$!/cmdline" | sed 's/ -jar .*//'))"
}

start_target() { # NAME
    local name="$1" port="${PORT[$1]}"
    case "$name" in
        alto)        start_java alto -jar "$out/altokit.jar" serve --port "$port" --io-threads 1 --no-access-log ;;
        alto-log)    start_java alto-log -jar "$out/altokit.jar" serve --port "$port" --io-threads 1 ;;
        defaults)    start_launcher defaults --port "$port" ;;
        defaults-nolog) start_launcher defaults-nolog --port "$port" --no-access-log ;;
        alto-signed) start_java alto-signed -jar "$out/altokit.jar" serve --config "$out/signed.yaml" --port "$port" \
                         --io-threads 1 --no-access-log ;;
        jdk-fixed1)  start_java "$name" -cp "$out/altokit.jar:$out/harness" io.altokit.bench.JdkHttpServerHarness "$port" fixed:1 ;;
        jdk-fixed2)  start_java "$name" -cp "$out/altokit.jar:$out/harness" io.altokit.bench.JdkHttpServerHarness "$port" fixed:2 ;;
        jdk-virtual) start_java "$name" -cp "$out/altokit.jar:$out/harness" io.altokit.bench.JdkHttpServerHarness "$port" virtual ;;
        jdk-direct)  start_java "$name" -cp "$out/altokit.jar:$out/harness" io.altokit.bench.JdkHttpServerHarness "$port" direct ;;
        nginx)       start_nginx ;;
        *)           die "unknown target $name" ;;
    esac
}

capture() { # PORT FILE: the ECS response body
    curl -sf --max-time 5 -H 'Content-Type: application/alto-endpointcostparams+json' \
        -H 'Accept: application/alto-endpointcost+json,application/alto-error+json' \
        --data-binary @"$out/ecs-request.json" -o "$2" "http://127.0.0.1:$1$ECS"
}

start_nginx() { # needs the AltoKit bodies captured first (alto must be up)
    local body conf
    capture "${PORT[alto]}" "$out/ecs-response.json" || die "capturing the ECS response from AltoKit"
    curl -sf --max-time 5 -o "$out/networkmap.json" "http://127.0.0.1:${PORT[alto]}/networkmap" || die "capturing /networkmap"
    body="$(cat "$out/ecs-response.json")"
    case "$body" in *"'"* | *'\'* | *'$'*) die "ECS body holds ' \\ or \$, which the nginx return string cannot carry" ;; esac
    conf="$(cat "$here/nginx.conf.template")"
    conf="${conf//@DIR@/$out}"; conf="${conf//@PORT@/${PORT[nginx]}}"; conf="${conf//@ECS_BODY@/$body}"
    printf '%s\n' "$conf" > "$out/nginx.conf"
    taskset -c "$SERVER_CPU" nginx -p "$out" -c "$out/nginx.conf" >"$out/nginx.out" 2>"$out/nginx.err" &
    pids+=($!)
    SPID[nginx]=$!
    local i
    for i in $(seq 100); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PORT[nginx]}/networkmap" && break; sleep 0.2; done
    echo ready >> "$out/nginx.out"
    say "nginx up on port ${PORT[nginx]} (master pid $!)"
}

# --- load --------------------------------------------------------------------------------------
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# CPU ticks (1/100 s) used by a process and its children (nginx: master + worker).
cpu_ticks() { local p t=0; for p in "$1" $(pgrep -P "$1" || true); do t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }'))); done; echo "$t"; }
# Busy and total ticks of core $1 (/proc/stat: user nice system idle iowait irq softirq steal).
core_ticks() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

run_wrk() { # ROUND TARGET KIND(ecs|networkmap) SECONDS: one wrk run, one results.tsv row
    local round="$1" target="$2" kind="$3" secs="$4" port="${PORT[$2]}" file url load
    file="$out/wrk/$round-$target-$kind.txt"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    local srv0 core0 gen0 srv1 core1 gen1
    srv0="$(cpu_ticks "${SPID[$target]}")"; core0="$(core_ticks "$SERVER_CPU")"; gen0="$(core_ticks "$LOAD_CPU")"
    if [ "$kind" = ecs ]; then
        local lua="$out/post.lua"; [ "$target" = alto-signed ] && lua="$out/post-signed.lua"
        timeout $((secs + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency -s "$lua" \
            "http://127.0.0.1:$port$ECS" > "$file" 2>&1 || die "wrk against $target; see $file"
    else
        timeout $((secs + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency \
            "http://127.0.0.1:$port/networkmap" > "$file" 2>&1 || die "wrk against $target; see $file"
    fi
    srv1="$(cpu_ticks "${SPID[$target]}")"; core1="$(core_ticks "$SERVER_CPU")"; gen1="$(core_ticks "$LOAD_CPU")"
    [ "$round" = warmup ] && return 0
    # server CPU: share of the pinned core the server used; core busy: share the core was busy at all
    # (server + anything else scheduled there + interrupts); busy minus server = other load on the core.
    # wrk core busy: near 100 means the load generator (or whatever shares its core) was the limit.
    local srv_pct busy_pct gen_pct
    read -r srv_pct busy_pct gen_pct < <(echo "$srv0 $srv1 $core0 $core1 $gen0 $gen1" | awk '{
        total = $6 - $4; if (total <= 0) total = 1; gtotal = $10 - $8; if (gtotal <= 0) gtotal = 1
        printf "%d %d %d\n", 100 * ($2 - $1) / total, 100 * ($5 - $3) / total, 100 * ($9 - $7) / gtotal }')
    local rps p50 p99 reqs errs
    rps="$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$file")"
    p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")"
    reqs="$(awk '/requests in/ { print $1 }' "$file")"
    errs="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }' "$file")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$target" "$kind" "$rps" "$p50" "$p99" "$reqs" "$errs" \
        "$srv_pct" "$busy_pct" "$gen_pct" >> "$out/results.tsv"
    say "round $round $target $kind: $rps req/s, p50 $p50 ms, p99 $p99 ms, $errs errors, server cpu $srv_pct%, core busy $busy_pct%, wrk core busy $gen_pct% (load $load)"
    printf '%s\t%s\t%s\t%s\n' "$round" "$target" "$kind" "$load" >> "$out/loadavg.tsv"
}

# alto first: nginx serves the bytes captured from it.
ordered="alto"; for t in $TARGETS; do [ "$t" = alto ] || ordered="$ordered $t"; done
for t in $ordered; do start_target "$t"; done

# Every target must answer the very same ECS body (the JDK harness runs the same Dispatcher).
[ -f "$out/ecs-response.json" ] || capture "${PORT[alto]}" "$out/ecs-response.json" || die "capturing the ECS response from AltoKit"
[ -f "$out/networkmap.json" ] || curl -sf --max-time 5 -o "$out/networkmap.json" "http://127.0.0.1:${PORT[alto]}/networkmap" \
    || die "capturing /networkmap"
for t in $ordered; do
    [ "$t" = alto ] && continue
    capture "${PORT[$t]}" "$out/ecs-response.$t.json" || die "ECS request to $t failed"
    cmp -s "$out/ecs-response.json" "$out/ecs-response.$t.json" || die "$t answers different ECS bytes"
done
for t in $NETMAP_TARGETS; do
    cmp -s "$out/networkmap.json" <(curl -sf --max-time 5 "http://127.0.0.1:${PORT[$t]}/networkmap") \
        || die "$t answers different /networkmap bytes"
done
for t in $ordered; do
    curl -s -D - -o /dev/null --max-time 5 -H 'Content-Type: application/alto-endpointcostparams+json' \
        --data-binary @"$out/ecs-request.json" "http://127.0.0.1:${PORT[$t]}$ECS" > "$out/headers.$t.txt"
done
say "all targets answer byte-identical ECS bodies ($(wc -c < "$out/ecs-response.json") bytes)"

printf 'round\ttarget\tkind\trps\tp50_ms\tp99_ms\trequests\terrors\tserver_cpu_pct\tcore_busy_pct\twrk_core_busy_pct\n' > "$out/results.tsv"
for t in $ordered; do run_wrk warmup "$t" ecs "$WARMUP"; done
for t in $NETMAP_TARGETS; do run_wrk warmup "$t" networkmap 3; done
for r in $(seq "$ROUNDS"); do
    for t in $ordered; do run_wrk "$r" "$t" ecs "$DURATION"; done
done
for r in $(seq "$ROUNDS"); do
    for t in $NETMAP_TARGETS; do run_wrk "$r" "$t" networkmap "$DURATION"; done
done

# --- summary -----------------------------------------------------------------------------------
cleanup # first, so that the access logs are complete
for t in alto-log defaults; do
    [[ " $ordered " == *" $t "* ]] || continue
    sent="$(cat "$out"/wrk/*-"$t"-{ecs,networkmap}.txt 2>/dev/null | awk '/requests in/ { n += $1 } END { print n + 0 }')"
    logged="$(grep -cE "method=(POST|GET) uri=($ECS|/networkmap) status=200 " "$out/$t.err" || true)"
    dropped="$(grep -E 'access-log: [0-9]+ lines dropped' "$out/$t.err" | tail -1 || true)"
    echo "access log of $t: $logged request lines written for $sent requests wrk completed (warm-up included; curl checks add a few)${dropped:+; last drop report: $dropped}" >> "$out/accesslog.txt"
done
{
    cat "$out/machine.txt"; echo
    echo "| round | target | request | req/s | p50 ms | p99 ms | errors | server CPU % | server core busy % | wrk core busy % |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $8, $9, $10, $11 }' "$out/results.tsv"
    echo
    echo "| target | request | median req/s | median p99 ms | median req/s vs nginx |"
    echo "|---|---|---:|---:|---:|"
    awk -F'\t' 'NR > 1 { k = $2 "\t" $3; rps[k] = rps[k] " " $4; p99[k] = p99[k] " " $6; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
        function median(s,   a, m, i, j, t) { m = split(s, a, " "); for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
            return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
        END { for (i = 1; i <= n; i++) { split(order[i], kk, "\t"); ref = median(rps["nginx\t" kk[2]])
            ratio = "-"; if (ref > 0) ratio = sprintf("%.2f", median(rps[order[i]]) / ref)
            printf "| %s | %s | %d | %.2f | %s |\n", kk[1], kk[2], median(rps[order[i]]), median(p99[order[i]]), ratio } }' "$out/results.tsv"
    echo
    for t in alto defaults defaults-nolog; do
        [[ " $ordered " == *" $t "* ]] || continue
        echo "$t/nginx per round (ECS): $(awk -F'\t' -v rounds="$ROUNDS" -v t="$t" '$3 == "ecs" && $2 == t { a[$1] = $4 } $3 == "ecs" && $2 == "nginx" { g[$1] = $4 }
            END { for (r = 1; r <= rounds; r++) if (g[r] > 0) printf "round %d %.2f; ", r, a[r] / g[r] }' "$out/results.tsv")"
    done
    if [[ " $ordered " == *" alto-signed "* ]]; then
        echo "signed/unsigned per round: $(awk -F'\t' -v rounds="$ROUNDS" '$2 == "alto" { a[$3 " " $1] = $4 } $2 == "alto-signed" { s[$3 " " $1] = $4 }
            END { for (k in s) if (a[k] > 0) printf "%s %.2f; ", k, s[k] / a[k] }' "$out/results.tsv")"
    fi
    if [ -f "$out/accesslog.txt" ]; then cat "$out/accesslog.txt"; fi
} > "$out/summary.md"
cat "$out/summary.md"
