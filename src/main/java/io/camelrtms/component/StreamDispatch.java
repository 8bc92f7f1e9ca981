package io.camelrtms.component;

import io.camelrtms.client.LifecycleEvent;
import io.camelrtms.client.SerialExecutor;
import io.camelrtms.client.StreamSession;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.ServerRegion;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of one stream from its event loop to the route: numbers each message per media
 * type, queues it on the stream's serial executor and builds the exchange on a worker thread.
 */
final class StreamDispatch implements SerialExecutor.Pressure {

    private static final Logger LOG = LoggerFactory.getLogger(StreamDispatch.class);

    private final RtmsChannel channel;
    private final SerialExecutor executor;
    private final AtomicLongArray sequences = new AtomicLongArray(RtmsMediaType.values().length);
    final ControlMessage started;
    final String region;
    volatile StreamSession session;
    private long refused;
    private boolean overflowReported;

    StreamDispatch(RtmsChannel channel, ControlMessage started, Executor pool, int queueCapacity) {
        this.channel = channel;
        this.started = started;
        this.region = ServerRegion.of(started.signalingUrl());
        this.executor = new SerialExecutor(pool, queueCapacity, this);
    }

    String streamId() {
        return started.streamId();
    }

    /** Sets the headers that name the stream on every exchange. */
    void identify(Message in) {
        in.setHeader(RtmsConstants.PRODUCT, started.product().id());
        in.setHeader(RtmsConstants.ENTITY_KEY, started.entityKey());
        in.setHeader(RtmsConstants.ENTITY_ID, started.entityId());
        in.setHeader(RtmsConstants.STREAM_ID, started.streamId());
        if (region != null) {
            in.setHeader(RtmsConstants.SERVER_REGION, region);
        }
    }

    /** Called on the stream's event loop. */
    void media(StreamSession s, MediaData data) {
        RtmsMediaType type = typeOf(data.kind());
        long seq = sequences.incrementAndGet(type.ordinal());
        if (executor.submit(() -> channel.deliver(c -> RtmsExchanges.media(c, this, data, seq, s.negotiated())))) {
            overflowReported = false;
            return;
        }
        refused++;
        channel.component().countOverflow();
        if (!overflowReported) {
            overflowReported = true;
            long total = refused;
            LOG.error("RTMS stream {}: the route is not keeping up; the queue of {} is full and media is being refused ({} so far)",
                    streamId(), executor.size(), total);
            long evSeq = sequences.incrementAndGet(RtmsMediaType.EVENT.ordinal());
            executor.submitAlways(() -> channel.deliver(c -> RtmsExchanges.overflow(c, this, total, evSeq)));
        }
    }

    void event(RtmsMessage event) {
        long seq = sequences.incrementAndGet(RtmsMediaType.EVENT.ordinal());
        // Events are few and some drive the recording (speaker changes): never refused.
        executor.submitAlways(() -> channel.deliver(c -> RtmsExchanges.event(c, this, event, seq)));
    }

    void lifecycle(LifecycleEvent event) {
        long seq = sequences.incrementAndGet(RtmsMediaType.LIFECYCLE.ordinal());
        executor.submitAlways(() -> {
            channel.deliver(c -> RtmsExchanges.lifecycle(c, this, event, seq));
            if (event.kind().isTerminal()) {
                channel.ended(this);
            }
        });
    }

    int queued() {
        return executor.size();
    }

    @Override
    public void pause() {
        StreamSession s = session;
        if (s != null) {
            LOG.warn("RTMS stream {}: route falling behind ({} queued); pausing its sockets", streamId(), executor.size());
            s.pauseMedia();
        }
    }

    @Override
    public void resume() {
        StreamSession s = session;
        if (s != null) {
            LOG.info("RTMS stream {}: route caught up; resuming its sockets", streamId());
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
