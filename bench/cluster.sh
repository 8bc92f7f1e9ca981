#!/usr/bin/env bash
# camel-rtms cluster benchmark: a Kafka broker, three bundle replicas (child JVMs) and the Zoom
# simulator on 127.0.0.1. Measures the takeover after `kill -9` of the replica that runs N streams
# (time from the kill to each stream's first media connection on a survivor: p50/p95/max) and the
# bundle CPU per stream-minute with the cluster off (one bundle, no Kafka) and on (three replicas).
#
#   bench/cluster.sh                                   # 100 and 300 streams on the killed replica
#   bench/cluster.sh --victim-streams 100 --cpu-seconds 30
#
# Not part of `mvn test`. Needs Java 17 and Maven (the test class path; MVN="mvn -o" to stay offline). The table is printed and
# written to --out (default target/bench/cluster-<date>.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

VICTIM=100,300 CPU_STREAMS=100 CPU_SECONDS=60 OUT="$ROOT/target/bench/cluster-$(date -u +%Y%m%d-%H%M%S).md" BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --victim-streams) VICTIM=$2; shift 2 ;;
        --cpu-streams) CPU_STREAMS=$2; shift 2 ;;
        --cpu-seconds) CPU_SECONDS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

mkdir -p "$(dirname "$OUT")" target
if [ "$BUILD" = 1 ]; then
    echo "[cluster-bench] compiling (mvn -B -q test-compile)" >&2
    ${MVN:-mvn} -B -q test-compile >&2
fi
CP_FILE=target/cluster-bench.classpath
${MVN:-mvn} -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"

echo "[cluster-bench] $(nproc) CPUs, $(java -version 2>&1 | head -1)" >&2
java -Xmx1g -cp "$CP" io.camelrtms.cluster.TakeoverBenchmark --victim-streams "$VICTIM" \
    --cpu-streams "$CPU_STREAMS" --cpu-seconds "$CPU_SECONDS" --out "$OUT"
echo "[cluster-bench] written to $OUT" >&2
