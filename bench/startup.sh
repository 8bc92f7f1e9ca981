#!/usr/bin/env bash
# Start-up of the bundle, side by side: launch → readiness (the bundle's own start-up warm-up included)
# and the CPU it spent getting there, for `java -jar` and for each variant, in alternating rounds on
# the same machine; prints the medians and each variant's ratio to `java -jar`. See BENCHMARKS.md.
#
#   bench/startup.sh [--rounds N] [--variant "name=<java> <JVM options> -jar <jar>"]...
#   bench/startup.sh --variant "cds=java -XX:SharedArchiveFile=target/aot/camel-rtms.jsa -jar target/aot/app/camel-rtms-0.1.0-SNAPSHOT-exec.jar"
#
# A variant is the command up to the jar; every run gets the same heap options as bench/run.sh's bundle
# (after the java) and the same arguments (after the jar). bench/aot-cache.sh builds the archive or cache.
# Uses BENCH_JAVA (or java on PATH) and the jar from `mvn package`. Not part of `mvn test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${BENCH_JAVA:-java}
ROUNDS=5 PORT=${STARTUP_PORT:-18060}
NAMES=(java-jar) COMMANDS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --variant) NAMES+=("${2%%=*}"); COMMANDS+=("${2#*=}"); shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (--help)" >&2; exit 64 ;;
    esac
done
JAR=$(ls "$ROOT"/target/camel-rtms-*-exec.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "no target/camel-rtms-*-exec.jar: mvn -B -DskipTests package" >&2; exit 1; }
COMMANDS=("$JAVA -jar $JAR" "${COMMANDS[@]}")
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"   # the test credentials, bench/run.sh's JVM options, cpu_ticks
HZ=$(getconf CLK_TCK)
tmp=$(mktemp -d /tmp/rtms-startup.XXXXXX)
BPID=""
cleanup() { [ -n "$BPID" ] && kill -9 "$BPID" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

ready() { curl -sf "http://127.0.0.1:$((PORT + 2))/actuator/health/readiness" -o /dev/null; }
start_once() { # command → "seconds cpu-seconds" in $tmp/last
    local java=${1%% *} rest=${1#* } t0 i
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    "$java" $(bench_jvm_opts 1g) $rest --server.port="$PORT" \
        --management.server.port=$((PORT + 2)) --rtms.data-dir="$tmp/data" --rtms.demo.enabled=false \
        --rtms.stream.media-types=audio,transcript > "$tmp/bundle.log" 2>&1 &
    BPID=$!
    for i in $(seq 1 1800); do
        ready && break
        kill -0 "$BPID" 2>/dev/null || { echo "the bundle exited (command: $1):" >&2; tail -20 "$tmp/bundle.log" >&2; exit 1; }
        [ "$i" = 1800 ] && { echo "not ready in 180 s (command: $1)" >&2; exit 1; }
        sleep 0.1
    done
    awk -v a="$t0" -v b="$(date +%s%N)" -v t="$(cpu_ticks "$BPID")" -v hz="$HZ" \
        'BEGIN {printf "%.2f %.2f\n", (b - a) / 1e9, t / hz}' > "$tmp/last"
    kill "$BPID"
    for i in $(seq 1 100); do kill -0 "$BPID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$BPID" 2>/dev/null || true
    BPID=""
    rm -rf "$tmp/data"
}

for r in $(seq 1 "$ROUNDS"); do
    for v in "${!NAMES[@]}"; do
        start_once "${COMMANDS[$v]}"
        read -r secs cpu < "$tmp/last"
        echo "${NAMES[$v]} $secs $cpu" >> "$tmp/runs"
        echo "round $r ${NAMES[$v]}: ready in $secs s, CPU $cpu s" >&2
    done
done

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "| start-up ($ROUNDS rounds, medians) | launch → ready | CPU spent | ratio to java -jar (ready / CPU) |"
echo "|---|---|---|---|"
base_s="" base_c=""
for name in "${NAMES[@]}"; do
    s=$(awk -v n="$name" '$1 == n {print $2}' "$tmp/runs" | median)
    c=$(awk -v n="$name" '$1 == n {print $3}' "$tmp/runs" | median)
    [ -z "$base_s" ] && base_s=$s base_c=$c
    echo "| $name | $s s | $c s | $(awk -v s="$s" -v c="$c" -v bs="$base_s" -v bc="$base_c" 'BEGIN {printf "%.2f / %.2f", s / bs, c / bc}') |"
done
