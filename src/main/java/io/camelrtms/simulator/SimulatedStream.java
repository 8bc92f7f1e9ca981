package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One RTMS stream served by a {@link ZoomSimulator}: its identity, what the client did (messages,
 * keep-alive answers, violations, negotiated params), where it is in its life, and the controls a
 * test uses (stop, fault injection). Every method may be called from any thread; the protocol
 * itself runs on the stream's own Vert.x context.
 */
public final class SimulatedStream {

    private final ZoomSimulator simulator;
    private final Product product;
    private final String entityId;
    private final String streamId;
    private final MeetingScript script;
    final StreamEngine engine;
    private final Faults faults;

    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final List<KeepAliveRecord> keepAlives = new CopyOnWriteArrayList<>();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final List<NegotiatedConnection> negotiated = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> webhooks = new CopyOnWriteArrayList<>();
    private final List<Join> joins = new CopyOnWriteArrayList<>();
    private final List<PossiblyUnread> possiblyUnread = new CopyOnWriteArrayList<>();
    private final LongAdder[] sent = new LongAdder[MediaKind.values().length];
    private final Map<Integer, Boolean> subscriptions = new ConcurrentHashMap<>();
    private final Map<StreamPhase, CompletableFuture<Void>> reached = new EnumMap<>(StreamPhase.class);

    private volatile StreamPhase phase = StreamPhase.WAITING;
    private volatile Integer stopReason;
    private volatile long firstPacketTimestamp = -1;

    SimulatedStream(ZoomSimulator simulator, Product product, String entityId, String streamId, MeetingScript script,
                    String urlKey) {
        this.simulator = simulator;
        this.product = product;
        this.entityId = entityId;
        this.streamId = streamId;
        this.script = script;
        for (StreamPhase p : StreamPhase.values()) {
            reached.put(p, new CompletableFuture<>());
        }
        reached.get(StreamPhase.WAITING).complete(null);
        for (int i = 0; i < sent.length; i++) {
            sent[i] = new LongAdder();
        }
        this.engine = new StreamEngine(simulator, this, urlKey);
        this.faults = new Faults(engine);
    }

    public Product product() {
        return product;
    }

    public String entityId() {
        return entityId;
    }

    public String streamId() {
        return streamId;
    }

    public MeetingScript script() {
        return script;
    }

    /** The simulator that serves this stream. */
    public ZoomSimulator simulator() {
        return simulator;
    }

    /** The signaling URL: what goes into {@code server_urls} of the started webhook. Changes on failover. */
    public String signalingUrl() {
        return engine.signalingUrl();
    }

    /** The Zoom-shaped {@code *_started} envelope for the current signaling URL. A fresh copy. */
    public ObjectNode startedWebhook() {
        return engine.startedEnvelope().deepCopy();
    }

    /** The {@code *_stopped} envelope Zoom would post with this stop reason. */
    public ObjectNode stoppedWebhook(int stopReason) {
        return ZoomWebhooks.stopped(product, entityId, streamId, stopReason, System.currentTimeMillis());
    }

    /** The {@code *_interrupted} envelope. */
    public ObjectNode interruptedWebhook() {
        return ZoomWebhooks.interrupted(product, entityId, streamId, System.currentTimeMillis());
    }

    public StreamPhase phase() {
        return phase;
    }

    /** The stop reason the stream ended with, or {@code null} while it runs. */
    public Integer stopReason() {
        return stopReason;
    }

    /**
     * The FIRST_PACKET_TIMESTAMP (epoch ms) of timeline time 0, or -1 before playback starts. A
     * packet with timestamp {@code ts} starts at timeline time {@code ts - firstPacketTimestamp()}.
     */
    public long firstPacketTimestamp() {
        return firstPacketTimestamp;
    }

