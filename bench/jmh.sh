#!/usr/bin/env bash
# JMH micro-benchmarks of the per-frame hot path (src/jmh/java, Maven profile "jmh"); see BENCHMARKS.md.
#   bench/jmh.sh                      all benchmarks
#   bench/jmh.sh FramePathBenchmark   one class (any JMH arguments work: -f, -wi, -i, -prof gc, ...)
# BENCH_JAVA runs JMH (and its forks) on another java, e.g. a newer JDK. Never part of `mvn test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test >&2
exec "${BENCH_JAVA:-java}" -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$@"
