package io.camelrtms.component;

import io.camelrtms.client.Lifecycle;
import io.camelrtms.client.LifecycleEvent;
import io.camelrtms.client.Outage;
import io.camelrtms.client.SerialExecutor;
import io.camelrtms.client.StreamLog;
import io.camelrtms.client.StreamSession;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.ServerRegion;
import io.camelrtms.protocol.StopReason;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeadersMapFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of one stream from its event loop to the route: numbers each message per media
 * type and builds its exchange, on the event loop itself for media while nothing of the stream is
 * queued (when {@code mediaOnEventLoop} and the route keeps within its {@link EventLoopBudget}),
 * otherwise queued on the stream's serial executor for a worker thread; either way one at a time and
 * in order.
 */
final class StreamDispatch implements SerialExecutor.Pressure {

    private static final Logger LOG = LoggerFactory.getLogger(StreamDispatch.class);
    /**
     * With mediaOnEventLoop, a stream's first messages of each media type still go through the worker
     * pool: they are the ones that make sinks create directories and files, metadata writes a file system
     * may hold up behind a journal commit, which would stall every stream of the event loop (and the
     * handshakes of streams joining on it).
     */
    static final int FIRST_ON_WORKERS = 50;

    private final RtmsChannel channel;
    private final SerialExecutor executor;
    private final AtomicLongArray sequences = new AtomicLongArray(RtmsMediaType.values().length);
    private final AtomicLongArray frames = new AtomicLongArray(RtmsMediaType.values().length);
    private final AtomicLongArray bytes = new AtomicLongArray(RtmsMediaType.values().length);
    private final RtmsStatistics statistics;
    private final StreamLog log;
    final ControlMessage started;
    final String region;
    volatile StreamSession session;
    private final long startedAt = System.currentTimeMillis();
    private final long startedNanos = System.nanoTime();
    private volatile long connectedAt;
    private volatile long endedAt;
    private volatile LifecycleEvent lastLifecycle;
    private long refused;
    private boolean overflowReported;
    private boolean pauseReported;
    private boolean unknownReported;
    /** Kinds and field-name sets of data messages already reported as unknown; event loop only. */
    private final Set<String> reportedUnknownFields = new HashSet<>();
    /** Null: media always goes through the worker pool. */
    private final EventLoopBudget eventLoop;
    private final EventLoopBudget.Window eventLoopRuns;
    private final AtomicReferenceArray<HeaderTemplate> headerTemplates = new AtomicReferenceArray<>(MediaKind.values().length);
    /**
     * Outages before this node ran the stream (takeovers in a cluster), oldest first; the last may still
     * be open ({@code to} 0) until the stream connects here. Every lifecycle exchange lists them first.
     */
    private volatile List<Outage> inherited = List.of();
    /**
     * Set, from the thread that decided it, once this node was fenced off the stream: from then on nothing
     * of the stream reaches the route but its fenced last exchange, since the next owner may already have
     * written what a queued exchange would write again.
     */
    private volatile boolean fenced;
    /** Exchanges not handed to the route because of the fence; touched by the stream's serial tasks only. */
    private int discarded;
    /** Set by the first leave: a stream left twice (a hand-over, then a fence while it drains) ends once. */
    private final AtomicBoolean left = new AtomicBoolean();
    /**
     * Set once the stream's own end (STOPPED, FAILED) reached the route: a leave that comes after it (a
     * hand-over just as Zoom stopped the stream) has nothing left to hand over, and its last exchange would
     * make a sink reopen what it finished. Touched by the stream's serial tasks only.
     */
    private boolean finished;
    /**
     * The audio collected for one exchange ({@code audioBatch}), null when every message is its own
     * exchange; event loop only.
     */
    private final AudioBatch audioBatch;
    /** How long an open batch waits for more audio before it is delivered as it is. */
    private final long audioBatchWaitMillis;