    /**
     * Waits until the stream has reached {@code target} (now or at any earlier time).
     *
     * @return this stream
     * @throws IllegalStateException when it has not reached it within {@code timeout}
     */
    public SimulatedStream awaitState(StreamPhase target, Duration timeout) {
        try {
            reached.get(target).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (TimeoutException e) {
            throw new IllegalStateException("stream " + streamId + " did not reach " + target + " within " + timeout
                    + "; it is " + phase + (violations.isEmpty() ? "" : ", violations: " + violations));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + target, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the stream has been in this phase at some point. */
    public boolean hasReached(StreamPhase target) {
        return reached.get(target).isDone();
    }

    /** Every message the client sent, in arrival order. */
    public List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    /** The messages of one {@code msg_type} the client sent. */
    public List<ReceivedMessage> received(int msgType) {
        return received.stream().filter(m -> m.msgType() == msgType).toList();
    }

    /** Keep-alive requests sent on sockets of this role, with their answers. */
    public List<KeepAlive> keepAlives(SocketRole role) {
        List<KeepAlive> list = new ArrayList<>();
        for (KeepAliveRecord r : keepAlives) {
            if (r.role == role) {
                list.add(r.snapshot());
            }
        }
        return list;
    }

    /** Protocol violations seen; a well-behaved client leaves this empty. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** The media connections accepted, with the params confirmed for each. */
    public List<NegotiatedConnection> negotiated() {
        return List.copyOf(negotiated);
    }

    /** The latest accepted media connection that carries {@code kind}, or {@code null}. */
    public NegotiatedConnection negotiated(MediaKind kind) {
        NegotiatedConnection found = null;
        for (NegotiatedConnection n : negotiated) {
            if (n.kinds().contains(kind)) {
                found = n;
            }
        }
        return found;
    }

    /** The event subscriptions of the current signaling connection (event type → subscribed). */
    public Map<Integer, Boolean> subscriptions() {
        return Map.copyOf(subscriptions);
    }

    /** Every connection accepted for this stream (signaling and media), in order, with the client's address. */
    public List<Join> joins() {
        return List.copyOf(joins);
    }

    /**
     * Signaling connections open now: 1 while a client runs the stream, 2 while a connection replaced by
     * a newer client (see {@link SimulatorConfig#acceptConcurrentSignaling()}) is not closed yet.
     */
    public int openSignalingConnections() {
        return engine.call(engine::openSignalingCount);
    }

    /** The accepted connections of one role. */
    public List<Join> joins(SocketRole role) {
        return joins.stream().filter(j -> j.role() == role).toList();
    }

    /**
     * Data messages of this kind written to the stream's sockets so far (buffered ones count once
     * delivered): what a complete recording holds, e.g. its transcript lines.
     */
    public long sent(MediaKind kind) {
        return sent[kind.ordinal()].sum();
    }

    /**
     * What the stream's clients may never have read: per connection dropped because its client went
     * silent (missed keep-alives, or no word while a newer client replaced it) or ended without a close
     * frame (its client killed), and per kind, the data messages written on it after that client was last
     * heard from. Counted in {@link #sent}.
     */
    public List<PossiblyUnread> possiblyUnread() {
        return List.copyOf(possiblyUnread);
    }

    /** How many of the data messages of this kind {@link #sent} may never have been read ({@link #possiblyUnread()}). */
    public long possiblyUnread(MediaKind kind) {
        return possiblyUnread.stream().filter(p -> p.kind() == kind).mapToLong(PossiblyUnread::messages).sum();
    }

    /** Webhooks the simulator posted for this stream, in order of their answers. */
    public List<WebhookDelivery> webhooks() {
        return List.copyOf(webhooks);
    }

    /**
     * Ends the stream now like Zoom: msg 8 with state 4 (TERMINATED) and this reason on signaling,
     * all sockets closed, {@code *_stopped} posted when a webhook is configured. Returns once done,
     * except when called on a Vert.x event loop, where it is only scheduled.
     */
    public void stop(StopReason reason) {
        engine.apply(() -> engine.end(reason.code()));
    }

    /** Fault injection for this stream. */
    public Faults faults() {
        return faults;
    }

    @Override
    public String toString() {
        return "SimulatedStream[" + product.id() + " " + streamId + " " + phase + "]";
    }

    // ---- recording, called by the engine ----

    void record(ReceivedMessage m) {
        received.add(m);
    }

    void record(KeepAliveRecord r) {
        keepAlives.add(r);
    }

    void record(Violation v) {
        violations.add(v);
    }

    void record(NegotiatedConnection n) {
        negotiated.add(n);
    }

    void countSent(MediaKind kind) {
        sent[kind.ordinal()].increment();
    }

    void record(PossiblyUnread p) {
        possiblyUnread.add(p);
    }

    void record(Join j) {
        joins.add(j);
    }

    void record(WebhookDelivery d) {
        webhooks.add(d);
    }

    Map<Integer, Boolean> subscriptionMap() {
        return subscriptions;
    }

    void firstPacket(long t0) {
        this.firstPacketTimestamp = t0;
    }

    void phase(StreamPhase p, Integer reason) {
        if (p == StreamPhase.ENDED) {
            this.stopReason = reason;
        }
        if (this.phase != p) {
            this.phase = p;
        }
        reached.get(p).complete(null);
    }
}
