package io.camelrtms.client;

import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MalformedMessageException;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.RtmsMessages;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.Signatures;
import io.camelrtms.protocol.StatusCode;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMS stream: its signaling socket, its media sockets and the state machine that drives them
 * through handshakes, keep-alives, interruptions and reconnects (docs/protocol.md).
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
    /** How often a draining stream checks whether its media sockets are done. */
    private static final long DRAIN_CHECK_MILLIS = 50;
    /** A media socket that carried data this recently is busy: back-pressure pauses it. */
    private static final long BUSY_SOCKET_MILLIS = 1_000;

    private final RtmsClient client;
    private final Vertx vertx;
    private final Context context;
    private final StreamSettings settings;
    private final StreamListener listener;
    private final String signature;
    private final StreamLog log;

    private volatile StreamTarget target;
    private volatile SessionPhase phase = SessionPhase.IDLE;
    private volatile MediaParams negotiated;
    private volatile long startedEventTs;
    private volatile int reconnects;

    private WebSocket signaling;
    private int signalingEpoch;
    private long signalingTimer = -1;
    private long retryTimer = -1;
    private long inactivityTimer = -1;
    private long drainTimer = -1;
    private int sequence;
    private Map<String, String> mediaUrls = Map.of();
    private final Map<String, MediaConnection> media = new LinkedHashMap<>();
    private final Backoff backoff;
    private int signalingRefusals;
    private int duplicateRefusals;
    private boolean everConnected;
    private final OutageLog outages = new OutageLog();
    private final boolean resumed;
    private long lastInboundAt;
    /** Between {@link #pauseMedia()} and {@link #resumeMedia()}: the listener wants bulk media held back. */
    private boolean mediaHeldBack;
    /** True while a frame that pausing could not hold back is handed over (see {@link #mediaMustBeTaken()}). */
    private boolean handingOverUnpausable;
    private long lastConnectedAt;
    /** The individual videos subscribed to; {@code null} unless video is asked for with data option 4. */
    private final VideoSubscriptions videoSubscriptions;

    StreamSession(RtmsClient client, Context context, StreamTarget target, StreamSettings settings,
                  StreamListener listener, long startedEventTs, boolean resumed) {
        this.client = client;
        this.vertx = context.owner();
        this.context = context;
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.startedEventTs = startedEventTs;
        this.resumed = resumed;
        this.log = new StreamLog(LOG, target.streamId(), target.product().id());
        this.backoff = new Backoff(settings.reconnectDelayMillis(), settings.reconnectMaxDelayMillis());
        this.signature = settings.clientId() == null || settings.clientId().isEmpty()
                || settings.clientSecret() == null || settings.clientSecret().isEmpty()
                ? null
                : Signatures.handshake(settings.clientId(), settings.clientSecret(), target.entityId(), target.streamId());
        MediaParams.Video video = settings.mediaParams().video();
        this.videoSubscriptions = settings.mediaKinds().contains(MediaKind.VIDEO) && video != null
                && video.dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM
                ? new VideoSubscriptions(settings.videoSelection(), settings.maxVideoSubscriptions()) : null;
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
        return !socketsMayBePaused() || handingOverUnpausable;
    }

    /** Not while the stream drains or waits to reconnect: its sockets must be read to the end then. */
    private boolean socketsMayBePaused() {
        return phase != SessionPhase.DRAINING && phase != SessionPhase.RECONNECT_WAIT;
    }

    /** The media params the server confirmed, merged over every media connection; null before the first. */
    public MediaParams negotiated() {
        return negotiated;
    }

    public int reconnects() {
        return reconnects;
    }

    /** The outages so far (the current one, if any, is not listed until it ends). */
    public List<Outage> outages() {
        return List.copyOf(outages.finished());
    }

    /** The event_ts of the start webhook this session follows: a newer one means failover. */
    public long startedEventTs() {
        return startedEventTs;
    }

    /** Starts connecting. Called once by {@link RtmsClient}. */
    void start() {
        context.runOnContext(v -> {
            emit(Lifecycle.STARTED, null, resumed ? "rejoining after a restart" : "start webhook received", 0);
            if (signature == null) {
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
                    if (lastConnectedAt > eventTs) {
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
            if (signaling == null || phase == SessionPhase.CONNECTING_SIGNALING || phase == SessionPhase.SIGNALING_HANDSHAKE) {
                finish(Lifecycle.STOPPED, StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client");
                return;
            }
            moveTo(SessionPhase.CLOSING);
            cancelTimers();
            signaling.writeTextMessage(RtmsMessages.streamClose(streamId()));
            signalingTimer = vertx.setTimer(settings.closeTimeoutMillis(),
                    t -> end(StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client (no answer to msg 21)"));
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
            media.values().forEach(MediaConnection::closeButKeepReading);
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
        onContext(() -> {
            mediaHeldBack = true;
            if (!socketsMayBePaused()) {
                return;
            }
            long busySince = System.currentTimeMillis() - BUSY_SOCKET_MILLIS;
            media.values().forEach(m -> m.pauseIfBusy(busySince));
        });
    }

    public void resumeMedia() {
        onContext(() -> {
            mediaHeldBack = false;
            media.values().forEach(MediaConnection::resume);
        });
    }

    /**
     * Subscribes to one participant's individual video, or drops it, on top of what the
     * {@link VideoSelection} picks; within the subscription limit, the route's own choices first.
     *
     * @return false when this stream does not receive individual video (video data option 4)
     */
    public boolean subscribeVideo(String userId, boolean subscribe) {
        if (videoSubscriptions == null) {
            return false;
        }
        onContext(() -> {
            if (subscribe) {
                videoSubscriptions.pin(userId);
            } else {
                videoSubscriptions.drop(userId);
            }
            sendVideoSubscriptions();
        });
        return true;
    }

    /** Sends the msg 28s that bring the subscriptions up to date; only while streaming, when the video socket is ready. */
    private void sendVideoSubscriptions() {
        if (videoSubscriptions == null || phase != SessionPhase.STREAMING || signaling == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (VideoSubscriptions.Request r : videoSubscriptions.reconcile()) {
            log.debug("RTMS stream {}: {} the video of user {}", streamId(), r.subscribe() ? "subscribing to" : "dropping", r.userId());
            signaling.writeTextMessage(RtmsMessages.videoSubscription(r.userId(), r.subscribe(), now));
        }
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
        closeAllSockets();
        moveTo(SessionPhase.CONNECTING_SIGNALING);
        int epoch = ++signalingEpoch;
        String url = target.signalingUrl();
        client.connect(url, settings.connectTimeoutMillis()).onComplete(ar -> {
            if (epoch != signalingEpoch || phase.isTerminal()) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                signalingLost(OutageCause.SIGNALING_LOST, connectFailure("signaling server", url, ar.cause()));
                return;
            }
            WebSocket ws = ar.result();
            signaling = ws;
            ws.textMessageHandler(text -> onSignalingFrame(epoch, text, null));
            ws.binaryMessageHandler(buf -> onSignalingFrame(epoch, null, buf.getBytes()));
            ws.closeHandler(x -> onSignalingClosed(epoch, ws));
            ws.exceptionHandler(e -> log.debug("RTMS stream {} signaling socket error: {}", streamId(), e.toString()));
            moveTo(SessionPhase.SIGNALING_HANDSHAKE);
            lastInboundAt = System.currentTimeMillis();
            ws.writeTextMessage(RtmsMessages.signalingHandshake(target.product(), target.entityId(), streamId(), signature,
                    ++sequence, settings.bufferData()));
            signalingTimer = vertx.setTimer(settings.handshakeTimeoutMillis(), t -> {
                if (epoch == signalingEpoch && phase == SessionPhase.SIGNALING_HANDSHAKE) {
                    signalingRefused(-1, "no handshake response within " + settings.handshakeTimeoutMillis() + " ms");
                }
            });
        });
    }

    private void onSignalingFrame(int epoch, String text, byte[] bytes) {
        if (epoch != signalingEpoch || phase.isTerminal()) {
            return;
        }
        lastInboundAt = System.currentTimeMillis();
        RtmsMessage msg;
        try {
            msg = text != null ? client.parser().parse(text) : client.parser().parse(bytes);
        } catch (MalformedMessageException e) {
            client.countMalformed();
            log.warn("RTMS stream {}: skipped a malformed signaling frame: {}", streamId(), e.getMessage());
            return;
        }
        if (msg instanceof RtmsMessage.SignalingHandshakeResponse r) {
            onSignalingHandshake(r);
        } else if (msg instanceof RtmsMessage.KeepAliveRequest k) {
            signaling.writeTextMessage(RtmsMessages.keepAliveResponse(k.timestamp()));
            client.countKeepAlive();
        } else if (msg instanceof RtmsMessage.EventUpdate e) {
            listener.onEvent(this, e);
            if (e.eventType() == EventType.MEDIA_CONNECTION_INTERRUPTED) {
                onMediaInterruptedEvent();
            }
            if (videoSubscriptions != null && videoSubscriptions.onEvent(e)) {
                sendVideoSubscriptions();
            }
        } else if (msg instanceof RtmsMessage.VideoSubscriptionResponse r) {
            listener.onEvent(this, r);
            if (r.statusCode() != StatusCode.OK) {
                log.warn("RTMS stream {}: video subscription for user {} refused, status {}, reason '{}'",
                        streamId(), r.userId(), StatusCode.describe(r.statusCode()), r.reason());
            }
            if (videoSubscriptions != null) {
                videoSubscriptions.onAnswer(r);
                sendVideoSubscriptions();
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
        cancelTimer(signalingTimer);
        signalingTimer = -1;
        if (r.statusCode() != StatusCode.OK) {
            signalingRefused(r.statusCode(), r.reason());
            return;
        }
        signalingRefusals = 0;
        duplicateRefusals = 0;
        mediaUrls = r.mediaUrls();
        List<Integer> events = new ArrayList<>(settings.eventSubscriptions() != null
                ? settings.eventSubscriptions() : EventType.defaultSubscriptions(target.product()));
        if (!events.contains(EventType.MEDIA_CONNECTION_INTERRUPTED)) {
            // The reconnection contract depends on hearing about media interruptions (docs/protocol.md#event-subscription).
            events.add(EventType.MEDIA_CONNECTION_INTERRUPTED);
        }
        signaling.writeTextMessage(RtmsMessages.eventSubscription(events));
        startInactivityWatch();
        openMedia();
    }

    private void signalingRefused(int status, String reason) {
        client.countHandshakeFailure(status);
        StatusCode.Category category = status < 0 ? StatusCode.Category.OTHER : StatusCode.classify(status, reason);
        log.warn("RTMS stream {}: signaling handshake refused, status {}, reason '{}'",
                streamId(), status < 0 ? "none" : StatusCode.describe(status), reason);
        // The server closes after a refusal; make its close callback stale so it is not taken for an outage.
        signalingEpoch++;
        closeAllSockets();
        long delay;
        switch (category) {
            case DUPLICATE -> {
                if (++duplicateRefusals > settings.duplicateRetries()) {
                    fail("signaling refused as a duplicate " + duplicateRefusals + " times");
                    return;
                }
                delay = settings.duplicateRetryDelayMillis() << (duplicateRefusals - 1);
            }
            case AUTHENTICATION -> {
                if (++signalingRefusals >= settings.maxAuthAttempts()) {
                    fail("signaling handshake refused (authentication), status " + status + ": " + reason);
                    return;
                }
                delay = backoff.nextDelay();
            }
            case INVALID_REQUEST -> {
                fail("signaling handshake refused as invalid, status " + status + ": " + reason);
                return;
            }
            default -> {
                if (++signalingRefusals >= settings.maxHandshakeAttempts()) {
                    fail("signaling handshake refused " + signalingRefusals + " times, last status " + status + ": " + reason);
                    return;
                }
                delay = backoff.nextDelay();
            }
        }
        scheduleFullReconnect(delay);
    }

    private void onSignalingClosed(int epoch, WebSocket ws) {
        if (epoch != signalingEpoch || phase.isTerminal()) {
            return;
        }
        if (phase == SessionPhase.CLOSING) {
            end(StopReason.RECEIVER_REQUEST_CLOSE.code(), "closed by the client");
            return;
        }
        Short code = ws.closeStatusCode();
        signalingLost(OutageCause.SIGNALING_LOST, "signaling socket closed by the server" + (code != null ? " (code " + code + ")" : ""));
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
    /**
     * Why a connection could not be opened. A TLS failure (certificate, host name, protocol) is counted and
     * logged at WARN with its cause every time: it will not go away by reconnecting, and may be an attack.
     */
    private String connectFailure(String server, String url, Throwable cause) {
        String tls = TlsFailures.describe(cause);
        if (tls == null) {
            return "cannot connect to the " + server + ": " + cause.getMessage();
        }
        client.countTlsFailure();
        log.warn("RTMS stream {}: TLS handshake with the {} at {} failed: {}", streamId(), server, hostOf(url), tls);
        return "TLS handshake with the " + server + " failed: " + tls;
    }

    /** The host and port of a URL, for a log line: its path and query may carry tokens. */
    private static String hostOf(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException | NullPointerException e) {
            return "?";
        }
    }

    private void signalingLost(OutageCause cause, String why) {
        if (phase.isTerminal() || phase == SessionPhase.RECONNECT_WAIT || phase == SessionPhase.DRAINING) {
            return;
        }
        signalingEpoch++;
        closeSignalingKeepingMediaReadable();
        long now = System.currentTimeMillis();
        beginOutage(now, cause, why);
        if (outages.lasted(now) >= settings.signalingReconnectWindowMillis()) {
            fail("could not reconnect within " + settings.signalingReconnectWindowMillis() + " ms: " + why);
            return;
        }
        log.info("RTMS stream {}: {}; reconnecting", streamId(), why);
        scheduleFullReconnect(backoff.nextDelay());
    }

    /**
     * Closes signaling, and the media sockets that are not streaming. Streaming ones stay open, unpaused
     * and read until the reconnect replaces them: back-pressure may have left frames in them that Zoom
     * counts as delivered, and Zoom closes them itself when it has lost the stream.
     */
    private void closeSignalingKeepingMediaReadable() {
        closeSignalingSocket();
        for (MediaConnection mc : media.values()) {
            mc.cancelRetry();
            if (mc.isReady() && mc.hasSocket()) {
                mc.resume();
            } else {
                mc.abandon();
            }
        }
    }

    private void interruptAndReconnectNow(OutageCause cause, String why) {
        signalingEpoch++;
        cancelTimers();
        closeAllSockets();
        beginOutage(System.currentTimeMillis(), cause, why);
        if (cause == OutageCause.FAILOVER) {
            // The socket may have dropped first; the new start webhook says why it did.
            outages.blame(cause, why);
        }
        backoff.reset();
        signalingRefusals = 0;
        connectSignaling();
    }

    /** Starts timing an outage and, for a stream that had been streaming, reports it once. */
    private void beginOutage(long now, OutageCause cause, String why) {
        if (outages.begin(now, cause, why) && everConnected) {
            emit(Lifecycle.INTERRUPTED, null, why, 0);
        }
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
        media.clear();
        for (MediaPlan.Socket p : MediaPlan.plan(settings, mediaUrls,
                kind -> log.debug("RTMS stream {}: no media URL for {}; not opening it", streamId(), kind))) {
            media.put(p.key(), newMediaConnection(p));
        }
        if (media.isEmpty()) {
            fail("the media server offered no URL for " + settings.mediaKinds() + " (offered: " + mediaUrls.keySet() + ")");
            return;
        }
        moveTo(SessionPhase.CONNECTING_MEDIA);
        media.values().forEach(mc -> mc.connect(settings.connectTimeoutMillis()));
    }

    private MediaConnection newMediaConnection(MediaPlan.Socket p) {
        return new MediaConnection(p.key(), p.url(), p.kinds(), p.mediaTypeMask(), settings.mediaParams().only(p.kinds()), client, vertx, log,
                new Backoff(settings.reconnectDelayMillis(), settings.reconnectMaxDelayMillis()), mediaEvents);
    }

    /** What the media connections report; kept off the public API of the session. */
    private final MediaConnection.Events mediaEvents = new MediaConnection.Events() {
        @Override
        public boolean stillWanted(MediaConnection mc) {
            return !phase.isTerminal() && media.get(mc.key) == mc;
        }

        @Override
        public void onConnectFailed(MediaConnection mc, Throwable cause) {
            mediaLost(mc, OutageCause.MEDIA_LOST, connectFailure("media server", mc.url(), cause));
        }

        @Override
        public void onOpen(MediaConnection mc) {
            mc.sendHandshake(RtmsMessages.mediaHandshake(target.product(), target.entityId(), streamId(), signature,
                            ++sequence, mc.mediaTypeMask, mc.requested), settings.handshakeTimeoutMillis(),
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
        lastInboundAt = System.currentTimeMillis();
        RtmsMessage msg;
        try {
            msg = client.parser().parse(utf8, offset, length);
        } catch (MalformedMessageException e) {
            client.countMalformed();
            log.warn("RTMS stream {}: skipped a malformed frame on media socket {}: {}", streamId(), mc.key, e.getMessage());
            return;
        }
        if (msg instanceof MediaData m) {
            mc.dataArrived(lastInboundAt);
            boolean slippedThrough = mediaHeldBack && mc.readsPastPause() && socketsMayBePaused();
            handingOverUnpausable = mc.isClosedButHeld() || slippedThrough;
            try {
                listener.onMedia(this, m);
            } finally {
                handingOverUnpausable = false;
            }
            if (slippedThrough && mediaHeldBack) {
                mc.pauseAfterSlip();
            }
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
        mergeNegotiated(MediaParams.negotiated(r.mediaParams(), mc.requested));
        if (signaling != null) {
            // CLIENT_READY_ACK goes on the signaling socket; on a media socket it yields no data (docs/protocol.md#client-ready).
            signaling.writeTextMessage(RtmsMessages.clientReady(streamId()));
        }
        if (media.values().stream().allMatch(MediaConnection::isReady)) {
            onAllMediaReady();
        }
    }

    private void mergeNegotiated(MediaParams p) {
        MediaParams n = negotiated;
        negotiated = n == null ? p : new MediaParams(
                p.audio() != null ? p.audio() : n.audio(),
                p.video() != null ? p.video() : n.video(),
                p.deskshare() != null ? p.deskshare() : n.deskshare(),
                p.transcript() != null ? p.transcript() : n.transcript(),
                p.chat() != null ? p.chat() : n.chat());
    }

    private void mediaRefused(MediaConnection mc, int status, String reason) {
        client.countHandshakeFailure(status);
        log.warn("RTMS stream {}: media handshake on {} refused, status {}, reason '{}'",
                streamId(), mc.key, status < 0 ? "none" : StatusCode.describe(status), reason);
        StatusCode.Category category = status < 0 ? StatusCode.Category.OTHER : StatusCode.classify(status, reason);
        mc.abandon();
        if (category == StatusCode.Category.INVALID_REQUEST) {
            fail("media handshake on " + mc.key + " refused as invalid (check the media parameters), status " + status + ": " + reason);
            return;
        }
        int limit = category == StatusCode.Category.AUTHENTICATION ? settings.maxAuthAttempts() : settings.maxHandshakeAttempts();
        int refusals = mc.countRefusal();
        if (refusals >= limit) {
            fail("media handshake on " + mc.key + " refused " + refusals + " times, last status " + status + ": " + reason);
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
        if (signaling == null || phase == SessionPhase.CONNECTING_SIGNALING || phase == SessionPhase.SIGNALING_HANDSHAKE) {
            signalingLost(OutageCause.SIGNALING_LOST, why);
            return;
        }
        long now = System.currentTimeMillis();
        long lostFor = mc.lostFor(now);
        beginOutage(now, cause, why);
        if (lostFor >= settings.mediaReconnectWindowMillis()) {
            fail("media socket " + mc.key + " could not reconnect within " + settings.mediaReconnectWindowMillis() + " ms: " + why);
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
            for (MediaConnection mc : media.values()) {
                if (mc.isReady() && mc.isClosedButHeld()) {
                    mediaLost(mc, OutageCause.MEDIA_LOST, "media connection " + mc.key + " interrupted (event)");
                }
            }
        });
    }

    private void onAllMediaReady() {
        moveTo(SessionPhase.STREAMING);
        backoff.reset();
        long now = System.currentTimeMillis();
        long outage = outages.lasted(now);
        boolean wasInterrupted = outages.ongoing();
        outages.end(now, everConnected);
        lastConnectedAt = now;
        if (!everConnected) {
            everConnected = true;
            log.info("RTMS stream {} connected ({} media socket(s))", streamId(), media.size());
            emit(Lifecycle.CONNECTED, null, "streaming on " + media.keySet(), 0);
        } else if (wasInterrupted) {
            reconnects++;
            log.info("RTMS stream {} reconnected after {} ms", streamId(), outage);
            emit(Lifecycle.RECONNECTED, null, "streaming again on " + media.keySet(), outage);
        }
        if (videoSubscriptions != null) {
            // New connections may have lost the subscriptions: ask for them again.
            videoSubscriptions.connectionsRenewed();
            sendVideoSubscriptions();
        }
    }

    // ---------------------------------------------------------------- liveness

    /**
     * Keep-alives stop while data flows (docs/protocol.md#keep-alives), so only silence on every socket for the whole
     * inactivity timeout means the connection is dead: then re-handshake.
     */
    private void startInactivityWatch() {
        if (settings.inactivityTimeoutMillis() <= 0 || inactivityTimer >= 0) {
            return;
        }
        long period = Math.max(50, settings.inactivityTimeoutMillis() / 4);
        inactivityTimer = vertx.setPeriodic(period, t -> {
            if (phase == SessionPhase.STREAMING
                    && System.currentTimeMillis() - lastInboundAt > settings.inactivityTimeoutMillis()) {
                log.warn("RTMS stream {}: no keep-alive and no data for {} ms; re-handshaking",
                        streamId(), settings.inactivityTimeoutMillis());
                signalingLost(OutageCause.INACTIVITY, "no keep-alive and no data for " + settings.inactivityTimeoutMillis() + " ms");
            }
        });
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
        boolean anyMedia = media.values().stream().anyMatch(MediaConnection::hasSocket);
        if (!anyMedia) {
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
        cancelTimer(drainTimer); // abandoned while already draining: the new ending replaces the old
        moveTo(SessionPhase.DRAINING);
        cancelTimers();
        cancelTimer(inactivityTimer);
        inactivityTimer = -1;
        signalingEpoch++;
        closeSignalingSocket();
        // Read everything left, whatever the route's pace: what is still unread is bounded by what
        // Zoom had sent, and a socket left paused would drop it when it closes.
        media.values().forEach(m -> {
            m.cancelRetry();
            m.resume();
        });
        lastInboundAt = System.currentTimeMillis();
        drainTimer = vertx.setPeriodic(DRAIN_CHECK_MILLIS, t -> {
            boolean open = media.values().stream().anyMatch(MediaConnection::isOpen);
            long silent = System.currentTimeMillis() - lastInboundAt;
            // a closed socket may still hand over frames it had read while paused: wait for a short lull too
            if ((!open && silent > DRAIN_CHECK_MILLIS) || silent > settings.closeTimeoutMillis()) {
                vertx.cancelTimer(t);
                drainTimer = -1;
                then.run();
            }
        });
    }

    private void fail(String why) {
        log.error("RTMS stream {} failed: {}", streamId(), why);
        finish(Lifecycle.FAILED, null, why);
    }

    private void finish(Lifecycle kind, Integer stopReason, String detail) {
        if (phase.isTerminal()) {
            return;
        }
        signalingEpoch++;
        cancelTimers();
        cancelTimer(inactivityTimer);
        inactivityTimer = -1;
        cancelTimer(drainTimer);
        drainTimer = -1;
        closeAllSockets();
        if (everConnected) {
            outages.end(System.currentTimeMillis(), true);
        }
        moveTo(kind == Lifecycle.FAILED ? SessionPhase.FAILED : SessionPhase.STOPPED);
        if (kind == Lifecycle.STOPPED) {
            log.info("RTMS stream {} stopped: {}{}", streamId(), detail,
                    stopReason != null ? " (stop reason " + stopReason + " " + StopReason.nameOf(stopReason) + ")" : "");
        }
        emit(kind, stopReason, detail, 0);
        client.remove(this);
    }

    private void emit(Lifecycle kind, Integer stopReason, String detail, long outageMillis) {
        listener.onLifecycle(this, new LifecycleEvent(kind, System.currentTimeMillis(), stopReason, detail,
                target.signalingUrl(), reconnects, outageMillis, outages.finished(), resumed && kind == Lifecycle.STARTED));
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
        closeSignalingSocket();
        media.values().forEach(MediaConnection::shutDown);
    }

    private void closeSignalingSocket() {
        if (signaling != null) {
            WebSocket s = signaling;
            signaling = null;
            closeQuietly(s);
        }
        cancelTimer(signalingTimer);
        signalingTimer = -1;
    }

    private void cancelTimers() {
        cancelTimer(retryTimer);
        retryTimer = -1;
        cancelTimer(signalingTimer);
        signalingTimer = -1;
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    private static void closeQuietly(WebSocket ws) {
        if (!ws.isClosed()) {
            ws.close();
        }
    }
}
