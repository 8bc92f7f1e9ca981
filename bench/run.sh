#!/usr/bin/env bash
# camel-rtms load benchmark: the bundle and the Zoom simulator as two JVMs on 127.0.0.1, N concurrent
# streams in real time through real webhooks and WebSockets, one table per run. See BENCHMARKS.md.
#
#   bench/run.sh --profile a --streams 1000 --seconds 60
#   bench/run.sh --profile a --ramp 250,500,750,1000,1250 --seconds 60
#
# Not part of `mvn test`. Needs Java 17 (java, jcmd), Maven, curl and awk.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

usage() {
    cat <<'EOF'
Usage: bench/run.sh [options]
  --profile a|b|c       a: mixed L16 16 kHz mono + transcript to files (default)
                        b: per-speaker Opus 48 kHz stereo (3 speakers) decoded to WAV
                        c: as a, with the s3 sink against S3Proxy (uploads when each stream stops)
  --streams N           concurrent streams (default 100)
  --ramp N1,N2,...      run each N in turn (a fresh bundle each), stop at the first that does not
                        hold (audio lost, or p99 >= --p99-limit-ms); report the largest that holds
  --seconds S           steady-state window measured once all N streams play (default 60)
  --stagger-ms MS       pause between start webhooks (default 25)
  --warmup-streams N    streams of the warm-up run before measuring (default 100; 0 = none)
  --warmup-seconds S    length of the warm-up streams (default 20)
  --warmup-joins N      one-second streams started 10 ms apart before the warm-up streams, so the
                        join path is compiled as well (default 3000; 0 = none)
  --heap SIZE           the bundle's -Xms/-Xmx (default 1g)
  --p99-limit-ms MS     latency limit of a run that holds (default 50)
  --port PORT           the bundle's webhook port (default 18080; S3Proxy uses PORT+1, the actuator PORT+2)
  --out DIR             where results.md, logs and recordings go (default target/bench)
  --send-rate MS        ask Zoom (the simulator) for audio packets of MS ms (L16 only; default 20)
  --from-start          open the window when the first start webhook is posted, so it holds the ramp
                        and the joins; CPU is divided by the stream-minutes actually played in it
  --cold                a bundle started fresh, nothing warmed: --from-start with no warm-up
                        by the generator (the bundle's own start-up warm-up runs before readiness
                        unless --bundle-args "--rtms.warmup.enabled=false")
                        (--warmup-streams 0 --warmup-joins 0); compare with a --from-start run
  --jfr                 record a JFR profile of the bundle over the window (the JDK's profile
                        settings, Java samples every 2 ms, stack depth 256): <out>/<run>/bundle.jfr;
                        Flight Recorder runs from the bundle's launch, with -XX:+DebugNonSafepoints
  --keep                keep each run's data directory (recordings) under --out
  --no-build            use the jar already in target/
  --jar PATH            run this jar as the bundle (e.g. the extracted one of bench/aot-cache.sh);
                        the generator still runs from target/camel-rtms-*-exec.jar
  --bundle-java PATH    the java that runs the bundle (default: BENCH_JAVA); the generator keeps
                        BENCH_JAVA, so that two JDKs compare under the same load
  --bundle-opts "..."   extra JVM options for the bundle (after the defaults)
  --gen-opts "..."      extra JVM options for the load generator
  --bundle-args "..."   extra Spring arguments for the bundle, e.g. "--rtms.recording.max-write-delay=0ms"
Environment: BENCH_JAVA (default: java on PATH); BENCH_TMPDIR, where each run's data directory goes
(default /tmp; a tmpfs such as /dev/shm takes the disk out of the figures).
EOF
}

PROFILE=a STREAMS=100 RAMP="" SECONDS_WINDOW=60 STAGGER_MS=25 WARMUP_STREAMS=100 WARMUP_SECONDS=20 WARMUP_JOINS=3000
HEAP=1g P99_LIMIT=50 PORT=18080 OUT="$ROOT/target/bench" JFR=0 KEEP=0 BUILD=1 SEND_RATE=20 FROM_START=0 COLD=0
EXTRA_BUNDLE_OPTS="" EXTRA_GEN_OPTS="" EXTRA_BUNDLE_ARGS="" BUNDLE_JAR="" BUNDLE_JAVA=""
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) PROFILE=$2; shift 2 ;;
        --streams) STREAMS=$2; shift 2 ;;
        --ramp) RAMP=$2; shift 2 ;;
        --seconds) SECONDS_WINDOW=$2; shift 2 ;;
        --stagger-ms) STAGGER_MS=$2; shift 2 ;;
        --warmup-streams) WARMUP_STREAMS=$2; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS=$2; shift 2 ;;
        --warmup-joins) WARMUP_JOINS=$2; shift 2 ;;
        --heap) HEAP=$2; shift 2 ;;
        --p99-limit-ms) P99_LIMIT=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --send-rate) SEND_RATE=$2; shift 2 ;;
        --from-start) FROM_START=1; shift ;;
        --cold) COLD=1; FROM_START=1; shift ;;
        --jfr) JFR=1; shift ;;
        --keep) KEEP=1; shift ;;
        --no-build) BUILD=0; shift ;;
        --jar) BUNDLE_JAR=$2; shift 2 ;;
        --bundle-java) BUNDLE_JAVA=$2; shift 2 ;;
        --bundle-opts) EXTRA_BUNDLE_OPTS=$2; shift 2 ;;
        --gen-opts) EXTRA_GEN_OPTS=$2; shift 2 ;;
        --bundle-args) EXTRA_BUNDLE_ARGS=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done
