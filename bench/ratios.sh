#!/usr/bin/env bash
# Target 1 of BENCHMARKS.md in one go: for each load, the wire client alone (bench/bare-client.sh) and
# then the bundle (bench/run.sh --profile a) back to back, and the bundle again with each variant's
# Spring arguments; prints one table of CPU per stream-minute and the ratios to the bare client of the
# same load. Only ratios taken in one session mean anything on a shared machine.
#
#   bench/ratios.sh [--loads 400x20,600x20,400x100,600x100] [--seconds 30]
#                   [--variant "name=--spring.arg=value --other=value"]...
#                   [--variant "name=jvm:-XX:+SomeOption ..."]...   (JVM options for the bundle instead)
#                   [--jdk "name=/path/to/bin/java [JVM options]"]...
#
# e.g. bench/ratios.sh --loads 400x20 --variant "batched=--rtms.stream.audio-batch=100"
# A --jdk adds, per load, the bare client and the bundle both run on that java (the generator stays on
# the java on PATH), and their ratio: a JDK is judged by the ratio it gives, not by either figure alone.
# Options after the java go to both, e.g. --jdk "jdk25coh=/opt/jdk-25/bin/java -XX:+UseCompactObjectHeaders".
# Each run's full table goes to target/bench/results.md. Not part of `mvn test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

LOADS="400x20,600x20,400x100,600x100" SECONDS_WINDOW=30
VARIANTS=() JDKS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --loads) LOADS=$2; shift 2 ;;
        --seconds) SECONDS_WINDOW=$2; shift 2 ;;
        --variant) VARIANTS+=("$2"); shift 2 ;;
        --jdk) JDKS+=("$2"); shift 2 ;;
        *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done

# the bundle's jar, then the bench classes the bare client runs from (packaging alone drops them)
mvn -B -q -DskipTests package >&2
mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test >&2

log=$(mktemp)
trap 'rm -f "$log"' EXIT

bundle() { # streams, send rate, Spring arguments[, java[, JVM options]] -> "cpu-per-stream-minute lost"
    local args=(--profile a --streams "$1" --seconds "$SECONDS_WINDOW" --warmup-joins 1000 --no-build)
    [ "$2" = 20 ] || args+=(--send-rate "$2")
    case "$3" in
        "") ;;
        jvm:*) args+=(--bundle-opts "${3#jvm:}") ;;
        *) args+=(--bundle-args "$3") ;;
    esac
    [ -z "${4:-}" ] || args+=(--bundle-java "$4")
    [ -z "${5:-}" ] || args+=(--bundle-opts "$5")
    bench/run.sh "${args[@]}" > "$log" 2>&1 || { tail -20 "$log" >&2; echo "- -"; return; }
    awk -F'|' '/bundle CPU \(user/ {match($3, /\*\*[0-9.]+/); cpu = substr($3, RSTART + 2, RLENGTH - 2)}
               /audio frames lost/ {gsub(/ /, "", $3); lost = $3}
               END {print (cpu == "" ? "-" : cpu), (lost == "" ? "-" : lost)}' "$log"
}

header="| streams × packet | load | bare client | bundle | ratio |"
rule="|---|---|---|---|---|"
for v in "${VARIANTS[@]}"; do
    header="$header ${v%%=*} | ratio |"
    rule="$rule---|---|"
done
for j in "${JDKS[@]}"; do
    header="$header ${j%%=*} bare | ${j%%=*} bundle | ratio |"
    rule="$rule---|---|---|"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", a / b; else print "-"}'; }
bare_client() { # streams, send rate[, java[, JVM options]] -> cpu-per-stream-minute
    BARE_NO_BUILD=1 BARE_JAVA="${3:-java}" BARE_JAVA_OPTS="${4:-}" bench/bare-client.sh "$1" "$SECONDS_WINDOW" "$2" \
        | sed -n 's/.*= \([0-9.]*\) s per stream-minute; generator.*/\1/p'
}
rows=()
IFS=',' read -r -a loads <<< "$LOADS"
for load in "${loads[@]}"; do
    n=${load%x*} rate=${load#*x}
    echo "[ratios $(date -u +%H:%M:%S)] $n streams, $rate ms packets: bare client" >&2
    bare=$(bare_client "$n" "$rate")
    machine=$(cut -d' ' -f1 /proc/loadavg)
    echo "[ratios $(date -u +%H:%M:%S)] $n streams, $rate ms packets: bundle" >&2
    read -r cpu lost <<< "$(bundle "$n" "$rate" "")"
    row="| $n × $rate ms | $machine | ${bare:--} | $cpu (lost $lost) | $(ratio "$cpu" "$bare") |"
    for v in "${VARIANTS[@]}"; do
        echo "[ratios $(date -u +%H:%M:%S)] $n streams, $rate ms packets: bundle, ${v%%=*}" >&2
        read -r vcpu vlost <<< "$(bundle "$n" "$rate" "${v#*=}")"
        row="$row $vcpu (lost $vlost) | $(ratio "$vcpu" "$bare") |"
    done
    for j in "${JDKS[@]}"; do
        echo "[ratios $(date -u +%H:%M:%S)] $n streams, $rate ms packets: bare client and bundle on ${j%%=*}" >&2
        jspec=${j#*=} jopts=""
        jjava=${jspec%% *}
        [ "$jjava" = "$jspec" ] || jopts=${jspec#* }
        jbare=$(bare_client "$n" "$rate" "$jjava" "$jopts")
        read -r jcpu jlost <<< "$(bundle "$n" "$rate" "" "$jjava" "$jopts")"
        row="$row ${jbare:--} | $jcpu (lost $jlost) | $(ratio "$jcpu" "$jbare") |"
    done
    rows+=("$row")
done
echo "CPU s per stream-minute, ${SECONDS_WINDOW} s windows, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD)"
echo "$header"
echo "$rule"
printf '%s\n' "${rows[@]}"
