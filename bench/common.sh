# Sourced by the bench scripts: how every one of them runs a JVM under measurement and the simulator
# that plays Zoom to it, so that figures from different scripts compare, and a CDS archive or AOT cache
# one script trains fits the JVM another starts (a cache is used only by a JVM configured like the
# one that wrote it). Not part of `mvn test`.

# Test credentials only: the simulator plays Zoom with the same values.
export ZOOM_CLIENT_ID=bench-client-id ZOOM_CLIENT_SECRET=bench-client-secret ZOOM_WEBHOOK_SECRET_TOKEN=bench-webhook-secret

# The JVM options of a bundle or bare client under measurement: a fixed heap, touched at start (the heap
# is a budget set once, so RSS measures what each stream adds outside it: threads, native buffers,
# metaspace; untouched, RSS mostly shows G1 touching more of a young generation it had reserved), G1
# unless the extra options choose another collector (the JVM refuses two), then the extra options.
#   bench_jvm_opts HEAP "EXTRA OPTIONS"
bench_jvm_opts() {
    local heap=$1 extra=${2:-} gc=-XX:+UseG1GC o
    for o in $extra; do case "$o" in -XX:+Use*GC) gc="" ;; esac; done
    echo "-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch $gc -XX:+ExitOnOutOfMemoryError $extra"
}

# A bounded poll: runs the command every 0.2 s until it succeeds (0) or the seconds are over (1).
# Give it a function, not a "$(...)" argument, for a value that must be read again on every try.
#   wait_until SECONDS "what" COMMAND...
wait_until() {
    local limit=$1 i
    shift 2
    for i in $(seq 1 $((limit * 5))); do
        if "$@"; then return 0; fi
        sleep 0.2
    done
    return 1
}
# The same, saying on standard error what it gave up waiting for.
wait_for() {
    wait_until "$@" || { echo "$(basename "$0" .sh): gave up waiting for $2" >&2; return 1; }
}

# CPU ticks (user + system) of a process so far; getconf CLK_TCK of them make a second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The load generator's JVM options (the simulator): its own fixed heap and the parallel collector.
BENCH_GENERATOR_OPTS="-Xms512m -Xmx512m -XX:+UseParallelGC"
