package io.camelrtms.client;

import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MalformedMessageException;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.RtmsMessages;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.StatusCode;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMS stream: the state machine ({@link SessionPhase}) that drives its signaling socket and its
 * media sockets through handshakes, interruptions, reconnects and the end (docs/protocol.md). The
 * sockets themselves are {@link SignalingConnection} and {@link MediaSockets}; whether and when to
 * try again is {@link ReconnectPolicy}'s; silence is watched by {@link InactivityWatch}; what the
 * listener hears about the connection is {@link LifecycleReporter}'s; individual-video subscriptions
 * are kept by {@link VideoSubscriber}; the requests it sends to set up are {@link HandshakeRequests}.
 *
 * <p>All state lives on one Vert.x event-loop context and is only touched there, so nothing here
 * needs a lock. Public methods may be called from any thread; they hop onto the context. Every
 * callback of a socket carries the epoch it was opened in, so a late callback of a replaced socket
 * cannot disturb its successor — that is what guarantees one signaling connection per stream.
 */
public final class StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    /** How long a closed media socket waits for the signaling socket to say the stream ended. */
    private static final long MEDIA_CLOSE_GRACE_MILLIS = 250;

    private final RtmsClient client;
    private final Vertx vertx;
    private final Context context;
    private final StreamSettings settings;
    private final StreamListener listener;
    private final HandshakeRequests requests;
    private final StreamLog log;

    private volatile StreamTarget target;
    private volatile SessionPhase phase = SessionPhase.IDLE;
    private volatile long startedEventTs;

    private final SignalingConnection signaling;
    private long retryTimer = -1;
    private Map<String, String> mediaUrls = Map.of();
    private final MediaSockets media;
    private final ReconnectPolicy reconnectPolicy;
    private final LifecycleReporter lifecycle;
    private final InactivityWatch inactivity;
    /** The individual videos subscribed to; {@code null} unless video is asked for with data option 4. */
    private final VideoSubscriber videoSubscriber;

    StreamSession(RtmsClient client, Context context, StreamTarget target, StreamSettings settings,
                  StreamListener listener, long startedEventTs, boolean resumed) {
        this.client = client;
        this.vertx = context.owner();
        this.context = context;
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.startedEventTs = startedEventTs;
        this.log = new StreamLog(LOG, target.streamId(), target.product().id());
        this.lifecycle = new LifecycleReporter(this, listener, log, resumed);
        this.media = new MediaSockets(vertx);
        this.reconnectPolicy = new ReconnectPolicy(settings);
        this.inactivity = new InactivityWatch(vertx, settings.inactivityTimeoutMillis());
        this.signaling = new SignalingConnection(client, vertx, log, signalingEvents);
        this.requests = new HandshakeRequests(settings, target);
        this.videoSubscriber = VideoSubscriber.forStream(settings, log,
                () -> phase == SessionPhase.STREAMING && signaling.isOpen(), signaling::send);
    }

    // ---------------------------------------------------------------- public API (any thread)

    public String streamId() {
        return target.streamId();
    }

    public StreamTarget target() {
        return target;
    }

    public SessionPhase phase() {
        return phase;
    }

    /**
     * Whether the media being handed over must be taken whatever the listener's queue holds, because
     * pausing could not hold it back: the stream is draining or waiting to reconnect its signaling,
     * the frame comes from a socket that has closed (what it still buffers is bounded by what Zoom
     * had sent), or media is held back and the frame came on a socket that was not paused — one
     * opened or idle since — which is paused right after it. Only meaningful on the event loop,
     * during {@link StreamListener#onMedia}.
     */
    public boolean mediaMustBeTaken() {
        return !socketsMayBePaused() || media.handingOverUnpausable();
    }

    /** Not while the stream drains or waits to reconnect: its sockets must be read to the end then. */
    private boolean socketsMayBePaused() {
        return phase != SessionPhase.DRAINING && phase != SessionPhase.RECONNECT_WAIT;
    }

    /** The media params the server confirmed, merged over every media connection; null before the first. */
    public MediaParams negotiated() {
        return media.negotiated();
    }

    public int reconnects() {
        return lifecycle.reconnects();
    }

    /** The outages so far (the current one, if any, is not listed until it ends). */
    public List<Outage> outages() {
        return lifecycle.outages();
    }

    /** The event_ts of the start webhook this session follows: a newer one means failover. */
    public long startedEventTs() {
        return startedEventTs;
    }

    /** Starts connecting. Called once by {@link RtmsClient}. */
    void start() {
        context.runOnContext(v -> {
            lifecycle.started();
            if (!requests.canSign()) {
                fail("no client id or client secret configured: cannot sign the handshake");
                return;
            }
            connectSignaling();
        });
    }

    /**
     * A new start webhook for this stream: Zoom failed over to another server (docs/protocol.md#reconnection). Old sockets
     * are closed and the whole handshake is repeated against the new URL.
     */
    public void failover(String newSignalingUrl, long eventTs) {
        context.runOnContext(v -> {
            if (phase.isTerminal() || phase == SessionPhase.CLOSING || phase == SessionPhase.DRAINING) {
                return;
            }
            startedEventTs = eventTs;
            target = target.withSignalingUrl(newSignalingUrl);
            log.info("RTMS stream {} failed over to a new server; reconnecting fully", streamId());
            interruptAndReconnectNow(OutageCause.FAILOVER, "server failover (new start webhook)");
        });
    }

    /**
     * The interrupted webhook: Zoom cut signaling and media; reconnect fully to the known URL (docs/protocol.md#reconnection).
     * The client may have noticed the cut itself and be reconnecting, or be streaming again already;
     * then the webhook changes nothing, so one outage never costs two reconnects.
     *
     * @param eventTs the webhook's {@code event_ts}
     */
    public void interrupted(long eventTs) {
        context.runOnContext(v -> {
            switch (phase) {
                case RECONNECT_WAIT -> {
                    cancelTimers();
                    connectSignaling();
                }
                case STREAMING -> {
                    if (lifecycle.lastConnectedAt() > eventTs) {
                        log.info("RTMS stream {}: interrupted webhook predates the last reconnect; ignored", streamId());
                    } else {
                        interruptAndReconnectNow(OutageCause.INTERRUPTED_WEBHOOK, "interrupted webhook");
                    }
                }
                default -> log.debug("RTMS stream {}: interrupted webhook while {}; already on it", streamId(), phase);
            }
        });
    }

    /** Zoom stopped the stream (stop webhook): close every socket and report STOPPED. */
    public void stoppedByZoom(Integer stopReason) {
        context.runOnContext(v -> end(stopReason, "stop webhook"));
    }

    /**
     * Ends the stream deliberately: asks the server with msg 21 when signaling is up, waits for its
     * answer or close (bounded by the close timeout), then reports STOPPED with reason 20.
     */
    public void close() {
        context.runOnContext(v -> {
            if (phase.isTerminal() || phase == SessionPhase.CLOSING || phase == SessionPhase.DRAINING) {
                return;
            }
            if (!signalingUp()) {
                finish(Lifecycle.STOPPED, StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client");
                return;
            }
            moveTo(SessionPhase.CLOSING);
            cancelTimers();
            signaling.send(RtmsMessages.streamClose(streamId()));
            signaling.startTimer(settings.closeTimeoutMillis(),
                    () -> end(StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client (no answer to msg 21)"));
        });
    }

    /**
     * Closes every socket without telling Zoom, so the stream stays resumable by a restarted client
     * inside Zoom's reconnect window. Reports nothing; the caller decides what to say, in
     * {@code afterwards}, which runs on the stream's event loop once no further media can be handed
     * on. Until then the media sockets are drained like an ending stream's: Zoom keeps what it sends
     * after it has seen the close for the next connection, but what it sent before arrives here and
     * must be handed on too, or the rejoined recording has a hole.
     */
    public void abandon(Runnable afterwards) {
        context.runOnContext(v -> {
            if (phase.isTerminal()) {
                afterwards.run();
                return;
            }
            drain(() -> {
                closeAllSockets();
                moveTo(SessionPhase.STOPPED);
                client.remove(this);
                afterwards.run();
            });
            media.closeButKeepReading();
        });
    }

    /**
     * Stops reading the media sockets that are carrying bulk data — audio, video, screen share — (TCP
     * back-pressure towards Zoom) until {@link #resumeMedia()}. Sockets that have been idle, and the
     * few bytes of transcript and chat, are left reading: Zoom sends keep-alives only to idle sockets
     * and gives up on one that leaves three unanswered. Called on the stream's
     * own event loop (the usual case: a message just filled the route's queue) it takes effect
     * before the next frame is handed over, so a queue's headroom is never overrun.
     */
    public void pauseMedia() {
        onContext(() -> media.holdBack(socketsMayBePaused()));
    }

    public void resumeMedia() {
        onContext(media::release);
    }

    /**
     * Subscribes to one participant's individual video, or drops it, on top of what the
     * {@link VideoSelection} picks; within the subscription limit, the route's own choices first.
     *
     * @return false when this stream does not receive individual video (video data option 4)
     */
    public boolean subscribeVideo(String userId, boolean subscribe) {
        if (videoSubscriber == null) {
            return false;
        }
        onContext(() -> videoSubscriber.choose(userId, subscribe));
        return true;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    // ---------------------------------------------------------------- signaling

    private void connectSignaling() {
        if (!listener.mayConnect(this)) {
            // e.g. a cluster node whose lease is gone: another node may own the stream now. Its owner
            // will leave it (abandon); until then it waits without a socket.
            log.warn("RTMS stream {}: not (re)connecting, this node may not run the stream now", streamId());
            closeAllSockets();
            scheduleFullReconnect(Math.max(1_000, settings.connectTimeoutMillis()));
            return;
        }
        closeAllSockets();
        moveTo(SessionPhase.CONNECTING_SIGNALING);
        signaling.connect(target.signalingUrl(), settings.connectTimeoutMillis());
    }

    /** Whether signaling is open and past its handshake. */
    private boolean signalingUp() {
        return signaling.isOpen() && phase != SessionPhase.CONNECTING_SIGNALING && phase != SessionPhase.SIGNALING_HANDSHAKE;
    }

    /** What the signaling connection reports; kept off the public API of the session. */
    private final SignalingConnection.Events signalingEvents = new SignalingConnection.Events() {
        @Override
        public boolean stillWanted() {
            return !phase.isTerminal();
        }

        @Override
        public void onConnectFailed(String url, Throwable cause) {
            signalingLost(OutageCause.SIGNALING_LOST, TlsFailures.connectFailure("signaling server", url, cause, client, log));
        }

        @Override
        public void onOpen() {
            moveTo(SessionPhase.SIGNALING_HANDSHAKE);
            inactivity.heard();
            signaling.send(requests.signaling(target));
            signaling.startTimer(settings.handshakeTimeoutMillis(), () -> {
                if (phase == SessionPhase.SIGNALING_HANDSHAKE) {
                    signalingRefused(-1, "no handshake response within " + settings.handshakeTimeoutMillis() + " ms");
                }
            });
        }

        @Override
        public void onInbound() {
            inactivity.heard();
        }

        @Override
        public void onMessage(RtmsMessage msg) {
            onSignalingMessage(msg);
        }

        @Override
        public void onClosed(Short code) {
            if (phase == SessionPhase.CLOSING) {
                end(StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client");
                return;
            }
            signalingLost(OutageCause.SIGNALING_LOST, "signaling socket closed by the server" + (code != null ? " (code " + code + ")" : ""));
        }
    };

    private void onSignalingMessage(RtmsMessage msg) {
        if (msg instanceof RtmsMessage.SignalingHandshakeResponse r) {
            onSignalingHandshake(r);
        } else if (msg instanceof RtmsMessage.EventUpdate e) {
            listener.onEvent(this, e);
            if (e.eventType() == EventType.MEDIA_CONNECTION_INTERRUPTED) {
                onMediaInterruptedEvent();
            }
            if (videoSubscriber != null) {
                videoSubscriber.onEvent(e);
            }
        } else if (msg instanceof RtmsMessage.VideoSubscriptionResponse r) {
            listener.onEvent(this, r);
            if (r.statusCode() != StatusCode.OK) {
                log.warn("RTMS stream {}: video subscription for user {} refused, status {}, reason '{}'",
                        streamId(), r.userId(), StatusCode.describe(r.statusCode()), r.reason());
            }
            if (videoSubscriber != null) {
                videoSubscriber.onAnswer(r);
            }
        } else if (msg instanceof RtmsMessage.StreamStateUpdate s) {
            listener.onEvent(this, s);
            onStreamState(s);
        } else if (msg instanceof RtmsMessage.SessionStateUpdate s) {
            listener.onEvent(this, s);
            if (s.state() == SessionState.STOPPED.code()) {
                end(s.stopReason() >= 0 ? s.stopReason() : null, "session state STOPPED");
            }
        } else if (msg instanceof RtmsMessage.StreamCloseResponse c) {
            log.debug("RTMS stream {}: close answered with status {}", streamId(), c.statusCode());
            end(StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client");
        } else if (msg instanceof MediaData m) {
            listener.onMedia(this, m);
        } else if (msg instanceof RtmsMessage.Other) {
            // A type this client does not act on (new in a later release, perhaps): the route sees it.
            listener.onEvent(this, msg);
        } else {
            log.debug("RTMS stream {}: ignored signaling message type {}", streamId(), msg.msgType());
        }
    }

    private void onSignalingHandshake(RtmsMessage.SignalingHandshakeResponse r) {
        if (phase != SessionPhase.SIGNALING_HANDSHAKE) {
            log.debug("RTMS stream {}: unexpected signaling handshake response in phase {}", streamId(), phase);
            return;
        }
        signaling.cancelTimer();
        if (r.statusCode() != StatusCode.OK) {
            signalingRefused(r.statusCode(), r.reason());
            return;
        }
        reconnectPolicy.signalingAccepted();
        mediaUrls = r.mediaUrls();
        signaling.send(requests.eventSubscription(target));
        inactivity.start(() -> phase == SessionPhase.STREAMING, () -> {
            log.warn("RTMS stream {}: no keep-alive and no data for {} ms; re-handshaking", streamId(), inactivity.timeoutMillis());
            signalingLost(OutageCause.INACTIVITY, "no keep-alive and no data for " + inactivity.timeoutMillis() + " ms");
        });
        openMedia();
    }

    private void signalingRefused(int status, String reason) {
        client.countHandshakeFailure(status);
        log.warn("RTMS stream {}: signaling handshake refused, status {}, reason '{}'",
                streamId(), status < 0 ? "none" : StatusCode.describe(status), reason);
        // The server closes after a refusal; closing first makes that close stale, not an outage.
        closeAllSockets();
        ReconnectPolicy.Decision next = reconnectPolicy.afterSignalingRefusal(status, reason);
        if (next.failure() != null) {
            fail(next.failure());
            return;
        }
        scheduleFullReconnect(next.delayMillis());
    }

    private void onStreamState(RtmsMessage.StreamStateUpdate s) {
        if (s.state() == StreamState.TERMINATED.code() || s.state() == StreamState.TERMINATING.code()) {
            end(s.reason() >= 0 ? s.reason() : null, "stream state " + StreamState.of(s.state()));
        } else if (s.state() == StreamState.INTERRUPTED.code() && s.reason() == StopReason.DATA_CONNECTION_INTERRUPTED.code()) {
            onMediaInterruptedEvent();
        }
    }

    /**
     * Signaling is gone: report the interruption once, close media, and reconnect fully with backoff
     * until the signaling window (~60 s) is spent.
     */
    private void signalingLost(OutageCause cause, String why) {
        if (phase.isTerminal() || phase == SessionPhase.RECONNECT_WAIT || phase == SessionPhase.DRAINING) {
            return;
        }
        signaling.close();
        media.keepStreamingOnesReadable();
        long now = System.currentTimeMillis();
        lifecycle.outageBegins(now, cause, why);
        ReconnectPolicy.Decision next = reconnectPolicy.afterSignalingLost(lifecycle.outageLasted(now), why);
        if (next.failure() != null) {
            fail(next.failure());
            return;
        }
        log.info("RTMS stream {}: {}; reconnecting", streamId(), why);
        scheduleFullReconnect(next.delayMillis());
    }

    private void interruptAndReconnectNow(OutageCause cause, String why) {
        cancelTimers();
        closeAllSockets();
        lifecycle.outageBegins(System.currentTimeMillis(), cause, why);
        if (cause == OutageCause.FAILOVER) {
            // The socket may have dropped first; the new start webhook says why it did.
            lifecycle.blame(cause, why);
        }
        reconnectPolicy.reconnectingNow();
        connectSignaling();
    }

    private void scheduleFullReconnect(long delayMillis) {
        moveTo(SessionPhase.RECONNECT_WAIT);
        cancelTimer(retryTimer);
        retryTimer = vertx.setTimer(delayMillis, t -> {
            retryTimer = -1;
            if (phase == SessionPhase.RECONNECT_WAIT) {
                connectSignaling();
            }
        });
    }

    // ---------------------------------------------------------------- media

    private void openMedia() {
        media.replaceWith(MediaPlan.plan(settings, mediaUrls,
                kind -> log.debug("RTMS stream {}: no media URL for {}; not opening it", streamId(), kind))
                .stream().map(this::newMediaConnection).toList());
        if (media.isEmpty()) {
            fail("the media server offered no URL for " + settings.mediaKinds() + " (offered: " + mediaUrls.keySet() + ")");
            return;
        }
        moveTo(SessionPhase.CONNECTING_MEDIA);
        media.all().forEach(mc -> mc.connect(settings.connectTimeoutMillis()));
    }

    private MediaConnection newMediaConnection(MediaPlan.Socket p) {
        return new MediaConnection(p.key(), p.url(), p.kinds(), p.mediaTypeMask(), settings.mediaParams().only(p.kinds()), client, vertx, log,
                new Backoff(settings.reconnectDelayMillis(), settings.reconnectMaxDelayMillis()), mediaEvents);
    }

    /** What the media connections report; kept off the public API of the session. */
    private final MediaConnection.Events mediaEvents = new MediaConnection.Events() {
        @Override
        public boolean stillWanted(MediaConnection mc) {
            return !phase.isTerminal() && media.isCurrent(mc);
        }

        @Override
        public void onConnectFailed(MediaConnection mc, Throwable cause) {
            mediaLost(mc, OutageCause.MEDIA_LOST, TlsFailures.connectFailure("media server", mc.url(), cause, client, log));
        }

        @Override
        public void onOpen(MediaConnection mc) {
            mc.sendHandshake(requests.media(target, mc), settings.handshakeTimeoutMillis(),
                    () -> mediaRefused(mc, -1, "no media handshake response within " + settings.handshakeTimeoutMillis() + " ms"));
        }

        @Override
        public void onMessage(MediaConnection mc, byte[] utf8, int offset, int length) {
            onMediaMessage(mc, utf8, offset, length);
        }

        @Override
        public void onClosed(MediaConnection mc, Short code) {
            if (phase != SessionPhase.DRAINING) {
                String why = "media socket " + mc.key + " closed by the server" + (code != null ? " (code " + code + ")" : "");
                // When Zoom ends a stream it sends msg 8 on signaling and closes every socket; the
                // media close can overtake msg 8. Wait briefly so an ending stream is not taken for an outage.
                mc.unlessReplaced(MEDIA_CLOSE_GRACE_MILLIS, () -> mediaLost(mc, OutageCause.MEDIA_LOST, why));
            }
        }
    };

    private void onMediaMessage(MediaConnection mc, byte[] utf8, int offset, int length) {
        if (phase.isTerminal()) {
            return;
        }
        long now = inactivity.heard();
        RtmsMessage msg;
        try {
            msg = client.parser().parse(utf8, offset, length);
        } catch (MalformedMessageException e) {
            client.countMalformed();
            log.warn("RTMS stream {}: skipped a malformed frame on media socket {}: {}", streamId(), mc.key, e.getMessage());
            return;
        }
        if (msg instanceof MediaData m) {
            mc.dataArrived(now);
            media.handOver(mc, socketsMayBePaused(), () -> listener.onMedia(this, m));
        } else if (msg instanceof RtmsMessage.KeepAliveRequest k) {
            mc.send(RtmsMessages.keepAliveResponse(k.timestamp()));
            client.countKeepAlive();
        } else if (msg instanceof RtmsMessage.MediaHandshakeResponse r) {
            onMediaHandshake(mc, r);
        } else if (msg instanceof RtmsMessage.StreamStateUpdate s) {
            // Zoom's mock announces state changes on media sockets too before closing them.
            listener.onEvent(this, s);
            onStreamState(s);
        } else if (msg instanceof RtmsMessage.EventUpdate || msg instanceof RtmsMessage.Other) {
            // Events, and types this client does not act on: the route sees them.
            listener.onEvent(this, msg);
        } else {
            log.debug("RTMS stream {}: ignored message type {} on media socket {}", streamId(), msg.msgType(), mc.key);
        }
    }

    private void onMediaHandshake(MediaConnection mc, RtmsMessage.MediaHandshakeResponse r) {
        if (!mc.takeHandshakeAnswer()) {
            return;
        }
        if (r.statusCode() != StatusCode.OK) {
            mediaRefused(mc, r.statusCode(), r.reason());
            return;
        }
        mc.ready();
        media.confirmed(MediaParams.negotiated(r.mediaParams(), mc.requested));
        if (signaling.isOpen()) {
            // CLIENT_READY_ACK goes on the signaling socket; on a media socket it yields no data (docs/protocol.md#client-ready).
            signaling.send(RtmsMessages.clientReady(streamId()));
        }
        if (media.allReady()) {
            onAllMediaReady();
        }
    }

    private void mediaRefused(MediaConnection mc, int status, String reason) {
        client.countHandshakeFailure(status);
        log.warn("RTMS stream {}: media handshake on {} refused, status {}, reason '{}'",
                streamId(), mc.key, status < 0 ? "none" : StatusCode.describe(status), reason);
        mc.abandon();
        String failure = reconnectPolicy.afterMediaRefusal(mc.key, status, reason, mc.countRefusal());
        if (failure != null) {
            fail(failure);
            return;
        }
        scheduleMediaReconnect(mc);
    }

    /**
     * A media socket is gone while signaling may live: reconnect only that socket (docs/protocol.md#reconnection), within the
     * media window (~30 s); without signaling, fall back to a full reconnect.
     */
    private void mediaLost(MediaConnection mc, OutageCause cause, String why) {
        if (phase.isTerminal() || phase == SessionPhase.CLOSING || phase == SessionPhase.RECONNECT_WAIT
                || phase == SessionPhase.DRAINING) {
            return;
        }
        mc.abandon();
        if (!signalingUp()) {
            signalingLost(OutageCause.SIGNALING_LOST, why);
            return;
        }
        long now = System.currentTimeMillis();
        long lostFor = mc.lostFor(now);
        lifecycle.outageBegins(now, cause, why);
        String failure = reconnectPolicy.afterMediaLost(mc.key, lostFor, why);
        if (failure != null) {
            fail(failure);
            return;
        }
        if (phase == SessionPhase.STREAMING) {
            moveTo(SessionPhase.CONNECTING_MEDIA);
        }
        log.info("RTMS stream {}: {}; reconnecting that media socket", streamId(), why);
        scheduleMediaReconnect(mc);
    }

    private void scheduleMediaReconnect(MediaConnection mc) {
        mc.retryLater(() -> mediaEvents.stillWanted(mc), settings.connectTimeoutMillis());
    }

    /**
     * Event 7 (or stream state 2 / reason 14): a media connection dropped. Which one is not named
     * reliably (docs/protocol.md#events), so every media socket that is no longer open is reconnected; one that is still
     * open will report its own close.
     */
    private void onMediaInterruptedEvent() {
        // A closed socket that back-pressure had paused was resumed by its close and hands over what it
        // still buffers on the next turn of the event loop: give it up only after that turn.
        context.runOnContext(v -> {
            for (MediaConnection mc : media.all()) {
                if (mc.isReady() && mc.isClosedButHeld()) {
                    mediaLost(mc, OutageCause.MEDIA_LOST, "media connection " + mc.key + " interrupted (event)");
                }
            }
        });
    }

    private void onAllMediaReady() {
        moveTo(SessionPhase.STREAMING);
        reconnectPolicy.streaming();
        lifecycle.streaming(media.keys());
        if (videoSubscriber != null) {
            videoSubscriber.connectionsRenewed();
        }
    }

    // ---------------------------------------------------------------- ending

    /**
     * Zoom ended the stream (or answered our close). The media sockets may still hold data — the
     * route may have paused them — so they are resumed and read until the server has closed them
     * and they have gone quiet, or until they have been silent for the close timeout; only then is
     * STOPPED reported, after everything they carried.
     */
    private void end(Integer stopReason, String detail) {
        if (phase.isTerminal() || phase == SessionPhase.DRAINING) {
            return;
        }
        // A media socket that has just closed may still hold frames: Vert.x hands over what it buffered
        // while the socket was paused on a later turn of the event loop, so closed sockets are drained too.
        if (!media.anyHasSocket()) {
            finish(Lifecycle.STOPPED, stopReason, detail);
            return;
        }
        drain(() -> finish(Lifecycle.STOPPED, stopReason, detail));
    }

    /**
     * Closes signaling and keeps reading the media sockets until they are closed and have gone quiet
     * (or silent for the close timeout), then runs {@code then} on the event loop.
     */
    private void drain(Runnable then) {
        media.stopDraining(); // abandoned while already draining: the new ending replaces the old
        moveTo(SessionPhase.DRAINING);
        cancelTimers();
        inactivity.stop();
        signaling.close();
        media.drain(inactivity, settings.closeTimeoutMillis(), then);
    }

    private void fail(String why) {
        log.error("RTMS stream {} failed: {}", streamId(), why);
        finish(Lifecycle.FAILED, null, why);
    }

    private void finish(Lifecycle kind, Integer stopReason, String detail) {
        if (phase.isTerminal()) {
            return;
        }
        cancelTimers();
        inactivity.stop();
        media.stopDraining();
        closeAllSockets();
        lifecycle.ending();
        moveTo(kind == Lifecycle.FAILED ? SessionPhase.FAILED : SessionPhase.STOPPED);
        if (kind == Lifecycle.STOPPED) {
            log.info("RTMS stream {} stopped: {}{}", streamId(), detail,
                    stopReason != null ? " (stop reason " + stopReason + " " + StopReason.nameOf(stopReason) + ")" : "");
        }
        lifecycle.report(kind, stopReason, detail, 0);
        client.remove(this);
    }

    // ---------------------------------------------------------------- helpers

    private void moveTo(SessionPhase next) {
        if (phase == next && next != SessionPhase.CONNECTING_SIGNALING) {
            return;
        }
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("RTMS stream " + streamId() + ": illegal transition " + phase + " -> " + next);
        }
        log.debug("RTMS stream {}: {} -> {}", streamId(), phase, next);
        phase = next;
    }

    private void closeAllSockets() {
        signaling.close();
        media.shutDown();
    }

    private void cancelTimers() {
        cancelTimer(retryTimer);
        retryTimer = -1;
        signaling.cancelTimer();
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }
}
