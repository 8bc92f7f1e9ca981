package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.Signatures;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The server side of the RTMS protocol for one stream: the handshakes, readiness, subscriptions,
 * interruptions, faults and the end. Its helpers do the rest: {@link StreamSockets} holds the
 * sockets, {@link ScriptPlayer} plays the script, {@link KeepAlives} keeps the sockets alive,
 * {@link ReconnectWindows} times the waits for a lost client, {@link IndividualVideos} answers
 * msg 28, {@link MediaTracks} prepares the media, {@link WebhookPoster} posts the webhooks.
 * Everything runs on the stream's own Vert.x context ({@link StreamContext}), so the state below
 * needs no locks; other threads go through {@link #run} or {@link #call}.
 */
final class StreamEngine {

    private static final System.Logger LOG = System.getLogger(StreamEngine.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final short CLOSE_NORMAL = 1000;
    private static final short CLOSE_SERVER_ERROR = 1011;

    private final ZoomSimulator sim;
    private final SimulatedStream stream;
    private final SimulatorConfig config;
    private final Vertx vertx;
    private final StreamContext context;
    private final Violations violations;
    private final EventMessages events;
    private final IndividualVideos individualVideos;
    private final EventSubscriptions subscriptions;
    private final MeetingScript script;
    private final Product product;
    private final boolean contactCenter;
    private final String expectedSignature;
    private final MediaOffer offer;
    private final Set<MediaKind> contentKinds;

    private volatile String urlKey;
    private ObjectNode startedEnvelope;

    // ---- connection state ----
    private boolean everSignaled;
    private final StreamSockets sockets = new StreamSockets();
    private boolean bufferData = true;

    // ---- playback and keep-alive ----
    private final Playback playback;
    private final KeepAlives keepAlives;
    private final MediaTracks tracks;
    private final ScriptPlayer player;
    private long keepAliveTimer = -1;

    // ---- windows, end ----
    private final ReconnectWindows windows;
    private boolean ended;
    private final WebhookPoster webhooks;

    // ---- faults (set through Faults, on the context) ----
    int rejectSignatures;
    int rejectDuplicates;
    long handshakeDelayMillis;

    StreamEngine(ZoomSimulator sim, SimulatedStream stream, String urlKey) {
        this.sim = sim;
        this.stream = stream;
        this.config = sim.config();
        this.vertx = sim.vertx();
        this.context = new StreamContext(sim.nextContext(), stream.streamId());
        this.script = stream.script();
        this.violations = new Violations(stream);
        this.subscriptions = new EventSubscriptions(stream, violations);
        this.events = new EventMessages(stream.product(), config, script);
        this.individualVideos = new IndividualVideos(script, config.maxVideoSubscriptions(), violations, this::timelineNow);
        this.windows = new ReconnectWindows(vertx, config.signalingReconnectWindowMillis(), config.mediaReconnectWindowMillis(), this::end);
        this.product = stream.product();
        this.contactCenter = product == Product.CONTACT_CENTER;
        this.urlKey = urlKey;
        this.expectedSignature = Signatures.handshake(config.clientId(), config.clientSecret(), stream.entityId(), stream.streamId());
        this.offer = new MediaOffer(config, script, product);
        EnumSet<MediaKind> content = EnumSet.copyOf(script.contentKinds().isEmpty() ? EnumSet.of(MediaKind.AUDIO) : script.contentKinds());
        content.retainAll(offer.kinds());
        this.contentKinds = content;
        this.startedEnvelope = ZoomWebhooks.started(product, stream.entityId(), stream.streamId(), signalingUrl(), System.currentTimeMillis());
        this.playback = new Playback(script, config.playbackSpeed(), config.maxBufferMillis());
        this.keepAlives = new KeepAlives(config, stream, violations);
        this.tracks = new MediaTracks(sim.library(), script, contentKinds, contactCenter, context.context());
        this.webhooks = new WebhookPoster(sim, stream);
        this.player = new ScriptPlayer(playback, vertx, stream, contentKinds, contactCenter, sockets, events, individualVideos,
                sim.statistics(), new ScriptPlayer.Host() {
                    @Override
                    public boolean ended() {
                        return ended;
                    }

                    @Override
                    public boolean bufferData() {
                        return bufferData;
                    }

                    @Override
                    public boolean subscribed(int eventType) {
                        return StreamEngine.this.subscribed(eventType);
                    }

                    @Override
                    public void end(int reason) {
                        StreamEngine.this.end(reason);
                    }
                });
        run(() -> keepAliveTimer = vertx.setPeriodic(keepAlives.checkPeriodMillis(), id -> checkKeepAlives()));
    }

    // ---------------------------------------------------------------- threading

    void run(Runnable r) {
        context.run(r);
    }

    <T> T call(Callable<T> task) {
        return context.call(task);
    }

    void apply(Runnable action) {
        context.apply(action);
    }

    // ---------------------------------------------------------------- URLs and webhooks

    String signalingUrl() {
        return sim.baseUrl() + "/signaling/" + urlKey;
    }

    synchronized ObjectNode startedEnvelope() {
        return startedEnvelope;
    }

    String urlKey() {
        return urlKey;
    }

    String streamId() {
        return stream.streamId();
    }

    /** The stream's sockets; only on its context. */
    StreamSockets sockets() {
        return sockets;
    }

    /** Called on a server thread: only immutable state. */
    boolean offersMediaUrl(String key) {
        return offer.offersUrl(key);
    }

    private Map<String, String> mediaUrls() {
        return offer.urls(sim.baseUrl() + "/media/" + urlKey + "/");
    }

    void postWebhook(ObjectNode envelope) {
        webhooks.post(envelope);
    }

    void postStarted() {
        player.startedPosted();
        postWebhook(startedEnvelope());
    }

    void repeatStarted() {
        postWebhook(startedEnvelope());
    }

    // ---------------------------------------------------------------- sockets

    /** Called on the server's context when a WebSocket for this stream is accepted. */
    void attach(ServerWebSocket ws, SocketRole role, String mediaKey) {
        Connection c = new Connection(sim.nextConnectionId(), ws, role, mediaKey, config.binaryFrames());
        ws.textMessageHandler(text -> run(() -> onFrame(c, text, false)));
        ws.binaryMessageHandler(buf -> {
            String text = buf.toString(StandardCharsets.UTF_8);
            run(() -> onFrame(c, text, true));
        });
        ws.closeHandler(v -> run(() -> onClosed(c)));
        ws.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "socket error on " + c.describe() + ": " + e));
        run(() -> sockets.attach(c));
    }

    private void onFrame(Connection c, String text, boolean binary) {
        if (c.closed) {
            return;
        }
        sockets.heard(c);
        if (c.superseded) {
            stillAlive(c);
            return;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (Exception e) {
            node = null;
        }
        JsonNode type = node != null && node.isObject() ? node.get("msg_type") : null;
        int msgType = type != null && type.isIntegralNumber() && type.canConvertToInt() ? type.asInt() : -1;
        stream.record(new ReceivedMessage(c.role, c.urlKey, msgType, node, text, binary, Instant.now()));
        if (msgType < 0) {
            violation(Violation.Kind.MALFORMED_MESSAGE, c, "frame is not a JSON object with an integer msg_type");
            if (!c.handshaken) {
                refuse(c, null, ServerStatus.INVALID_MESSAGE_TYPE, "invalid message: expected a JSON object with an integer msg_type");
            }
            return;
        }
        if (c.role == SocketRole.SIGNALING) {
            onSignalingMessage(c, node, msgType);
        } else {
            onMediaMessage(c, node, msgType);
        }
    }

    private void onClosed(Connection c) {
        boolean byServer = c.closedByServer;
        c.closed = true;
        sockets.forget(c);
        if (!byServer && c.ws.closeStatusCode() == null) {
            lostAbruptly(c);
        }
        if (byServer || ended || c.superseded) {
            return;
        }
        if (c.role == SocketRole.SIGNALING) {
            if (c == sockets.signaling()) {
                LOG.log(System.Logger.Level.DEBUG, "client closed the signaling socket of " + stream.streamId());
                interruptSignaling(StopReason.AWAIT_RECONNECTION_TIMEOUT.code(), false);
            }
        } else if (c.handshaken) {
            mediaInterrupted(c, StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        }
        updatePhase();
    }

    private void violation(Violation.Kind kind, Connection c, String detail) {
        violations.record(kind, c, detail);
    }

    /** Answers a handshake with an error status and closes the socket, as Zoom does. */
    private void refuse(Connection c, JsonNode sequence, int code, String reason) {
        String msg = c.role == SocketRole.SIGNALING
                ? ServerMessages.signalingResponse(sequence, code, reason, Map.of())
                : ServerMessages.mediaResponse(sequence, code, reason, null);
        c.send(msg, true);
        c.close(CLOSE_NORMAL, "handshake refused");
        sockets.forget(c);
    }

    private void afterHandshakeDelay(Connection c, Runnable action) {
        if (handshakeDelayMillis > 0) {
            vertx.setTimer(handshakeDelayMillis, id -> {
                if (!c.closed) {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    // ---------------------------------------------------------------- signaling

    private void onSignalingMessage(Connection c, JsonNode msg, int type) {
        if (!c.handshaken) {
            if (type == 1) {
                afterHandshakeDelay(c, () -> signalingHandshake(c, msg));
            } else {
                violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg_type " + type + " before the signaling handshake");
                refuse(c, msg.get("sequence"), ServerStatus.INVALID_MESSAGE_TYPE,
                        "invalid message type " + type + ": expected msg_type 1 (signaling handshake)");
            }
            return;
        }
        switch (type) {
            case 1 -> {
                violation(Violation.Kind.DUPLICATE_SIGNALING, c, "msg 1 again on an established signaling socket");
                c.send(ServerMessages.signalingResponse(msg.get("sequence"), ServerStatus.DUPLICATE_SIGNAL_REQUEST,
                        "duplicate signal request", Map.of()), true);
            }
            case 5 -> subscriptions.onRequest(c, msg);
            case 7 -> readyAck(c, msg);
            case 10 -> c.send(ServerMessages.sessionStateResponse(msg.path("rtms_session_id").asText(""),
                    playback.playing() ? 2 : 1, timelineNow()), true);
            case 13 -> keepAlives.answer(c, msg, sockets.every());
            case 19 -> c.send(ServerMessages.streamStateResponse(stream.streamId(),
                    playback.playing() ? StreamState.ACTIVE.code() : StreamState.INACTIVE.code(), timelineNow()), true);
            case 21 -> closeRequest(c, msg);
            case 28 -> individualVideos.onRequest(c, msg, individualVideoConnected());
            case 3 -> violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "media handshake (msg 3) sent on the signaling socket");
            default -> violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg_type " + type + " is not a client message on the signaling socket");
        }
    }

    private void signalingHandshake(Connection c, JsonNode msg) {
        JsonNode seq = msg.get("sequence");
        if (ended) {
            refuse(c, seq, ServerStatus.INVALID_RTMS_STREAM_ID, "invalid rtms_stream_id: the stream is not active");
            return;
        }
        HandshakeCheck.Failure f = HandshakeCheck.check(msg, product, stream.entityId(), stream.streamId(), expectedSignature);
        if (f != null) {
            violation(f.violation(), c, f.refusal().reason());
            refuse(c, seq, f.refusal().code(), f.refusal().reason());
            return;
        }
        if (rejectSignatures > 0) {
            rejectSignatures--;
            refuse(c, seq, ServerStatus.INVALID_SIGNATURE, "invalid signature");
            return;
        }
        if (rejectDuplicates > 0) {
            rejectDuplicates--;
            refuse(c, seq, ServerStatus.DUPLICATE_SIGNAL_REQUEST, "duplicate signal request");
            return;
        }
        Connection open = sockets.openSignaling();
        if (open != null && open != c) {
            if (!config.acceptConcurrentSignaling()) {
                violation(Violation.Kind.DUPLICATE_SIGNALING, c, "a signaling connection for this stream is already open");
                refuse(c, seq, ServerStatus.DUPLICATE_SIGNAL_REQUEST, "duplicate signal request");
                return;
            }
            supersede(open, c);
        }
        sockets.signaling(c);
        everSignaled = true;
        c.handshaken = true;
        c.handshakeNanos = System.nanoTime();
        JsonNode buffer = msg.get("buffer_data");
        bufferData = buffer == null || !buffer.isBoolean() || buffer.asBoolean();
        subscriptions.clear();
        windows.closeSignaling();
        stream.record(new Join(c.id, SocketRole.SIGNALING, null, c.remote(), Instant.now()));
        c.send(ServerMessages.signalingResponse(seq, ServerStatus.OK, "", mediaUrls()), true);
        updatePhase();
    }

    /**
     * A newer client joined while {@code old} is open (accepted only with
     * {@link SimulatorConfig#acceptConcurrentSignaling()}): {@code old} and its media sockets leave
     * service, and a keep-alive asks whether their client is still there. An answer, or anything else
     * it sends, means the stream is joined by two live clients at once ({@link #stillAlive}); silence for
     * as long as the keep-alive rule allows means it was gone (killed, frozen): its sockets are closed.
     */
    private void supersede(Connection old, Connection by) {
        List<Connection> group = sockets.supersede();
        group.forEach(g -> g.supersededBy = by.id + " from " + by.remote());
        old.send(ServerMessages.keepAlive(Math.max(System.currentTimeMillis(), timelineNow())), false);
        long grace = config.keepAliveIntervalMillis() * config.keepAliveMissLimit();
        vertx.setTimer(grace, id -> run(() -> {
            for (Connection g : group) {
                if (!g.closed) {
                    lostToSilence(g);
                    g.close(CLOSE_SERVER_ERROR, "replaced by a newer connection");
                }
            }
        }));
    }

    /** A superseded connection sent something: its client is alive while a newer one runs the stream. */
    private void stillAlive(Connection c) {
        if (c.flaggedAlive) {
            return;
        }
        c.flaggedAlive = true;
        violation(Violation.Kind.CONCURRENT_SIGNALING, c, "connection " + c.id + " from " + c.remote()
                + " is still in use after connection " + (c.supersededBy != null ? c.supersededBy : "of a newer client")
                + " joined the stream");
    }

    /** Signaling sockets open now: more than one while a replaced connection has not been closed yet. */
    int openSignalingCount() {
        return sockets.openSignalingCount();
    }

    private boolean subscribed(int eventType) {
        return subscriptions.has(eventType);
    }

    private void readyAck(Connection c, JsonNode msg) {
        JsonNode sid = msg.get("rtms_stream_id");
        if (sid == null || !sid.isTextual()) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 without rtms_stream_id");
        } else if (!sid.asText().equals(stream.streamId())) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 names another stream");
            return;
        }
        Connection m = sockets.takeAwaitingReady();
        if (m == null) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 without a media handshake waiting for it");
            return;
        }
        m.ready = true;
        if (!player.playing()) {
            player.start();
        } else {
            player.tick();
        }
        updatePhase();
    }

    private void closeRequest(Connection c, JsonNode msg) {
        JsonNode sid = msg.get("rtms_stream_id");
        if (sid != null && !sid.asText().equals(stream.streamId())) {
            violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg 21 names another stream");
            c.send(ServerMessages.closeResponse(sid.asText(), ServerStatus.INVALID_RTMS_STREAM_ID, "invalid rtms_stream_id", timelineNow()), true);
            return;
        }
        c.send(ServerMessages.closeResponse(stream.streamId(), ServerStatus.OK, "", timelineNow()), true);
        end(StopReason.RECEIVER_REQUEST_CLOSE.code());
    }

    // ---------------------------------------------------------------- media

    private void onMediaMessage(Connection c, JsonNode msg, int type) {
        if (type == 7) {
            violation(Violation.Kind.READY_ACK_ON_MEDIA_SOCKET, c, "msg 7 belongs on the signaling socket; no data flows for it");
            return;
        }
        if (type == 13) {
            keepAlives.answer(c, msg, sockets.every());
            return;
        }
        if (!c.handshaken && !c.pending) {
            if (type == 3) {
                c.pending = true;
                afterHandshakeDelay(c, () -> mediaHandshake(c, msg));
            } else {
                violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg_type " + type + " before the media handshake");
                refuse(c, msg.get("sequence"), ServerStatus.INVALID_MESSAGE_TYPE,
                        "invalid message type " + type + ": expected msg_type 3 (media handshake)");
            }
            return;
        }
        violation(Violation.Kind.UNEXPECTED_MESSAGE, c, type == 3 ? "a second media handshake on one socket"
                : "msg_type " + type + " is not a client message on a media socket");
    }

    private void mediaHandshake(Connection c, JsonNode msg) {
        JsonNode seq = msg.get("sequence");
        if (ended) {
            refuse(c, seq, ServerStatus.INVALID_RTMS_STREAM_ID, "invalid rtms_stream_id: the stream is not active");
            return;
        }
        if (!sockets.signalingEstablished()) {
            violation(Violation.Kind.MEDIA_BEFORE_SIGNALING, c, "media handshake while no signaling connection is established");
            refuse(c, seq, ServerStatus.INVALID_PAYLOAD, "no signaling connection is established for this stream");
            return;
        }
        HandshakeCheck.Failure f = HandshakeCheck.check(msg, product, stream.entityId(), stream.streamId(), expectedSignature);
        if (f != null) {
            violation(f.violation(), c, f.refusal().reason());
            refuse(c, seq, f.refusal().code(), f.refusal().reason());
            return;
        }
        if (rejectSignatures > 0) {
            rejectSignatures--;
            refuse(c, seq, ServerStatus.INVALID_SIGNATURE, "invalid signature");
            return;
        }
        MediaHandshakeCheck.Result checked = MediaHandshakeCheck.check(msg, c, sockets.media(), offer.kinds());
        if (!checked.ok()) {
            violation(Violation.Kind.INVALID_MEDIA_HANDSHAKE, c, checked.refusal().reason());
            c.pending = false;
            refuse(c, seq, checked.refusal().code(), checked.refusal().reason());
            return;
        }
        c.kinds = checked.kinds();
        c.params = checked.params();
        prepareTracksThenAccept(c, seq, checked.echo());
    }

    /** Encodes the script's tracks for the negotiated params (off the event loop unless cached), then accepts. */
    private void prepareTracksThenAccept(Connection c, JsonNode seq, ObjectNode echo) {
        tracks.prepare(c, () -> acceptMedia(c, seq, echo), cause -> {
            LOG.log(System.Logger.Level.ERROR, "could not prepare media for stream " + stream.streamId(), cause);
            c.pending = false;
            refuse(c, seq, ServerStatus.INVALID_MEDIA_PARAMS, "invalid media params: the simulator could not encode them");
        });
    }

    private void acceptMedia(Connection c, JsonNode seq, ObjectNode echo) {
        c.pending = false;
        if (c.closed || ended) {
            return;
        }
        c.handshaken = true;
        c.handshakeNanos = System.nanoTime();
        Connection signaling = sockets.openSignaling();
        if (signaling != null) {
            c.client = signaling;
        }
        stream.record(new Join(c.id, SocketRole.MEDIA, c.urlKey, c.remote(), Instant.now()));
        c.send(ServerMessages.mediaResponse(seq, ServerStatus.OK, "", echo), true);
        stream.record(new NegotiatedConnection(c.urlKey, c.kinds.stream().mapToInt(MediaKind::bit).sum(),
                Set.copyOf(c.kinds), c.params, echo, Instant.now()));
        sockets.awaitReady(c);
        windows.coverMedia(c.kinds);
    }

    // ---------------------------------------------------------------- playback

    /** Timeline time as epoch ms: consistent with packet timestamps even when playback is sped up. */
    long timelineNow() {
        return playback.now();
    }

    private boolean individualVideoConnected() {
        return sockets.individualVideoConnected();
    }

    // ---------------------------------------------------------------- keep-alive

    private void checkKeepAlives() {
        if (ended) {
            return;
        }
        List<Connection> due = new ArrayList<>();
        if (sockets.signalingEstablished()) {
            due.add(sockets.signaling());
        }
        due.addAll(sockets.handshakenMedia());
        keepAlives.check(due, () -> ended, this::keepAliveTimeout);
    }

    /** Missed keep-alives: Zoom interrupts the connection, waits for a reconnect, then ends with 24. */
    private void keepAliveTimeout(Connection c) {
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + ": " + c.describe() + " missed "
                + c.outstanding.size() + " keep-alives");
        if (c.role == SocketRole.SIGNALING) {
            sockets.media().forEach(this::lostToSilence);
            interruptSignaling(StopReason.KEEP_ALIVE_TIMEOUT.code(), true);
        } else {
            lostToSilence(c);
            c.close(CLOSE_SERVER_ERROR, "keep-alive timeout");
            sockets.forget(c);
            mediaInterrupted(c, StopReason.KEEP_ALIVE_TIMEOUT.code());
        }
        updatePhase();
    }

    /** {@code c} is dropped because its client went silent: what it was written since may never have been read. */
    private void lostToSilence(Connection c) {
        c.sinceHeard.report(c.id, stream::record);
    }

    /**
     * {@code c} ended without a close frame (its client's process died, or the link broke): what it was
     * written since its client was last heard from may have been dropped unread with the process. A
     * signaling socket gone that way takes its client's media sockets with it, which the server then
     * closes itself.
     */
    private void lostAbruptly(Connection c) {
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + ": " + c.describe() + " ended without a close frame");
        if (c.role == SocketRole.SIGNALING) {
            sockets.forEachOfClient(c, this::lostToSilence);
        } else {
            lostToSilence(c);
        }
    }

    // ---------------------------------------------------------------- interruptions and windows

    /** Tells the client on signaling that a media connection dropped, and waits for it to come back. */
    private void mediaInterrupted(Connection c, int expiryReason) {
        Connection signaling = sockets.openSignaling();
        if (signaling != null) {
            long now = timelineNow();
            if (subscribed(EventType.MEDIA_CONNECTION_INTERRUPTED)) {
                signaling.send(events.event(EventType.MEDIA_CONNECTION_INTERRUPTED, now, List.of(),
                        c.kinds.stream().mapToInt(MediaKind::bit).sum()), true);
            }
            signaling.send(ServerMessages.streamState(stream.streamId(), StreamState.INTERRUPTED.code(),
                    StopReason.DATA_CONNECTION_INTERRUPTED.code(), now), true);
        }
        windows.openMedia(EnumSet.copyOf(c.kinds), expiryReason);
    }

    /** Cuts signaling and every media socket; the client must re-handshake within the window. */
    private void interruptSignaling(int expiryReason, boolean closeSignaling) {
        sockets.cut(CLOSE_SERVER_ERROR, "signaling interrupted", closeSignaling);
        windows.closeMedia();
        postWebhook(ZoomWebhooks.interrupted(product, stream.entityId(), stream.streamId(), System.currentTimeMillis()));
        windows.openSignaling(expiryReason);
        updatePhase();
    }

    private void updatePhase() {
        StreamPhase p;
        if (ended) {
            p = StreamPhase.ENDED;
        } else if (!sockets.signalingEstablished()) {
            p = everSignaled ? StreamPhase.INTERRUPTED : StreamPhase.WAITING;
        } else {
            p = playback.playing() ? StreamPhase.STREAMING : StreamPhase.SIGNALING;
        }
        if (p != StreamPhase.ENDED) {
            stream.phase(p, null);
        }
    }

    // ---------------------------------------------------------------- faults

    boolean dropMedia(MediaKind kind) {
        for (Connection c : new ArrayList<>(sockets.media())) {
            if (!c.closed && c.handshaken && c.carries(kind)) {
                dropMediaConnection(c);
                return true;
            }
        }
        return false;
    }

    int dropMedia(String urlKeyOrAll) {
        boolean everything = "all".equals(urlKeyOrAll);
        int n = 0;
        for (Connection c : new ArrayList<>(sockets.media())) {
            if (!c.closed && c.handshaken && (everything || urlKeyOrAll.equals(c.urlKey))) {
                dropMediaConnection(c);
                n++;
            }
        }
        return n;
    }

    private void dropMediaConnection(Connection c) {
        c.close(CLOSE_SERVER_ERROR, "media server failure");
        sockets.forget(c);
        mediaInterrupted(c, StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        updatePhase();
    }

    boolean dropSignaling() {
        if (sockets.openSignaling() == null) {
            return false;
        }
        interruptSignaling(StopReason.AWAIT_RECONNECTION_TIMEOUT.code(), true);
        return true;
    }

    String failover() {
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        String oldKey = urlKey;
        urlKey = sim.rekey(stream, oldKey);
        sockets.cut(CLOSE_SERVER_ERROR, "server failover", true);
        windows.closeMedia();
        synchronized (this) {
            startedEnvelope = ZoomWebhooks.started(product, stream.entityId(), stream.streamId(), signalingUrl(), System.currentTimeMillis());
        }
        postStarted();
        if (everSignaled) {
            windows.openSignaling(StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        }
        updatePhase();
        return signalingUrl();
    }

    // ---------------------------------------------------------------- the end

    /** Ends the stream like Zoom: msg 8 state 4 with the reason, every socket closed, {@code *_stopped} posted. */
    void end(int reason) {
        end(reason, 0);
    }

    /**
     * Ends the stream; with a positive {@code mediaLeadMillis} the media sockets are closed first and
     * msg 8 follows that much later, the order in which a client sees Zoom's media close overtake it.
     */
    void end(int reason, long mediaLeadMillis) {
        if (ended) {
            return;
        }
        long ts = timelineNow();
        ended = true;
        cancelTimers();
        if (mediaLeadMillis > 0) {
            for (Connection m : sockets.media()) {
                m.close(CLOSE_NORMAL, "stream ended");
            }
            vertx.setTimer(mediaLeadMillis, t -> finishEnd(reason, ts));
        } else {
            finishEnd(reason, ts);
        }
    }

    private void finishEnd(int reason, long ts) {
        Connection signaling = sockets.openSignaling();
        if (signaling != null) {
            signaling.send(ServerMessages.streamState(stream.streamId(), StreamState.TERMINATED.code(), reason, ts), true);
        }
        closeAll(CLOSE_NORMAL, "stream ended");
        stream.phase(StreamPhase.ENDED, reason);
        postWebhook(ZoomWebhooks.stopped(product, stream.entityId(), stream.streamId(), reason, System.currentTimeMillis()));
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + " ended with reason " + StopReason.nameOf(reason));
    }

    /** Closes everything without Zoom's goodbye: the simulator itself is shutting down. */
    void shutdown() {
        if (ended) {
            return;
        }
        ended = true;
        cancelTimers();
        closeAll(CLOSE_SERVER_ERROR, "simulator shut down");
        stream.phase(StreamPhase.ENDED, null);
    }

    private void cancelTimers() {
        player.stop();
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
        windows.closeAll();
    }

    private void closeAll(short code, String reason) {
        sockets.closeAll(code, reason);
    }
}
