#!/usr/bin/env bash
# Builds what makes a fresh bundle start faster from a training run: on JDK 24+ an AOT cache (JEP
# 483/514/515: classes loaded and linked, plus method profiles), on JDK 17–23 a dynamic class data
# sharing archive (AppCDS, -XX:ArchiveClassesAtExit: the classes loaded, parsed and verified). The jar is
# extracted (Spring Boot's jarmode tools; neither can hold classes read from nested jars), the bundle runs
# while the Zoom simulator plays joins and streams through it, and the cache or archive is written when
# the bundle exits. Then, on JDK 25:
#
#   java -XX:AOTCache=target/aot/camel-rtms.aot -jar target/aot/app/camel-rtms-<version>-exec.jar
#   bench/run.sh --cold --no-build --jar target/aot/app/camel-rtms-<version>-exec.jar \
#       --bundle-opts "-XX:AOTCache=target/aot/camel-rtms.aot"      (with BENCH_JAVA pointing at JDK 25)
#
# and on JDK 17 the same with -XX:SharedArchiveFile=target/aot/camel-rtms.jsa.
#
#   bench/aot-cache.sh [JOINS] [STREAMS] [SECONDS]     defaults 1000 joins, 200 streams of 20 s
#   bench/aot-cache.sh 0 0                             the start-up alone (the bundle's own warm-up included)
#
# Uses BENCH_JAVA (or java on PATH); the jar from `mvn package`. Not part of `mvn test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${BENCH_JAVA:-java}
JOINS=${1:-1000} STREAMS=${2:-200} SECS=${3:-20} PORT=${AOT_PORT:-18070}
JAR=$(ls "$ROOT"/target/camel-rtms-*-exec.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || { echo "no target/camel-rtms-*-exec.jar: mvn -B -DskipTests package" >&2; exit 1; }
OUT=${AOT_OUT:-$ROOT/target/aot}   # AOT_OUT: another directory, to keep a JDK 17 archive beside a JDK 25 cache
rm -rf "$OUT"
mkdir -p "$OUT"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >&2
APP=$(ls "$OUT"/app/camel-rtms-*-exec.jar)
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk '$1 == "java.specification.version" {print $3}')
if [ "${FEATURE%%.*}" -ge 24 ]; then
    KIND="AOT cache" FILE="$OUT/camel-rtms.aot" WRITE="-XX:AOTCacheOutput=$OUT/camel-rtms.aot" USE="-XX:AOTCache=$OUT/camel-rtms.aot"
else
    KIND="CDS archive" FILE="$OUT/camel-rtms.jsa" WRITE="-XX:ArchiveClassesAtExit=$OUT/camel-rtms.jsa" USE="-XX:SharedArchiveFile=$OUT/camel-rtms.jsa"
fi
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"   # the test credentials, and bench/run.sh's JVM options: the cache must fit its bundle; wait_for

tmp=$(mktemp -d /tmp/rtms-aot.XXXXXX)
BPID="" GPID=""
cleanup() {
    [ -n "$GPID" ] && kill "$GPID" 2>/dev/null || true
    [ -n "$BPID" ] && kill "$BPID" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck disable=SC2046
"$JAVA" $(bench_jvm_opts 1g) "$WRITE" \
    -jar "$APP" --server.port="$PORT" --management.server.port=$((PORT + 2)) --rtms.data-dir="$tmp/data" --rtms.demo.enabled=false \
    --rtms.stream.media-types=audio,transcript > "$OUT/training-bundle.log" 2>&1 &
BPID=$!
wait_for 180 "the bundle" curl -sf "http://127.0.0.1:$((PORT + 2))/actuator/health/readiness" -o /dev/null
if [ "$JOINS" -gt 0 ] || [ "$STREAMS" -gt 0 ]; then
    "$JAVA" $BENCH_GENERATOR_OPTS -Dloader.main=io.camelrtms.simulator.SimulatorMain -cp "$JAR" \
        org.springframework.boot.loader.launch.PropertiesLauncher \
        --webhook-url "http://127.0.0.1:$PORT/api/webhooks/zoom" --streams "$STREAMS" --duration-seconds "$SECS" \
        --stagger-ms 25 --audio l16/16000/1 --quiet --warmup-streams 0 --warmup-joins "$JOINS" \
        --timeout-seconds $((SECS + JOINS / 50 + 600)) > "$OUT/training-generator.log" 2>&1 &
    GPID=$!
    wait "$GPID" || echo "aot-cache: the generator exited with $? (see $OUT/training-generator.log)" >&2
    GPID=""
fi
# a graceful stop: the JVM writes the cache or archive as it exits (that takes a while)
kill "$BPID"
wait_for 600 "the cache to be written" bash -c "! kill -0 $BPID 2>/dev/null"
BPID=""
[ -f "$FILE" ] || { echo "aot-cache: no $KIND written (see $OUT/training-bundle.log)" >&2; exit 1; }
echo "$KIND $FILE ($(du -h "$FILE" | cut -f1)) for $APP: run it with $USE"
