package io.camelrtms.component;

import io.camelrtms.client.ClientObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * Counters of one {@code rtms:} component, kept with plain JDK adders so the component needs no
 * metrics library; an application binds them to Micrometer or anything else.
 */
public final class RtmsStatistics implements ClientObserver {

    private final LongAdder[] frames = adders();
    private final LongAdder[] bytes = adders();
    private final Map<String, LongAdder> reconnects = new ConcurrentHashMap<>();
    private final LongAdder refusedStarts = new LongAdder();
    private final LongAdder overflowed = new LongAdder();
    private final Map<Integer, LongAdder> handshakeFailures = new ConcurrentHashMap<>();
    private final LongAdder keepAlives = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unknownMessages = new LongAdder();
    private final LongAdder unknownEvents = new LongAdder();
    private final LongAdder unknownFields = new LongAdder();
    private final LongAdder tlsFailures = new LongAdder();
    private volatile LongConsumer joinLatencyObserver = ms -> { };
    private volatile IntConsumer handshakeFailureObserver = status -> { };

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[RtmsMediaType.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void receive(RtmsMediaType type, int size) {
        frames[type.ordinal()].increment();
        bytes[type.ordinal()].add(size);
    }

    void reconnect(String cause) {
        reconnects.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void refuseStart() {
        refusedStarts.increment();
    }

    /** Media messages refused because a stream's queue was full. */
    void overflow(int messages) {
        overflowed.add(messages);
    }

    void unknownMessage() {
        unknownMessages.increment();
    }

    void unknownEvent() {
        unknownEvents.increment();
    }

    void unknownField() {
        unknownFields.increment();
    }

    void join(long millis) {
        joinLatencyObserver.accept(millis);
    }

    @Override
    public void handshakeFailed(int status) {
        handshakeFailures.computeIfAbsent(status, k -> new LongAdder()).increment();
        handshakeFailureObserver.accept(status);
    }

    @Override
    public void keepAliveAnswered() {
        keepAlives.increment();
    }

    @Override
    public void malformedFrame() {
        malformed.increment();
    }

    @Override
    public void tlsFailed() {
        tlsFailures.increment();
    }

    /** Connections to Zoom's servers that failed in their TLS handshake (certificate, host name, protocol). */
    public long tlsFailures() {
        return tlsFailures.sum();
    }

    /** Refused or unanswered handshakes by status code; -1 means no answer in time. */
    public Map<Integer, Long> handshakeFailures() {
        Map<Integer, Long> m = new TreeMap<>();
        handshakeFailures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Keep-alive requests answered, on signaling and media sockets. */
    public long keepAlivesAnswered() {
        return keepAlives.sum();
    }

    /** Frames skipped because they were not valid RTMS messages. */
    public long malformedFrames() {
        return malformed.sum();
    }

    /** Messages of a type this version does not act on, handed to the route as UNKNOWN_MESSAGE events. */
    public long unknownMessages() {
        return unknownMessages.sum();
    }

    /** Events of a type this version does not know, handed to the route as UNKNOWN_EVENT events. */
    public long unknownEvents() {
        return unknownEvents.sum();
    }

    /** Data messages with fields this version does not know, reported to the route once per stream, kind and field set. */
    public long unknownFields() {
        return unknownFields.sum();
    }

    /** Receives the status code of every failed handshake as it happens (e.g. to tag a counter). */
    public void setHandshakeFailureObserver(IntConsumer observer) {
        this.handshakeFailureObserver = observer == null ? status -> { } : observer;
    }

    /** Messages received of a type (media, events and lifecycle changes), over all streams. */
    public long frames(RtmsMediaType type) {
        return frames[type.ordinal()].sum();
    }

    /** Payload bytes received of a type (decoded media bytes, or text length), over all streams. */
    public long bytes(RtmsMediaType type) {
        return bytes[type.ordinal()].sum();
    }

    /** Completed reconnects by cause ({@link io.camelrtms.client.OutageCause} names). */
    public Map<String, Long> reconnectsByCause() {
        Map<String, Long> m = new TreeMap<>();
        reconnects.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Starts refused because the concurrent stream limit was reached. */
    public long refusedStarts() {
        return refusedStarts.sum();
    }

    /** Media messages refused because a stream's queue was full. */
    public long overflowed() {
        return overflowed.sum();
    }

    /**
     * Receives the join latency of every stream: milliseconds from the start control message
     * reaching the component to the first media message of the stream.
     */
    public void setJoinLatencyObserver(LongConsumer observer) {
        this.joinLatencyObserver = observer == null ? ms -> { } : observer;
    }
}