    StreamDispatch(RtmsChannel channel, ControlMessage started, Executor pool, int queueCapacity, EventLoopBudget eventLoop,
                   long audioBatchMillis) {
        this.audioBatch = audioBatchMillis > 0 ? new AudioBatch(audioBatchMillis) : null;
        this.audioBatchWaitMillis = 2 * audioBatchMillis;
        this.eventLoop = eventLoop;
        this.eventLoopRuns = eventLoop == null ? null : eventLoop.window(started.streamId());
        this.channel = channel;
        this.started = started;
        this.statistics = channel.component().statistics();
        this.log = new StreamLog(LOG, started.streamId(), started.product().id());
        this.region = ServerRegion.of(started.signalingUrl());
        this.executor = new SerialExecutor(pool, queueCapacity, this);
    }

    String streamId() {
        return started.streamId();
    }

    /** Puts the headers that name the stream on every exchange. */
    void identify(Map<String, Object> headers) {
        headers.put(RtmsConstants.PRODUCT, started.product().id());
        headers.put(RtmsConstants.ENTITY_KEY, started.entityKey());
        headers.put(RtmsConstants.ENTITY_ID, started.entityId());
        headers.put(RtmsConstants.STREAM_ID, started.streamId());
        if (region != null) {
            headers.put(RtmsConstants.SERVER_REGION, region);
        }
    }

    /**
     * The headers every media exchange of this kind carries until the parameters are renegotiated,
     * built once and copied per exchange: Camel's default headers map is a case-insensitive TreeMap, and
     * copying a sorted map is linear, where putting our names one by one compares them character by
     * character past their shared "CamelRtms" prefix — a tenth of the per-frame CPU (BENCHMARKS.md).
     * Never modified once built.
     */
    Map<String, Object> mediaHeaders(HeadersMapFactory maps, MediaKind kind, MediaParams negotiated) {
        HeaderTemplate t = headerTemplates.get(kind.ordinal());
        if (t == null || t.negotiated() != negotiated) {
            Map<String, Object> headers = maps.newMap();
            identify(headers);
            RtmsExchanges.constantMediaHeaders(headers, kind, negotiated);
            t = new HeaderTemplate(negotiated, headers);
            headerTemplates.set(kind.ordinal(), t);
        }
        return t.headers();
    }

    private record HeaderTemplate(MediaParams negotiated, Map<String, Object> headers) {
    }

    /** Called on the stream's event loop. */
    void media(StreamSession s, MediaData data) {
        RtmsMediaType type = typeOf(data.kind());
        int size = data.data() != null ? data.data().length : data.text() != null ? data.text().length() : 0;
        count(type, size);
        if (connectedAt == 0) {
            connectedAt = System.currentTimeMillis();
            statistics.join((System.nanoTime() - startedNanos) / 1_000_000);
        }
        if (data.unknownFields() != null) {
            reportUnknownFields(data);
        }
        if (audioBatch != null) {
            MediaParams negotiated = s.negotiated();
            if (AudioBatch.batchable(data, negotiated)) {
                batch(s, data, negotiated);
                return;
            }
            // video and deskshare come on their own sockets, in no set order with audio: they do not end a batch
            if (type != RtmsMediaType.VIDEO && type != RtmsMediaType.DESKSHARE) {
                deliverAudioBatch(s.mediaMustBeTaken());
            }
        }
        long seq = sequences.incrementAndGet(type.ordinal());
        hand(() -> deliver(c -> RtmsExchanges.media(c, this, data, seq, s.negotiated())), seq, 1, s.mediaMustBeTaken());
    }

    /** Adds batchable audio to the open batch, delivering what came before when it does not continue it. */
    private void batch(StreamSession s, MediaData data, MediaParams negotiated) {
        boolean mustBeTaken = s.mediaMustBeTaken();
        if (!audioBatch.continues(data, negotiated)) {
            deliverAudioBatch(mustBeTaken);
        }
        boolean opened = audioBatch.add(data, negotiated);
        if (audioBatch.full()) {
            deliverAudioBatch(mustBeTaken);
        } else if (opened) {
            // a batch one message fills (a batch no longer than the packets) needs no timer
            armAudioBatchTimer();
        }
    }