case "$PROFILE" in a|b|c) ;; *) echo "--profile must be a, b or c" >&2; exit 64 ;; esac
if [ "$COLD" = 1 ]; then WARMUP_STREAMS=0 WARMUP_JOINS=0; fi
JAVA=${BENCH_JAVA:-java}
BUNDLE_JAVA=${BUNDLE_JAVA:-$JAVA}
# jcmd of the bundle's own JDK: it attaches to the bundle (heap, JFR)
JCMD=$(dirname "$(command -v "$BUNDLE_JAVA")")/jcmd
command -v "$JCMD" >/dev/null 2>&1 || JCMD=jcmd
for tool in curl awk "$JCMD"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/run.sh needs $tool" >&2; exit 69; }
done
HZ=$(getconf CLK_TCK)
S3PORT=$((PORT + 1)) MPORT=$((PORT + 2))
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"   # the test credentials, the JVM options, wait_until, cpu_ticks

# ---------------------------------------------------------------- processes (all ours, ended by pid)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() {
    local pid=$1 i
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
    log "building (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package >&2
fi
JAR=$(ls "$ROOT"/target/camel-rtms-*-exec.jar 2>/dev/null | head -1)
[ -n "$JAR" ] || die "no target/camel-rtms-*-exec.jar; run without --no-build"
BUNDLE_JAR=${BUNDLE_JAR:-$JAR}
if [ "$PROFILE" = c ] && [ ! -f "$ROOT/target/s3proxy/s3proxy.jar" ]; then
    log "staging S3Proxy (mvn -B -q process-test-resources)"
    mvn -B -q process-test-resources >&2
fi

# ---------------------------------------------------------------- profiles
# The bundle asks Zoom (the simulator) for this format; the generator pre-encodes the same.
BUNDLE_PROFILE_ARGS=() GEN_AUDIO="" PROFILE_NAME=""
case "$PROFILE" in
    a|c)
        BUNDLE_PROFILE_ARGS=(--rtms.stream.media-types=audio,transcript --rtms.stream.audio-codec=L16
            --rtms.stream.audio-sample-rate=16000 --rtms.stream.audio-channels=1 --rtms.stream.audio-per-speaker=false)
        GEN_AUDIO=l16/16000/1
        PROFILE_NAME="mixed L16 16 kHz mono + transcript"
        ;;
    b)
        BUNDLE_PROFILE_ARGS=(--rtms.stream.media-types=audio --rtms.stream.audio-codec=OPUS
            --rtms.stream.audio-sample-rate=48000 --rtms.stream.audio-channels=2 --rtms.stream.audio-per-speaker=true)
        GEN_AUDIO=opus/48000/2
        PROFILE_NAME="per-speaker Opus 48 kHz stereo, 3 speakers, decoded to WAV"
        ;;
