#!/usr/bin/env bash
# The floor under bench/run.sh's CPU figures: the rtms: component's wire client alone
# (io.camelrtms.bench.BareClientMain: Vert.x WebSockets + our parser, every media message parsed and
# dropped; no Camel, no Spring, no files) against the same simulator, profile a's media (L16 16 kHz
# mono + transcript, 20 ms packets, or SEND_RATE ms as `bench/run.sh --send-rate`). Prints one line:
# CPU per stream-minute of the client and of the generator over the window. See BENCHMARKS.md.
#
#   bench/bare-client.sh [STREAMS] [WINDOW_SECONDS] [SEND_RATE]      defaults 300, 20 and 20 (ms)
#
# BARE_NO_BUILD=1 uses the classes already compiled; BARE_JAVA runs the client on another java and
# BARE_JAVA_OPTS adds JVM options to it (the generator stays on the java on PATH).
# Not part of `mvn test`. Needs Java 17, Maven and awk.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"   # the JVM options, as bench/run.sh runs the bundle; wait_for, cpu_ticks
N=${1:-300} WINDOW=${2:-20} SEND_RATE=${3:-20} PORT=${BARE_PORT:-18090} STAGGER_MS=25 WARMUP_STREAMS=100 WARMUP_SECONDS=20

if [ "${BARE_NO_BUILD:-0}" != 1 ] || [ ! -f target/jmh-classpath.txt ]; then
    mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test >&2
fi
CP="target/test-classes:target/classes:$(cat target/jmh-classpath.txt)"
tmp=$(mktemp -d)
CPID="" GPID=""
cleanup() { kill $CPID $GPID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

audio() { awk '$1 == "audio" {n = $2} END {print n + 0}' "$tmp/client.log"; }

# shellcheck disable=SC2086
"${BARE_JAVA:-java}" $(bench_jvm_opts 1g "${BARE_JAVA_OPTS:-}") -cp "$CP" io.camelrtms.bench.BareClientMain \
    "$PORT" bench-client-id bench-client-secret "$SEND_RATE" > "$tmp/client.log" 2>&1 &
CPID=$!
wait_for 60 "the client" grep -q "listening" "$tmp/client.log"

ramp_s=$(( (N * STAGGER_MS + 999) / 1000 ))
java $BENCH_GENERATOR_OPTS -cp "$CP" io.camelrtms.simulator.SimulatorMain \
    --webhook-url "http://127.0.0.1:$PORT/" --webhook-secret bench --client-id bench-client-id \
    --client-secret bench-client-secret --streams "$N" --duration-seconds $((ramp_s + 10 + WINDOW + 5)) \
    --stagger-ms "$STAGGER_MS" --audio l16/16000/1 --quiet --warmup-streams "$WARMUP_STREAMS" \
    --warmup-seconds "$WARMUP_SECONDS" --start-file "$tmp/go" > "$tmp/generator.log" 2>&1 &
GPID=$!
# the generator plays the warm-up streams to their end, then waits for the go file
wait_for $((WARMUP_SECONDS + 120)) "the warm-up" grep -q "^waiting for" "$tmp/generator.log"
touch "$tmp/go"
sleep $((ramp_s + 10)) # the window opens 10 s after the last start webhook, as in run.sh

c0=$(cpu_ticks "$CPID") g0=$(cpu_ticks "$GPID") t0=$(date +%s.%N) a0=$(audio)
sleep "$WINDOW"
c1=$(cpu_ticks "$CPID") g1=$(cpu_ticks "$GPID") t1=$(date +%s.%N) a1=$(audio)
# stream-minutes: the audio the client received in the window (as bench/run.sh counts them), which is
# N x window unless the machine cannot keep up
awk -v c=$((c1 - c0)) -v g=$((g1 - g0)) -v hz="$(getconf CLK_TCK)" -v n="$N" -v r="$SEND_RATE" -v t0="$t0" -v t1="$t1" \
    -v a=$((a1 - a0)) -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    w = t1 - t0; m = a * r / 60000
    printf "bare client, %d streams, %d ms packets, %.1f s window (%.1f stream-minutes of audio received of %.1f; load %s): client %.2f s CPU = %.4f s per stream-minute; generator %.4f s per stream-minute\n",
        n, r, w, m, n * w / 60, load, c / hz, c / hz / m, g / hz / m }'