    /**
     * Delivers the open audio batch, if any, so that nothing of the stream overtakes it. {@code mustBeTaken}:
     * whatever the queue holds (see {@link StreamSession#mediaMustBeTaken}).
     */
    private void deliverAudioBatch(boolean mustBeTaken) {
        AudioBatch.Taken taken = audioBatch == null ? null : audioBatch.take();
        if (taken == null) {
            return;
        }
        long seq = sequences.incrementAndGet(RtmsMediaType.AUDIO.ordinal());
        hand(() -> deliver(c -> RtmsExchanges.audioBatch(c, this, taken, seq)), seq, taken.messages(), mustBeTaken);
    }

    /**
     * Audio stops arriving when a speaker stops talking or the stream goes quiet: a batch that is still
     * open twice its length after it opened is delivered as it is, by a timer on the stream's event loop.
     * Called there, when a batch opens.
     */
    private void armAudioBatchTimer() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return;
        }
        long batch = audioBatch.opened();
        context.owner().setTimer(audioBatchWaitMillis, id -> {
            if (audioBatch.opened() == batch) {
                // one batch at most, queued whatever the queue holds: it is audio already received, and the
                // sockets were paused if the queue is full, so nothing else follows it
                deliverAudioBatch(true);
            }
        });
    }

    /**
     * Hands a media exchange of {@code messages} messages to the route: on the event loop when allowed,
     * else queued; refused (and reported once per overflow) when the queue is full, unless it must be taken.
     */
    private void hand(Runnable task, long seq, int messages, boolean mustBeTaken) {
        if (mustBeTaken) {
            executor.submitAlways(task);
            return;
        }
        if (eventLoop != null && seq > FIRST_ON_WORKERS && eventLoop.allows() ? runOrSubmit(task) : executor.submit(task)) {
            overflowReported = false;
            return;
        }
        refused += messages;
        statistics.overflow(messages);
        if (!overflowReported) {
            overflowReported = true;
            long total = refused;
            log.error("RTMS stream {}: the route is not keeping up; the queue of {} is full and media is being refused ({} so far)",
                    streamId(), executor.size(), total);
            long evSeq = sequences.incrementAndGet(RtmsMediaType.EVENT.ordinal());
            executor.submitAlways(() -> deliver(c -> RtmsExchanges.overflow(c, this, total, evSeq)));
        }
    }

    /** Runs the task here on the event loop when the stream's queue is empty, timing it against the budget; false: refused. */
    private boolean runOrSubmit(Runnable task) {
        long start = System.nanoTime();
        SerialExecutor.Handed handed = executor.runOrSubmit(task);
        if (handed == SerialExecutor.Handed.RAN) {
            eventLoopRuns.ran(start, System.nanoTime());
        }
        return handed != SerialExecutor.Handed.REFUSED;
    }

    /**
     * Fields a later release added to data messages reach the route once per stream, kind and set of
     * field names, as an UNKNOWN_MESSAGE event with their values: not once per frame, fifty a second.
     */
    private void reportUnknownFields(MediaData data) {
        List<String> names = new ArrayList<>();
        data.unknownFields().fieldNames().forEachRemaining(names::add);
        if (!reportedUnknownFields.add(data.kind() + ":" + names)) {
            return;
        }
        statistics.unknownField();
        deliverAudioBatch(true);
        log.info("RTMS stream {}: {} messages carry fields this version does not know: {}; they reach the route as {}",
                streamId(), data.kind(), names, RtmsExchanges.UNKNOWN_MESSAGE);
        count(RtmsMediaType.EVENT, 0);
        long seq = sequences.incrementAndGet(RtmsMediaType.EVENT.ordinal());
        executor.submitAlways(() -> deliver(c -> RtmsExchanges.unknownFields(c, this, data, seq)));
    }

    void event(RtmsMessage event) {
        count(RtmsMediaType.EVENT, 0);
        if (event instanceof RtmsMessage.Other o) {
            statistics.unknownMessage();
            if (!unknownReported) {
                unknownReported = true;
                log.info("RTMS stream {}: msg_type {} is not one this version acts on; it reaches the route as {} "
                        + "(further ones of this stream are not logged)", streamId(), o.msgType(), RtmsExchanges.UNKNOWN_MESSAGE);
            }
        } else if (event instanceof RtmsMessage.EventUpdate e && RtmsExchanges.UNKNOWN_EVENT.equals(RtmsExchanges.eventName(this, e))) {
            statistics.unknownEvent();
        }
        deliverAudioBatch(true);
        long seq = sequences.incrementAndGet(RtmsMediaType.EVENT.ordinal());
        // Events are few and some drive the recording (speaker changes): never refused.
        executor.submitAlways(() -> deliver(c -> RtmsExchanges.event(c, this, event, seq)));
    }

    /** The outages before this node ran the stream, the last one (a takeover) open until it connects here. */
    void inherit(List<Outage> outages) {
        inherited = List.copyOf(outages);
    }

    List<Outage> inherited() {
        return inherited;
    }

    /** The event with the inherited outages before its own; a takeover still open ends when the stream connects. */
    private LifecycleEvent withInherited(LifecycleEvent event) {
        List<Outage> before = inherited;
        if (before.isEmpty()) {
            return event;
        }
        Outage last = before.get(before.size() - 1);
        if (last.to() == 0 && event.kind() == Lifecycle.CONNECTED) {
            List<Outage> closed = new ArrayList<>(before);
            closed.set(closed.size() - 1, new Outage(last.from(), event.time(), last.cause(), last.detail(), last.fromNode(), last.toNode()));
            before = List.copyOf(closed);
            inherited = before;
        }
        List<Outage> all = new ArrayList<>(before);
        all.addAll(event.outages());
        return new LifecycleEvent(event.kind(), event.time(), event.stopReason(), event.detail(), event.serverUrl(),
                event.reconnects(), event.outageMillis(), all, event.resumed());
    }

    void lifecycle(LifecycleEvent received) {
        LifecycleEvent event = withInherited(received);
        track(event);
        if (event.kind() == Lifecycle.RECONNECTED && !event.outages().isEmpty()) {
            statistics.reconnect(event.outages().get(event.outages().size() - 1).cause().name());
        }
        deliverAudioBatch(true);
        long seq = sequences.incrementAndGet(RtmsMediaType.LIFECYCLE.ordinal());
        executor.submitAlways(() -> {
            // a fenced node neither finishes the stream nor reports its end: the stream is the next owner's
            if (deliver(c -> RtmsExchanges.lifecycle(c, this, event, seq)) && event.kind().isTerminal()) {
                finished = true;
                channel.ended(this, false);
            }
        });
    }

    /**
     * Fences the stream off this node, at once: what is queued for it and whatever its sockets still bring
     * is discarded instead of delivered, up to the last exchange {@link #suspend} queues.
     */
    void fence() {
        fenced = true;
    }

    /**
     * Hands the exchange to the route unless the stream was fenced off this node, or is about to be (the
     * lease is gone and the fence follows); false when it did not.
     */
    private boolean deliver(Function<RtmsConsumer, Exchange> build) {
        if (fenced || !channel.component().placement().leased()) {
            discarded++;
            return false;
        }
        channel.deliver(build);
        return true;
    }

    /**
     * The last exchange of a stream left open for a restarted bundle (shutdown with LEAVE) or for another
     * node (a cluster's hand-over or fencing): it carries {@value RtmsConstants#LEFT}=true, so sinks let go
     * of the stream's files without finishing them, and after {@link #fence} also
     * {@value RtmsConstants#FENCED}=true, so they let go without writing them at all.
     */
    void suspend(LifecycleEvent received) {
        if (!left.compareAndSet(false, true)) {
            return;
        }
        LifecycleEvent event = withInherited(received);
        track(event);
        deliverAudioBatch(true); // after a fence, discarded like everything else still queued
        long seq = sequences.incrementAndGet(RtmsMediaType.LIFECYCLE.ordinal());
        executor.submitAlways(() -> {
            if (finished) {
                return;
            }
            boolean wasFenced = fenced;
            if (wasFenced && discarded > 0) {
                log.warn("RTMS stream {}: lost to a fence; discarded {} exchange(s) this node had not handed to the route, "
                        + "as the stream's next owner may already have written past them", streamId(), discarded);
            }
            channel.deliver(c -> {
                Exchange ex = RtmsExchanges.lifecycle(c, this, event, seq);
                ex.getIn().setHeader(RtmsConstants.LEFT, true);
                if (wasFenced) {
                    ex.getIn().setHeader(RtmsConstants.FENCED, true);
                }
                return ex;
            });
            channel.ended(this, true);
        });
    }

    /** The only exchange of a stream refused at start (limit reached): never registered, so nothing to forget. */
    void refuse(LifecycleEvent failed) {
        track(failed);
        statistics.refuseStart();
        long seq = sequences.incrementAndGet(RtmsMediaType.LIFECYCLE.ordinal());
        executor.submitAlways(() -> channel.deliver(c -> RtmsExchanges.lifecycle(c, this, failed, seq)));
    }

    int queued() {
        return executor.size();
    }

    private void count(RtmsMediaType type, int size) {
        statistics.receive(type, size);
        frames.incrementAndGet(type.ordinal());
        bytes.addAndGet(type.ordinal(), size);
    }

    private void track(LifecycleEvent event) {
        count(RtmsMediaType.LIFECYCLE, 0);
        lastLifecycle = event;
        if (event.kind().isTerminal()) {
            endedAt = event.time();
        }
    }

    /** A snapshot for status APIs. */
    StreamStatus status(String channelName) {
        StreamSession s = session;
        LifecycleEvent l = lastLifecycle;
        Map<String, Long> f = new LinkedHashMap<>();
        Map<String, Long> b = new LinkedHashMap<>();
        for (RtmsMediaType t : RtmsMediaType.values()) {
            f.put(t.name(), frames.get(t.ordinal()));
            b.put(t.name(), bytes.get(t.ordinal()));
        }
        MediaParams negotiated = s != null ? s.negotiated() : null;
        Integer reason = l != null ? l.stopReason() : null;
        return new StreamStatus(channelName, streamId(), started.product().id(), started.entityKey(), started.entityId(), region,
                s != null ? s.phase().name() : (endedAt != 0 ? "FAILED" : "IDLE"),
                l != null ? l.kind().name() : null, reason, reason != null ? StopReason.nameOf(reason) : null,
                startedAt, connectedAt, endedAt, s != null ? s.reconnects() : 0,
                l != null ? l.outages() : List.of(), negotiated != null ? negotiated.toJson().toString() : null,
                f, b, executor.size(), channel.component().placement().node());
    }

    @Override
    public void pause() {
        StreamSession s = session;
        if (s != null) {
            if (!pauseReported) {
                pauseReported = true;
                log.warn("RTMS stream {}: the route is falling behind ({} queued); pausing its sockets until it catches up "
                        + "(further pauses of this stream are logged at DEBUG)", streamId(), executor.size());
            } else {
                log.debug("RTMS stream {}: route falling behind ({} queued); pausing its sockets", streamId(), executor.size());
            }
            s.pauseMedia();
        }
    }

    @Override
    public void resume() {
        StreamSession s = session;
        if (s != null) {
            log.debug("RTMS stream {}: route caught up; resuming its sockets", streamId());
            s.resumeMedia();
        }
    }

    static RtmsMediaType typeOf(MediaKind kind) {
        return switch (kind) {
            case AUDIO -> RtmsMediaType.AUDIO;
            case VIDEO -> RtmsMediaType.VIDEO;
            case DESKSHARE -> RtmsMediaType.DESKSHARE;
            case TRANSCRIPT -> RtmsMediaType.TRANSCRIPT;
            case CHAT -> RtmsMediaType.CHAT;
        };
    }
}
