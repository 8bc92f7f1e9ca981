package io.camelrtms.sink.delivery;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Counters of the delivering sinks ({@code http}, {@code s3}), by sink name: failed deliveries,
 * redelivery attempts and requests written to the spool. Spring-free; the application publishes
 * them as {@code rtms.sink.errors}, {@code rtms.sink.retries} and {@code rtms.sink.spooled}.
 */
public final class SinkStatistics {

    private final Map<String, Counters> sinks = new ConcurrentHashMap<>();
    private final Map<String, ToLongFunction<String>> pending = new ConcurrentHashMap<>();

    private Counters of(String sink) {
        return sinks.computeIfAbsent(sink, s -> new Counters());
    }

    /** Makes a sink known (its counters exist, at zero) before anything happened to it. */
    public void register(String sink) {
        of(sink);
    }

    /** Sinks known so far. */
    public Set<String> sinks() {
        return new TreeSet<>(sinks.keySet());
    }

    /** A request that was not delivered: retries exhausted, a failed drain attempt, or a rejection. */
    public void onError(String sink) {
        of(sink).errors.increment();
    }

    /** One redelivery attempt (Camel's error handler calls this before each). */
    public void onRetry(String sink) {
        of(sink).retries.increment();
    }

    /** A request written to the sink's spool. */
    public void onSpooled(String sink) {
        of(sink).spooled.increment();
    }

    /** Several requests written to the sink's spool. */
    public void onSpooled(String sink, int n) {
        if (n > 0) {
            of(sink).spooled.add(n);
        }
    }

    public long errors(String sink) {
        Counters c = sinks.get(sink);
        return c == null ? 0 : c.errors.sum();
    }

    public long retries(String sink) {
        Counters c = sinks.get(sink);
        return c == null ? 0 : c.retries.sum();
    }

    public long spooled(String sink) {
        Counters c = sinks.get(sink);
        return c == null ? 0 : c.spooled.sum();
    }

    /** Lets a sink report how many requests wait in its spool now. */
    public void pendingSource(String sink, ToLongFunction<String> source) {
        register(sink);
        pending.put(sink, source);
    }

    /** Requests waiting in the spool of a sink now (0 when it has none). */
    public long pending(String sink) {
        ToLongFunction<String> f = pending.get(sink);
        return f == null ? 0 : f.applyAsLong(sink);
    }

    private static final class Counters {
        final LongAdder errors = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder spooled = new LongAdder();
    }
}
