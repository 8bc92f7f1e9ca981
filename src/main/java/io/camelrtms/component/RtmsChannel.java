package io.camelrtms.component;

import io.camelrtms.client.Lifecycle;
import io.camelrtms.client.LifecycleEvent;
import io.camelrtms.client.Outage;
import io.camelrtms.client.RtmsClient;
import io.camelrtms.client.StreamListener;
import io.camelrtms.client.StreamSession;
import io.camelrtms.client.StreamTarget;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.RtmsMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical {@code rtms:<name>} channel: the streams opened by its producers and the consumer
 * that receives them. Listens to every stream's session and hands each message to the stream's
 * {@link StreamDispatch}.
 */
final class RtmsChannel implements StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(RtmsChannel.class);

    private final String name;
    private final RtmsComponent component;
    private final ConcurrentHashMap<String, StreamDispatch> streams = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private volatile RtmsConsumer consumer;

    RtmsChannel(String name, RtmsComponent component) {
        this.name = name;
        this.component = component;
    }

    RtmsComponent component() {
        return component;
    }

    void attach(RtmsConsumer c) {
        lock.lock();
        try {
            if (consumer != null && consumer != c) {
                throw new IllegalStateException("rtms:" + name + " already has a consumer; a channel has exactly one");
            }
            consumer = c;
        } finally {
            lock.unlock();
        }
        resume(c);
    }

    /** Rejoins the streams a previous run of this channel left, while Zoom still waits for them. */
    private void resume(RtmsConsumer c) {
        StreamRegistry registry = component.registry();
        if (registry == null) {
            return;
        }
        long age = System.currentTimeMillis() - component.registrySavedAt();
        for (StreamRegistry.Entry e : registry.entries()) {
            if (!e.channel().equals(name) || streams.containsKey(e.streamId())) {
                continue;
            }
            if (age > c.settings().signalingReconnectWindowMillis()) {
                LOG.info("rtms:{} not rejoining stream {}: left {} ms ago, past Zoom's reconnect window", name, e.streamId(), age);
                registry.remove(e.streamId());
                continue;
            }
            LOG.info("rtms:{} rejoining stream {} left by a previous run", name, e.streamId());
            start(e.toControlMessage(), true);
        }
    }

    /**
     * Ends (CLOSE) or leaves (LEAVE) every stream, waits until everything they queued reached the
     * route, then detaches the consumer.
     */
    void detach(RtmsConsumer c, RtmsConfiguration.ShutdownAction action, long timeoutMillis) throws InterruptedException {
        if (consumer != c) {
            return;
        }
        if (component.placement().handsOverOnStop()) {
            action = RtmsConfiguration.ShutdownAction.LEAVE; // another node rejoins them
        }
        List<StreamDispatch> open = List.copyOf(streams.values());
        if (!open.isEmpty()) {
            LOG.info("rtms:{} stopping: {} {} stream(s)", name, action == RtmsConfiguration.ShutdownAction.CLOSE ? "closing" : "leaving", open.size());
        }
        for (StreamDispatch d : open) {
            StreamSession s = d.session;
            if (action == RtmsConfiguration.ShutdownAction.CLOSE && s != null) {
                s.close();
            } else {
                leave(d, LeaveReason.GRACEFUL, "bundle stopping; stream left open for a restarted bundle to rejoin");
            }
        }
        lock.lock();
        try {
            awaitGone(streams.keySet(), timeoutMillis);
            if (!streams.isEmpty()) {
                LOG.warn("rtms:{} stopped with {} stream(s) still draining", name, streams.size());
            }
            consumer = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Not an end: the stream stays registered and a restarted bundle or another node rejoins it. Its last
     * exchange follows every packet received before its sockets closed, never one before; when
     * {@link LeaveReason#FENCED} those packets are discarded from this moment on, not delivered.
     */
    private void leave(StreamDispatch d, LeaveReason reason, String why) {
        if (reason == LeaveReason.FENCED) {
            d.fence(); // before the sockets close: what they still bring must not reach the route either
        }
        StreamSession s = d.session;
        Runnable suspend = () -> d.suspend(new LifecycleEvent(Lifecycle.INTERRUPTED, System.currentTimeMillis(), null, why,
                s != null ? s.target().signalingUrl() : d.started.signalingUrl(), s != null ? s.reconnects() : 0, 0,
                s != null ? s.outages() : List.of(), false));
        if (s != null) {
            s.abandon(suspend);
        } else {
            suspend.run();
        }
    }

    /**
     * Leaves the named streams running here (a cluster hands them over or was fenced off them) and waits
     * until their last exchange reached the route, at most {@code timeoutMillis}. Returns the ids left.
     */
    List<String> leave(Collection<String> streamIds, LeaveReason reason, String why, long timeoutMillis) throws InterruptedException {
        List<String> left = new ArrayList<>();
        for (String id : streamIds) {
            StreamDispatch d = streams.get(id);
            if (d != null) {
                left.add(id);
                leave(d, reason, why);
            }
        }
        if (left.isEmpty()) {
            return left;
        }
        lock.lock();
        try {
            awaitGone(left, timeoutMillis);
        } finally {
            lock.unlock();
        }
        return left;
    }

    /** Waits, holding the lock, until none of {@code ids} is open, at most {@code timeoutMillis}. */
    private void awaitGone(Collection<String> ids, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (ids.stream().anyMatch(streams::containsKey) && nanos > 0) {
            nanos = drained.awaitNanos(nanos);
        }
    }

    /** Acts on a control message from a producer, or hands it to the node that runs the stream. */
    void control(ControlMessage msg) {
        if (msg.kind().isStreamEvent() && component.placement().forward(name, msg)) {
            return;
        }
        act(msg);
    }

    /** Acts on a control message here. */
    void act(ControlMessage msg) {
        switch (msg.kind()) {
            case STARTED -> start(msg, false);
            case STOPPED -> {
                StreamSession s = session(msg.streamId());
                if (s != null) {
                    s.stoppedByZoom(msg.stopReason());
                } else {
                    LOG.debug("rtms:{} stop for stream {} which is not active here", name, msg.streamId());
                }
            }
            case INTERRUPTED -> {
                StreamSession s = session(msg.streamId());
                if (s != null) {
                    s.interrupted(msg.eventTs());
                } else {
                    LOG.warn("rtms:{} interrupted webhook for stream {} which is not active here; nothing to reconnect", name, msg.streamId());
                }
            }
            default -> {
                RtmsConsumer c = requireConsumer();
                LOG.info("rtms:{} {} ({})", name, msg.event(), msg.attributes());
                c.deliver(RtmsExchanges.account(c, msg));
            }
        }
    }

    private void start(ControlMessage msg, boolean resumed) {
        start(msg, resumed, List.of());
    }

    /**
     * Opens a stream here, or rejoins it ({@code resumed}: after a restart or a takeover, its recording
     * continues) with the outages it had before this node ran it.
     */
    void start(ControlMessage msg, boolean resumed, List<Outage> inherited) {
        RtmsConsumer c = requireConsumer();
        RtmsClient client = component.client(c.getEndpoint().connectionOptions());
        String url = msg.signalingUrl();
        if (url == null) {
            throw new IllegalArgumentException("start webhook for stream " + msg.streamId() + " has no ws:// or wss:// server URL");
        }
        StreamSession existing = client.session(msg.streamId());
        if (existing != null) {
            if (msg.eventTs() > existing.startedEventTs()) {
                existing.failover(url, msg.eventTs());
                if (component.registry() != null) {
                    component.registry().put(StreamRegistry.Entry.of(name, msg, url));
                }
            } else {
                LOG.info("rtms:{} ignored a repeated start webhook for active stream {}", name, msg.streamId());
            }
            return;
        }
        RtmsConfiguration conf = c.getEndpoint().getConfiguration();
        StreamDispatch dispatch = new StreamDispatch(this, msg, component.workers(), conf.getQueueCapacity(), c.eventLoopBudget(),
                conf.getAudioBatch());
        int limit = component.getMaxConcurrentStreams();
        if (limit > 0 && component.activeStreams() >= limit) {
            LOG.warn("rtms:{} refused stream {}: {} concurrent streams is the configured maximum", name, msg.streamId(), limit);
            dispatch.refuse(new LifecycleEvent(Lifecycle.FAILED, System.currentTimeMillis(), null,
                    "refused: the maximum of " + limit + " concurrent streams is reached", url, 0, 0, List.of(), false));
            return;
        }
        if (!component.placement().mayRun(msg.streamId())) {
            LOG.warn("rtms:{} not starting stream {}: this node may not run it now (its cluster lease is gone)", name, msg.streamId());
            return;
        }
        dispatch.inherit(inherited);
        if (streams.putIfAbsent(msg.streamId(), dispatch) != null) {
            LOG.info("rtms:{} stream {} is still finishing; start webhook ignored", name, msg.streamId());
            return;
        }
        StreamSession session = client.open(new StreamTarget(msg.product(), msg.entityId(), msg.streamId(), url),
                c.settings(), this, msg.eventTs(), resumed);
        if (session == null) {
            streams.remove(msg.streamId(), dispatch);
            LOG.info("rtms:{} stream {} is already active on another channel", name, msg.streamId());
            return;
        }
        dispatch.session = session;
        if (component.registry() != null) {
            component.registry().put(StreamRegistry.Entry.of(name, msg, url));
        }
        component.placement().running(name, msg, inherited);
    }

    /** Deliberately closes one stream (msg 21); false when it is not active here. */
    boolean close(String streamId) {
        StreamSession s = session(streamId);
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }

    /**
     * Adds or drops one participant's individual video of a stream: {@code SUBSCRIBING} /
     * {@code UNSUBSCRIBING}, {@code UNKNOWN_STREAM}, or {@code NO_INDIVIDUAL_VIDEO} when the stream does
     * not receive individual video.
     */
    String subscribeVideo(String streamId, String userId, boolean subscribe) {
        StreamSession s = session(streamId);
        if (s == null) {
            return "UNKNOWN_STREAM";
        }
        if (!s.subscribeVideo(userId, subscribe)) {
            return "NO_INDIVIDUAL_VIDEO";
        }
        return subscribe ? "SUBSCRIBING" : "UNSUBSCRIBING";
    }

    private StreamSession session(String streamId) {
        StreamDispatch d = streams.get(streamId);
        return d != null ? d.session : null;
    }

    private RtmsConsumer requireConsumer() {
        RtmsConsumer c = consumer;
        if (c == null) {
            throw new IllegalStateException("No consumer on rtms:" + name + " to receive the stream; add a route from: rtms:" + name);
        }
        return c;
    }

    /** Runs on a worker thread: builds the exchange for the current consumer and processes it. */
    void deliver(Function<RtmsConsumer, Exchange> build) {
        RtmsConsumer c = consumer;
        if (c == null) {
            LOG.error("rtms:{} has no consumer any more; a message was not delivered", name);
            return;
        }
        c.deliver(build.apply(c));
    }

    /**
     * The last exchange of a stream reached the route: forget it, and unless it was only suspended
     * for a restart, drop it from the durable registry too.
     */
    void ended(StreamDispatch d, boolean suspended) {
        if (!suspended && component.registry() != null) {
            component.registry().remove(d.streamId());
        }
        if (!suspended && d.session != null) {
            component.placement().ended(name, d.streamId());
        }
        component.remember(d.status(name));
        lock.lock();
        try {
            streams.remove(d.streamId(), d);
            // every removal: a hand-over waits for some of the streams while others stay (awaitGone re-checks)
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int activeStreams() {
        return streams.size();
    }

    String name() {
        return name;
    }

    boolean hasConsumer() {
        return consumer != null;
    }

    /** The ids of the streams open on this channel. */
    Set<String> streamIds() {
        return Set.copyOf(streams.keySet());
    }

    List<StreamStatus> statuses() {
        return streams.values().stream().map(d -> d.status(name)).toList();
    }

    StreamStatus status(String streamId) {
        StreamDispatch d = streams.get(streamId);
        return d != null ? d.status(name) : null;
    }

    int queued() {
        return streams.values().stream().mapToInt(StreamDispatch::queued).sum();
    }

    // ---------------------------------------------------------------- StreamListener (event loops)

    @Override
    public void onMedia(StreamSession session, MediaData media) {
        StreamDispatch d = streams.get(session.streamId());
        if (d != null) {
            d.media(session, media);
        }
    }

    @Override
    public void onEvent(StreamSession session, RtmsMessage event) {
        StreamDispatch d = streams.get(session.streamId());
        if (d != null) {
            d.event(event);
        }
    }

    @Override
    public boolean mayConnect(StreamSession session) {
        return component.placement().mayRun(session.streamId());
    }

    @Override
    public void onLifecycle(StreamSession session, LifecycleEvent event) {
        StreamDispatch d = streams.get(session.streamId());
        if (d != null) {
            d.lifecycle(event);
        }
    }
}
