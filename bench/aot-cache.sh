#!/usr/bin/env bash
# Builds an AOT cache (JDK 25+, JEP 483/514/515: classes loaded and linked, plus method profiles) for the
# bundle from a training run: the jar is extracted (Spring Boot's jarmode tools; a cache cannot hold
# classes read from nested jars), the bundle runs with -XX:AOTCacheOutput while the Zoom simulator plays
# joins and streams through it, and the cache is written when the bundle exits. Then:
#
#   java -XX:AOTCache=target/aot/camel-rtms.aot -jar target/aot/app/camel-rtms-<version>-exec.jar
#   bench/run.sh --cold --no-build --jar target/aot/app/camel-rtms-<version>-exec.jar \
#       --bundle-opts "-XX:AOTCache=target/aot/camel-rtms.aot"      (with BENCH_JAVA pointing at JDK 25)
#
#   bench/aot-cache.sh [JOINS] [STREAMS] [SECONDS]     defaults 1000 joins, 200 streams of 20 s
#
# Needs a JDK 25 as BENCH_JAVA (or java on PATH); the jar from `mvn package`. Not part of `mvn test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${BENCH_JAVA:-java}
JOINS=${1:-1000} STREAMS=${2:-200} SECS=${3:-20} PORT=${AOT_PORT:-18070}
JAR=$(ls "$ROOT"/target/camel-rtms-*-exec.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "no target/camel-rtms-*-exec.jar: mvn -B -DskipTests package" >&2; exit 1; }
OUT="$ROOT/target/aot"
rm -rf "$OUT"
mkdir -p "$OUT"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >&2
APP=$(ls "$OUT"/app/camel-rtms-*-exec.jar)
export ZOOM_CLIENT_ID=bench-client-id ZOOM_CLIENT_SECRET=bench-client-secret ZOOM_WEBHOOK_SECRET_TOKEN=bench-webhook-secret

tmp=$(mktemp -d /tmp/rtms-aot.XXXXXX)
BPID="" GPID=""
cleanup() {
    [ -n "$GPID" ] && kill "$GPID" 2>/dev/null || true
    [ -n "$BPID" ] && kill "$BPID" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
wait_for() { # seconds, what, command...: a bounded poll
    local limit=$1 what=$2; shift 2
    for _ in $(seq 1 "$limit"); do "$@" && return 0; sleep 1; done
    echo "aot-cache: gave up waiting for $what" >&2
    return 1
}

# the same JVM options as bench/run.sh's bundle: a cache is used only by a JVM configured like the one
# that wrote it
"$JAVA" -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:AOTCacheOutput="$OUT/camel-rtms.aot" \
    -jar "$APP" --server.port="$PORT" --management.server.port=$((PORT + 2)) --rtms.data-dir="$tmp/data" --rtms.demo.enabled=false \
    --rtms.stream.media-types=audio,transcript > "$OUT/training-bundle.log" 2>&1 &
BPID=$!
wait_for 180 "the bundle" curl -sf "http://127.0.0.1:$((PORT + 2))/actuator/health/readiness" -o /dev/null
"$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC -Dloader.main=io.camelrtms.simulator.SimulatorMain -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --webhook-url "http://127.0.0.1:$PORT/api/webhooks/zoom" --streams "$STREAMS" --duration-seconds "$SECS" \
    --stagger-ms 25 --audio l16/16000/1 --quiet --warmup-streams 0 --warmup-joins "$JOINS" \
    --timeout-seconds $((SECS + JOINS / 50 + 600)) > "$OUT/training-generator.log" 2>&1 &
GPID=$!
wait "$GPID" || echo "aot-cache: the generator exited with $? (see $OUT/training-generator.log)" >&2
GPID=""
# a graceful stop: the JVM writes the cache as it exits (that takes a while: it assembles the cache)
kill "$BPID"
wait_for 600 "the cache to be written" bash -c "! kill -0 $BPID 2>/dev/null"
BPID=""
[ -f "$OUT/camel-rtms.aot" ] || { echo "aot-cache: no cache written (see $OUT/training-bundle.log)" >&2; exit 1; }
echo "AOT cache $OUT/camel-rtms.aot ($(du -h "$OUT/camel-rtms.aot" | cut -f1)) for $APP"
