#!/usr/bin/env bash
# The training run of the bundle's class data sharing archive (AppCDS, JDK 17+), as the Dockerfile does
# it: one start of the extracted bundle with -XX:ArchiveClassesAtExit until it reports ready (its
# start-up warm-up has then played streams through the join path), then a graceful stop; the JVM writes
# the archive as it exits. A bundle started with the archive is ready in about 0.55x the time and CPU
# (BENCHMARKS.md, bench/startup.sh); Spring's own recipe (-Dspring.context.exit=onRefresh) stops before
# the routes and the warm-up start, and gave 0.74x.
#
#   java -Djarmode=tools -jar camel-rtms.jar extract --destination DIR
#   deploy/docker/cds-archive.sh DIR          writes DIR/camel-rtms.jsa, for
#   java -XX:SharedArchiveFile=DIR/camel-rtms.jsa -jar DIR/camel-rtms.jar
#
# The archive holds only what this java and these jars load: train again after changing either (a JVM
# that cannot use it warns once and starts without it). Needs bash and java; no network beyond 127.0.0.1.
set -euo pipefail
DIR=${1:?usage: cds-archive.sh DIR (the extracted bundle)}
JAVA=${JAVA:-java}
PORT=${CDS_TRAINING_PORT:-18050}
MPORT=$((PORT + 2))
shopt -s nullglob
jars=("$DIR"/*.jar)
[ "${#jars[@]}" = 1 ] || { echo "cds-archive: expected one jar in $DIR, found ${#jars[@]}: ${jars[*]}" >&2; exit 1; }
JAR=${jars[0]}
ARCHIVE="$DIR/$(basename "$JAR" .jar).jsa"
work=$(mktemp -d)
pid=""
cleanup() { if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# bash's /dev/tcp instead of curl: JRE images need not have curl
ready() {
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$MPORT" || return 1
    printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    reply=$(cat <&3)
    exec 3<&-
    [[ $reply == "HTTP/1.1 200"* ]]
}

# Placeholder credentials for this run only (they stay out of the image): the bundle starts as it does
# for a Zoom app, with the start-up warm-up, not as the demo.
ZOOM_CLIENT_ID=cds-training ZOOM_CLIENT_SECRET=cds-training ZOOM_WEBHOOK_SECRET_TOKEN=cds-training \
    "$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" --server.port="$PORT" --management.server.port="$MPORT" \
    --rtms.data-dir="$work/data" --rtms.demo.enabled=false > "$work/training.log" 2>&1 &
pid=$!
for i in $(seq 1 900); do
    ready 2>/dev/null && break
    if ! kill -0 "$pid" 2>/dev/null || [ "$i" = 900 ]; then
        echo "cds-archive: the training run did not become ready; its log:" >&2
        tail -40 "$work/training.log" >&2
        exit 1
    fi
    sleep 0.2
done
kill "$pid"
wait "$pid" || true   # 143: stopped by SIGTERM, as intended
pid=""
[ -s "$ARCHIVE" ] || { echo "cds-archive: no archive written; the training run's log:" >&2; tail -40 "$work/training.log" >&2; exit 1; }
echo "cds-archive: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