esac
if [ "$PROFILE" = c ]; then
    BUNDLE_PROFILE_ARGS+=(--rtms.sinks.audio=s3 --rtms.sinks.transcript=s3 --rtms.s3.bucket=rtms-bench
        --rtms.s3.endpoint-override=http://127.0.0.1:$S3PORT --rtms.s3.force-path-style=true --rtms.s3.region=us-east-1)
    PROFILE_NAME="$PROFILE_NAME, s3 sink (S3Proxy)"
fi
if [ "$SEND_RATE" != 20 ]; then
    [ "$PROFILE" = b ] && { echo "--send-rate applies to L16 (profiles a and c) only" >&2; exit 64; }
    BUNDLE_PROFILE_ARGS+=(--rtms.stream.audio-send-rate="$SEND_RATE")
    PROFILE_NAME="$PROFILE_NAME, ${SEND_RATE} ms packets"
fi
FRAME_MS=20   # the simulator sends each 20 ms packet when it is complete: at its timestamp + 20 ms
BUNDLE_OPTS=$(bench_jvm_opts "$HEAP" "$EXTRA_BUNDLE_OPTS")
if [ "$JFR" = 1 ]; then
    # the JDK's profile settings with Java samples every 2 ms instead of 10, for a denser CPU profile
    JFC="$OUT/cpu-profile.jfc"
    sed -e 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">2 ms</setting>|' \
        "$(dirname "$(dirname "$(readlink -f "$(command -v "$BUNDLE_JAVA")")")")/lib/jfr/profile.jfc" > "$JFC"
    # Flight Recorder runs from launch with the same settings (its own data kept a minute only): its
    # first start instruments JDK classes, and started only at the window it threw away compiled code
    # there (the C2 compiler took 18.5 s of a 30 s window at 400 streams, the write latency p99 9.6 s).
    # Debug information at every instruction, not only at safepoints: without it a sample in compiled code
    # is charged to the nearest safepoint's frames (a map lookup on the media path took 5 % of the samples).
    BUNDLE_OPTS="$BUNDLE_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording:name=launch,settings=$JFC,maxage=60s"
fi
GEN_OPTS="$BENCH_GENERATOR_OPTS $EXTRA_GEN_OPTS"

# ---------------------------------------------------------------- measurements
sys_ticks() { awk '{print $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# busy and total ticks of the whole machine
machine_ticks() { awk '/^cpu / {b = $2 + $3 + $4 + $7 + $8 + $9; print b, b + $5 + $6}' /proc/stat; }
# CPU ticks per thread group of a process (names without their numbers), "name ticks" lines. One cat and
# one awk for all threads: a process per thread (a hundred forks) took enough CPU at the window's edges
# to delay the bundle's event loops and show up in its write latency. A thread that ends meanwhile is skipped.
thread_ticks() {
    { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } \
        | awk '{p = 0; while ((q = index(substr($0, p + 1), ")")) > 0) p += q  # the name may hold ")"
                o = index($0, "("); n = substr($0, o + 1, p - o - 1); split(substr($0, p + 2), f, " ")
                gsub(/[0-9#-]+$/, "", n); gsub(/ +$/, "", n); gsub(/ /, "_", n); a[n] += f[12] + f[13]}
               END {for (k in a) print k, a[k]}' | sort
}
scrape() { curl -sf "http://127.0.0.1:$MPORT/actuator/prometheus" > "$1" || die "cannot scrape /actuator/prometheus"; }
# sum of a metric's samples (all label sets) in a scrape
metric() { awk -v m="$2" '$1 == m || index($1, m "{") == 1 {s += $NF} END {printf "%.6f\n", s + 0}' "$1"; }
# percentile (ms) of a Prometheus histogram between two scrapes, interpolated inside its bucket;
# p = 1 gives the upper bound of the highest bucket that gained a value
hist_pct() {
    awk -v m="$3_bucket" -v p="$4" '
        function le(s) { sub(/.*le="/, "", s); sub(/".*/, "", s); return s == "+Inf" ? 1e12 : s + 0 }
        FNR == 1 { f++ }
        index($1, m "{") == 1 { v = le($1); if (f == 1) a[v] = $NF; else { b[v] = $NF; seen[v] = 1 } }
        END {
            n = 0; for (v in seen) les[++n] = v + 0
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (les[j] < les[i]) { t = les[i]; les[i] = les[j]; les[j] = t }
            total = b[les[n]] - a[les[n]]
            if (total <= 0) { print "n/a"; exit }
            rank = p * total; prevle = 0; prevc = 0
            for (i = 1; i <= n; i++) {
                c = b[les[i]] - a[les[i]]
                if (c >= rank - 1e-9) {
                    if (p >= 1) { printf "%.0f\n", les[i] * 1000; exit }
                    frac = (c > prevc) ? (rank - prevc) / (c - prevc) : 1
                    printf "%.1f\n", (prevle + (les[i] - prevle) * frac) * 1000; exit
                }
                prevle = les[i]; prevc = c
            }
            print "n/a"
        }' "$1" "$2"
}
ready() { curl -sf "http://127.0.0.1:$MPORT/actuator/health/readiness" >/dev/null 2>&1; }
active_streams() { curl -sf "http://127.0.0.1:$MPORT/actuator/prometheus" | awk '$1 == "rtms_streams_active" {printf "%d\n", $2}'; }
no_active_streams() { [ "$(active_streams)" = 0 ]; }
count_manifests() { find "$1" -name manifest.json 2>/dev/null | wc -l; }
# a function, so wait_until counts again on every try (a "$(...)" argument would be counted once)
manifests_at_least() { [ "$(count_manifests "$1")" -ge "$2" ]; }
heap_after_gc() { # bytes of live heap: a full GC (jcmd GC.run), then the old generation it left (all that survived)
    "$JCMD" "$1" GC.run >/dev/null 2>&1 || log "jcmd GC.run failed"
    sleep 1
    scrape "$2"
    metric "$2" jvm_gc_live_data_size_bytes | awk '{printf "%d\n", $1}'
}
# per stream whose manifest is newer than FILE: "stream-id packets" of audio its files hold (duration
# less leading silence, gap fills and concealment, in packets of MS ms), over every audio track; the
# check of the "lost" row that does not rest on the bundle's own counter
audio_in_files() { # data dir, newer-than file, packet ms
    find "$1" -name manifest.json -newer "$2" -print0 2>/dev/null | xargs -0 -r awk -v ms="$3" '
        function num(line) { sub(/^[^:]*: */, "", line); sub(/,? *$/, "", line); return line + 0 }
        function close_track() { if (audio) got[id] += (dur - lead - fill - conc) / ms; audio = 0; dur = lead = fill = conc = 0 }
        FNR == 1 { close_track() }
        /"rtms_stream_id"/ { id = $0; sub(/^[^:]*: *"/, "", id); sub(/".*/, "", id); got[id] += 0 }
        /"path"/ { close_track() }
        /"media_type" : "AUDIO"/ { audio = 1 }
        /"duration_ms"/ { dur = num($0) }
        /"leading_silence_ms"/ { lead = num($0) }
        /"gap_fill_ms"/ { fill = num($0) }
        /"concealed_ms"/ { conc = num($0) }
        END { close_track(); for (k in got) printf "%s %.0f\n", k, got[k] }'
}
audio_received() { awk 'index($1, "rtms_frames_received_total{") == 1 && index($1, "type=\"audio\"") {s += $NF} END {printf "%d\n", s}' "$1"; }
heap_used() { awk 'index($1, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s += $NF} END {printf "%d\n", s}' "$1"; }

GPID=""
start_generator() { # streams, duration seconds, stagger ms, summary file, log file, start file; sets GPID
    # shellcheck disable=SC2086
    "$JAVA" $GEN_OPTS -Dloader.main=io.camelrtms.simulator.SimulatorMain -cp "$JAR" \
        org.springframework.boot.loader.launch.PropertiesLauncher \
        --webhook-url "http://127.0.0.1:$PORT/api/webhooks/zoom" --streams "$1" --duration-seconds "$2" \
        --stagger-ms "$3" --audio "$GEN_AUDIO" --quiet --summary-file "$4" \
        --warmup-streams "$WARMUP_STREAMS" --warmup-seconds "$WARMUP_SECONDS" --warmup-joins "$WARMUP_JOINS" --start-file "$6" \
        --timeout-seconds $(($2 + $1 * $3 / 1000 + WARMUP_SECONDS + 900)) \
        > "$5" 2>&1 &
    GPID=$!
    PIDS+=("$GPID")
}
summary_value() { awk -F= -v k="$2" '$1 == k {print $2}' "$1"; }

# ---------------------------------------------------------------- one run
RESULTS="$OUT/results.md"
run_one() {
    local n=$1 run tmp data s3dir bpid gpid s3pid
    run="$PROFILE-$n-$(date +%Y%m%d-%H%M%S)"
    tmp=$(mktemp -d "${BENCH_TMPDIR:-/tmp}/rtms-bench.XXXXXX")
    data="$tmp/data"
    mkdir -p "$data" "$OUT/$run"
    log "run $run: $n streams ($PROFILE_NAME), ${SECONDS_WINDOW}s window, data in $tmp"

    if [ "$PROFILE" = c ]; then
        s3dir="$tmp/s3"
        mkdir -p "$s3dir/objects"
        cat > "$tmp/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3PORT
s3proxy.authorization=none
jclouds.provider=filesystem
jclouds.filesystem.basedir=$s3dir/objects
EOF
        "$JAVA" -Xmx512m -jar "$ROOT/target/s3proxy/s3proxy.jar" --properties "$tmp/s3proxy.conf" > "$OUT/$run/s3proxy.log" 2>&1 &
        s3pid=$!
        PIDS+=("$s3pid")
        wait_until 60 "S3Proxy" curl -s -o /dev/null "http://127.0.0.1:$S3PORT/" || die "S3Proxy did not start (see $OUT/$run/s3proxy.log)"
        curl -sf -X PUT "http://127.0.0.1:$S3PORT/rtms-bench" >/dev/null || die "cannot create the bucket"
        export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
    fi

    local launched startup
    launched=$(date +%s%N)
    # shellcheck disable=SC2086
    "$BUNDLE_JAVA" $BUNDLE_OPTS -jar "$BUNDLE_JAR" --server.port="$PORT" --management.server.port="$MPORT" --rtms.data-dir="$data" --rtms.demo.enabled=false \
        "${BUNDLE_PROFILE_ARGS[@]}" $EXTRA_BUNDLE_ARGS > "$OUT/$run/bundle.log" 2>&1 &
    bpid=$!
    PIDS+=("$bpid")
    wait_until 180 "bundle" ready || die "the bundle did not become ready (see $OUT/$run/bundle.log)"
    # launch → readiness (the bundle's own start-up warm-up included), to the 0.2 s of the poll, and the
    # CPU the bundle spent getting there: what class data sharing or an AOT cache would save
    startup="$(awk -v a="$launched" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}') s, CPU $(awk -v t="$(cpu_ticks "$bpid")" -v hz="$HZ" 'BEGIN {printf "%.1f", t / hz}') s"
    log "bundle pid $bpid ready ($startup)"

    # one generator process: it warms both JVMs up, then waits for the go file before the measured streams
    local duration ramp_s warm=$((WARMUP_STREAMS + WARMUP_JOINS))
    ramp_s=$(( (n * STAGGER_MS + 999) / 1000 ))
    duration=$(( ramp_s + 10 + SECONDS_WINDOW + 5 ))
    if [ "$warm" -gt 0 ]; then log "warm-up: $WARMUP_JOINS joins of 1s, then $WARMUP_STREAMS streams of ${WARMUP_SECONDS}s"; fi
    start_generator "$n" "$duration" "$STAGGER_MS" "$tmp/gen.summary" "$OUT/$run/generator.log" "$tmp/go"
    gpid=$GPID
    wait_until $((WARMUP_SECONDS + WARMUP_JOINS / 50 + 300)) "warm-up" grep -q "^waiting for" "$OUT/$run/generator.log" \
        || die "the generator did not finish its warm-up (see $OUT/$run/generator.log)"
    wait_until 120 "warm-up streams to finish" no_active_streams || log "warm-up streams still active"
    wait_until 120 "warm-up manifests" manifests_at_least "$data" "$warm" || log "warm-up manifests missing"
    if [ "$PROFILE" = c ]; then
        # the warm-up streams upload when they stop: let that finish, or the window measures their uploads
        if wait_until 900 "warm-up uploads" manifests_at_least "$s3dir/objects" "$warm"; then
            log "warm-up uploads done"
        else
            log "warm-up uploads missing"
        fi
    fi
    sleep 2

    # idle: after the warm-up, before the measured streams
    local rss_idle heap_idle written0 scrape_idle="$tmp/idle.prom"
    rss_idle=$(rss_kb "$bpid")
    heap_idle=$(heap_after_gc "$bpid" "$scrape_idle")
    written0=$(metric "$scrape_idle" rtms_audio_written_total)

    log "generator: $n streams of ${duration}s, start webhooks ${STAGGER_MS} ms apart (ramp ${ramp_s}s)"
    local active_start active_end
    if [ "$FROM_START" = 1 ]; then
        # the window opens with the first start webhook: it holds the ramp and every join
        active_start=0
    else
        touch "$tmp/go"
        # the window opens 10 s after the last start webhook
        sleep $((ramp_s + 10))
        kill -0 "$gpid" 2>/dev/null || die "the generator exited early (see $OUT/$run/generator.log)"
        active_start=$(active_streams)
    fi

    local b0 g0 m0 a0="$tmp/a.prom" b1 g1 m1 a1="$tmp/b.prom" t0 t1
    thread_ticks "$bpid" > "$tmp/threads0"
    scrape "$a0"
    b0=$(cpu_ticks "$bpid"); g0=$(cpu_ticks "$gpid"); m0=$(machine_ticks); t0=$(date +%s.%N)
    local bs0 gs0 bs1 gs1
    bs0=$(sys_ticks "$bpid"); gs0=$(sys_ticks "$gpid")
    [ "$FROM_START" = 1 ] && touch "$tmp/go"
    if [ "$JFR" = 1 ]; then
        "$JCMD" "$bpid" JFR.start name=bench settings="$JFC" duration="${SECONDS_WINDOW}s" filename="$OUT/$run/bundle.jfr" >/dev/null
    fi
    sleep "$SECONDS_WINDOW"
    b1=$(cpu_ticks "$bpid"); g1=$(cpu_ticks "$gpid"); m1=$(machine_ticks); t1=$(date +%s.%N)
    local load1
    load1=$(cut -d' ' -f1 /proc/loadavg)
    bs1=$(sys_ticks "$bpid"); gs1=$(sys_ticks "$gpid")
    scrape "$a1"
    thread_ticks "$bpid" > "$tmp/threads1"
    local rss_steady heap_steady heap_live
    rss_steady=$(rss_kb "$bpid")
    heap_steady=$(heap_used "$a1")
    active_end=$(active_streams)
    heap_live=$(heap_after_gc "$bpid" "$tmp/steady-gc.prom")

    log "window closed; waiting for the streams to end and every manifest"
    wait "$gpid" || log "generator exited with $? (see $OUT/$run/generator.log)"
    wait_until 180 "streams to end" no_active_streams || log "streams still active after 180 s"
    wait_until 180 "manifests" manifests_at_least "$data" $((warm + n)) || log "manifests missing"
    local s3_manifests="-"
    if [ "$PROFILE" = c ]; then
        wait_until 600 "uploads" manifests_at_least "$s3dir/objects" $((warm + n)) || log "uploads missing"
        s3_manifests=$(( $(count_manifests "$s3dir/objects") - warm ))
    fi
    local final="$tmp/final.prom"
    scrape "$final"

    # ---- figures
    local sent written lost manifests gaps overflow malformed elapsed
    sent=$(summary_value "$tmp/gen.summary" sent_audio)
    written=$(awk -v a="$(metric "$final" rtms_audio_written_total)" -v b="$written0" 'BEGIN {printf "%d\n", a - b}')
    lost=$((sent - written))
    manifests=$(( $(count_manifests "$data") - warm ))
    # the audio the files hold, per stream: every stream plays the same script, so each should hold sent / n
    local in_files short_streams packet_ms=$SEND_RATE
    [ "$PROFILE" = b ] && packet_ms=$FRAME_MS
    audio_in_files "$data" "$scrape_idle" "$packet_ms" > "$tmp/in-files"
    in_files=$(awk '{s += $2} END {printf "%d\n", s}' "$tmp/in-files")
    short_streams=$(awk -v want="$(awk -v s="$sent" -v n="$n" 'BEGIN {printf "%.0f\n", s / n}')" \
        '$2 < want {c++; if (c <= 5) l = l (l ? ", " : "") $1 " (" want - $2 " short)"} END {printf "%d%s\n", c, c ? ": " l : ""}' "$tmp/in-files")
    if [ "${short_streams%%:*}" != 0 ]; then
        # keep what the bundle logged about them, for the next look
        awk -v want="$(awk -v s="$sent" -v n="$n" 'BEGIN {printf "%.0f\n", s / n}')" '$2 < want {print $1}' "$tmp/in-files" \
            | while read -r id; do grep -F "$id" "$OUT/$run/bundle.log" || true; done > "$OUT/$run/short-streams.log"
    fi
    gaps=$(find "$data" -name manifest.json -newer "$scrape_idle" -print0 2>/dev/null | xargs -0 cat 2>/dev/null \
        | awk -F: '/"gaps_filled"/ {gsub(/[ ,]/, "", $2); s += $2} END {print s + 0}')
    overflow=$(awk -v a="$(metric "$final" rtms_queue_overflow_total)" -v b="$(metric "$scrape_idle" rtms_queue_overflow_total)" 'BEGIN {printf "%d\n", a - b}')
    malformed=$(awk -v a="$(metric "$final" rtms_frames_malformed_total)" -v b="$(metric "$scrape_idle" rtms_frames_malformed_total)" 'BEGIN {printf "%d\n", a - b}')
    elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", b - a}')
    local lat_p50 lat_p99 lat_max h=rtms_audio_write_latency_seconds
    lat_p50=$(hist_pct "$a0" "$a1" $h 0.50 | awk -v f=$FRAME_MS '$1 == "n/a" {print; next} {printf "%.1f\n", $1 - f}')
    lat_p99=$(hist_pct "$a0" "$a1" $h 0.99 | awk -v f=$FRAME_MS '$1 == "n/a" {print; next} {printf "%.1f\n", $1 - f}')
    lat_max=$(hist_pct "$a0" "$a1" $h 1 | awk -v f=$FRAME_MS '$1 == "n/a" {print; next} {printf "%d\n", $1 - f}')
    local join_p50 join_p95
    join_p50=$(hist_pct "$scrape_idle" "$final" rtms_join_latency_seconds 0.50)
    join_p95=$(hist_pct "$scrape_idle" "$final" rtms_join_latency_seconds 0.95)
    local cpu_b cpu_g cpu_other per_min_b per_min_g
    read -r cpu_b cpu_g <<<"$(awk -v b=$((b1 - b0)) -v g=$((g1 - g0)) -v hz="$HZ" 'BEGIN {printf "%.2f %.2f\n", b / hz, g / hz}')"
    cpu_other=$(awk -v m0="$m0" -v m1="$m1" \
        'BEGIN {split(m0, x, " "); split(m1, y, " "); printf "%.0f\n", 100 * (y[1] - x[1]) / (y[2] - x[2])}')
    # stream-minutes: the audio the bundle received in the window (x packet length), which is n x window
    # unless the streams are still joining (--from-start, --cold) or the machine cannot keep up
    local stream_min stream_min_nominal
    stream_min=$(awk -v a="$(audio_received "$a1")" -v b="$(audio_received "$a0")" -v r="$SEND_RATE" 'BEGIN {printf "%.1f\n", (a - b) * r / 60000}')
    stream_min_nominal=$(awk -v n="$n" -v s="$elapsed" 'BEGIN {printf "%.1f\n", n * s / 60}')
    per_min_b=$(awk -v c="$cpu_b" -v m="$stream_min" 'BEGIN {printf "%.4f\n", c / m}')
    per_min_g=$(awk -v c="$cpu_g" -v m="$stream_min" 'BEGIN {printf "%.4f\n", c / m}')
    local gc_ms gc_count rss_per heap_per heap_live_per
    gc_ms=$(awk -v a="$(metric "$a1" jvm_gc_pause_seconds_sum)" -v b="$(metric "$a0" jvm_gc_pause_seconds_sum)" 'BEGIN {printf "%.0f\n", (a - b) * 1000}')
    gc_count=$(awk -v a="$(metric "$a1" jvm_gc_pause_seconds_count)" -v b="$(metric "$a0" jvm_gc_pause_seconds_count)" 'BEGIN {printf "%d\n", a - b}')
    rss_per=$(awk -v a="$rss_steady" -v b="$rss_idle" -v n="$n" 'BEGIN {printf "%.0f\n", (a - b) / n}')
    heap_live_per=$(awk -v a="$heap_live" -v b="$heap_idle" -v n="$n" 'BEGIN {printf "%.1f\n", (a - b) / n / 1024}')
    local threads
    threads=$(join "$tmp/threads0" "$tmp/threads1" | awk -v hz="$HZ" '{d = ($3 - $2) / hz; if (d >= 0.05) printf "%s %.1f s, ", $1, d}' | sed 's/, $//')
    local lag_p50 lag_p99 lag_max first_p50 first_p95 ready_p50 ready_p95 gen_violations
    lag_p50=$(summary_value "$tmp/gen.summary" send_lag_ms_p50)
    lag_p99=$(summary_value "$tmp/gen.summary" send_lag_ms_p99)
    lag_max=$(summary_value "$tmp/gen.summary" send_lag_ms_max)
    first_p50=$(summary_value "$tmp/gen.summary" first_data_ms_p50)
    first_p95=$(summary_value "$tmp/gen.summary" first_data_ms_p95)
    ready_p50=$(summary_value "$tmp/gen.summary" media_ready_ms_p50)
    ready_p95=$(summary_value "$tmp/gen.summary" media_ready_ms_p95)
    gen_violations=$(summary_value "$tmp/gen.summary" violations)

    # per packet in wall-clock time (includes waiting for a CPU when the decoding thread is descheduled)
    # and in the decoding thread's CPU time (what the decode itself costs, to hold against JMH; "-" for a
    # --jar built before the bundle measured it)
    local opus_us
    opus_us=$(awk -v a="$(metric "$a1" rtms_audio_opus_decode_time_seconds_total)" -v b="$(metric "$a0" rtms_audio_opus_decode_time_seconds_total)" \
        -v c="$(metric "$a1" rtms_audio_opus_decode_cpu_time_seconds_total)" -v d="$(metric "$a0" rtms_audio_opus_decode_cpu_time_seconds_total)" \
        -v x="$(metric "$a1" rtms_audio_opus_decoded_total)" -v y="$(metric "$a0" rtms_audio_opus_decoded_total)" \
        'BEGIN {cpu = c - d > 0 && x - y > 0 ? sprintf("%.1f", (c - d) * 1e6 / (x - y)) : "-"
                if (x - y > 0) printf "%.1f / %s µs over %d packets\n", (a - b) * 1e6 / (x - y), cpu, x - y; else print "-"}')
    local mode=""
    [ "$FROM_START" = 1 ] && mode=" --from-start"
    [ "$COLD" = 1 ] && mode=" --cold"
    [ "$SEND_RATE" != 20 ] && mode="$mode --send-rate $SEND_RATE"
    local holds=yes why=""
    if [ "$lost" != 0 ]; then holds=no; why="$lost frames lost"; fi
    if [ "$in_files" -lt "$sent" ]; then holds=no; why="${why:+$why, }$((sent - in_files)) packets missing from the files"; fi
    if [ "$lat_p99" = n/a ] || awk -v p="$lat_p99" -v l="$P99_LIMIT" 'BEGIN {exit !(p >= l)}'; then holds=no; why="${why:+$why, }p99 $lat_p99 ms"; fi
    if { [ "$FROM_START" = 0 ] && [ "$active_start" != "$n" ]; } || [ "$active_end" != "$n" ]; then holds=no; why="${why:+$why, }$active_start/$active_end of $n streams active in the window"; fi
    if [ "$manifests" != "$n" ]; then holds=no; why="${why:+$why, }$manifests of $n manifests"; fi

    {
        echo
        echo "### Profile $PROFILE, $n streams ($run)"
        echo
        echo "\`bench/run.sh --profile $PROFILE --streams $n --seconds $SECONDS_WINDOW$mode --stagger-ms $STAGGER_MS --warmup-streams $WARMUP_STREAMS --warmup-joins $WARMUP_JOINS --heap $HEAP$([ "$BUNDLE_JAR" != "$JAR" ] && echo " --jar ${BUNDLE_JAR#"$ROOT"/}")$([ "$BUNDLE_JAVA" != "$JAVA" ] && echo " --bundle-java $BUNDLE_JAVA")${EXTRA_BUNDLE_OPTS:+ --bundle-opts \"$EXTRA_BUNDLE_OPTS\"}${EXTRA_BUNDLE_ARGS:+ --bundle-args \"$EXTRA_BUNDLE_ARGS\"}\`"
        echo
        echo "| Measure | Value |"
        echo "|---|---|"
        echo "| streams (active at window start / end) | $n ($active_start / $active_end) |"
        echo "| media profile | $PROFILE_NAME |"
        echo "| window | ${elapsed} s $([ "$FROM_START" = 1 ] && echo "from the first start webhook (ramp included)" || echo "of steady state"): $stream_min stream-minutes of audio received (of $stream_min_nominal), load average $load1 |"
        echo "| audio frames sent (whole run) | $sent |"
        echo "| audio frames written (whole run) | $written |"
        echo "| audio frames lost (sent − written) | $lost |"
        echo "| audio in the files (packets, from the manifests) / streams holding less than sent ÷ N | $in_files / $short_streams |"
        echo "| latency sent → written p50 / p99 / max (window) | $lat_p50 / $lat_p99 / ≤ $lat_max ms |"
        echo "| bundle CPU (user + system) | ${cpu_b} s (system $(awk -v t=$((bs1 - bs0)) -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}') s) = **$per_min_b s per stream-minute** |"
        echo "| generator CPU (user + system) | ${cpu_g} s (system $(awk -v t=$((gs1 - gs0)) -v hz="$HZ" 'BEGIN {printf "%.2f", t / hz}') s) = $per_min_g s per stream-minute |"
        echo "| machine busy (both CPUs, all processes) | ${cpu_other} % |"
        echo "| bundle RSS idle → steady | $((rss_idle / 1024)) → $((rss_steady / 1024)) MB = **$rss_per kB per stream** |"
        echo "| heap live after full GC idle → steady | $((heap_idle / 1048576)) → $((heap_live / 1048576)) MB = $heap_live_per kB per stream (in use before GC: $((heap_steady / 1048576)) MB) |"
        echo "| GC pauses in the window | $gc_count, total $gc_ms ms |"
        echo "| bundle start-up: launch → ready (start-up warm-up included), CPU spent | $startup |"
        echo "| join: webhook posted → media socket ready to play (generator) p50 / p95 | $ready_p50 / $ready_p95 ms |"
        echo "| join: webhook posted → first media frame sent (generator; + the first packet's audio) p50 / p95 | $first_p50 / $first_p95 ms |"
        echo "| join: control message → first media (bundle) p50 / p95 | $join_p50 / $join_p95 ms |"
        echo "| Opus decode in the bundle per packet (window): wall clock / thread CPU | $opus_us |"
        echo "| generator send lag p50 / p99 / max | $lag_p50 / $lag_p99 / $lag_max ms |"
        echo "| queue overflow / malformed / gap fills / protocol violations | $overflow / $malformed / $gaps / $gen_violations |"
        [ "$PROFILE" = c ] && echo "| streams uploaded to S3 (manifest present) | $s3_manifests of $n |"
        echo "| bundle CPU by thread | $threads |"
        echo "| holds (0 lost, p99 < $P99_LIMIT ms) | **$holds**${why:+ ($why)} |"
    } | tee -a "$RESULTS" "$OUT/$run/result.md"
    echo "$n $holds $lost $lat_p99 $per_min_b $rss_per" >> "$RAMP_FILE"

    stop_pid "$bpid"
    [ "$PROFILE" = c ] && stop_pid "$s3pid"
    PIDS=()
    if [ "$KEEP" = 1 ]; then
        mv "$data" "$OUT/$run/data"
    fi
    rm -rf "$tmp"
    [ "$holds" = yes ]
}

# ---------------------------------------------------------------- main
{
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%M:%SZ) profile $PROFILE on $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), bundle on $("$BUNDLE_JAVA" -version 2>&1 | head -1)"
    echo
    echo "Bundle JVM: \`$BUNDLE_OPTS\`; generator JVM: \`$GEN_OPTS\`."
} | tee -a "$RESULTS"
RAMP_FILE="/tmp/rtms-bench-ramp.$$"
rm -f "$RAMP_FILE"
if [ -n "$RAMP" ]; then
    largest=none
    for n in ${RAMP//,/ }; do
        if run_one "$n"; then largest=$n; else break; fi
    done
    {
        echo
        echo "Ramp $RAMP (profile $PROFILE): largest N that holds: **$largest**"
        echo
        echo "| streams | holds | lost | p99 ms | CPU s/stream-min | RSS kB/stream |"
        echo "|---|---|---|---|---|---|"
        awk '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$RAMP_FILE"
    } | tee -a "$RESULTS"
else
    run_one "$STREAMS" || true
fi
rm -f "$RAMP_FILE"
log "results appended to $RESULTS"
