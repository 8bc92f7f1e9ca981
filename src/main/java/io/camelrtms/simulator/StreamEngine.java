package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.Signatures;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server side of the RTMS protocol for one stream: handshakes, readiness, subscriptions,
 * playback of the script, keep-alives, faults and the end. Everything runs on the stream's own
 * Vert.x context, so the state below needs no locks; other threads go through {@link #run} or
 * {@link #call}.
 */
final class StreamEngine {

    private static final System.Logger LOG = System.getLogger(StreamEngine.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final short CLOSE_NORMAL = 1000;
    private static final short CLOSE_SERVER_ERROR = 1011;
    private static final byte[] GARBAGE = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01, 0x7B};

    private final ZoomSimulator sim;
    private final SimulatedStream stream;
    private final SimulatorConfig config;
    private final Vertx vertx;
    private final Context context;
    private final MeetingScript script;
    private final Product product;
    private final boolean contactCenter;
    private final String expectedSignature;
    /** Kinds offered in msg 2: the config's and script's scopes within what the product supports. */
    private final Set<MediaKind> allowed;
    private final Set<MediaKind> contentKinds;

    private volatile String urlKey;
    private ObjectNode startedEnvelope;

    // ---- connection state ----
    private Connection signaling;
    private boolean everSignaled;
    private final List<Connection> media = new ArrayList<>();
    private final List<Connection> everyConnection = new ArrayList<>();
    private final Deque<Connection> awaitingReady = new ArrayDeque<>();
    private boolean bufferData = true;
    /** Users whose individual video (data_opt 4) is subscribed with msg 28, in the order of subscription. */
    private final Set<Integer> videoSubscribers = new java.util.LinkedHashSet<>();

    // ---- playback and keep-alive ----
    private final Playback playback;
    private final KeepAliveMonitor keepAlive;
    private long playbackTimer = -1;
    private long keepAliveTimer = -1;
    /** When the first started webhook was posted (nanoTime), 0 before; for the first-data statistic. */
    private long startedPostedNanos;
    private boolean dataSent;

    // ---- windows, end ----
    private long signalingWindowTimer = -1;
    private final List<MediaWindow> mediaWindows = new ArrayList<>();
    private boolean ended;
    private CompletableFuture<Void> webhookChain = CompletableFuture.completedFuture(null);

    // ---- faults (set through Faults, on the context) ----
    int rejectSignatures;
    int rejectDuplicates;
    long handshakeDelayMillis;

    private static final class MediaWindow {
        final Set<MediaKind> kinds;
        final long timer;

        MediaWindow(Set<MediaKind> kinds, long timer) {
            this.kinds = kinds;
            this.timer = timer;
        }
    }

    StreamEngine(ZoomSimulator sim, SimulatedStream stream, String urlKey) {
        this.sim = sim;
        this.stream = stream;
        this.config = sim.config();
        this.vertx = sim.vertx();
        this.context = sim.nextContext();
        this.script = stream.script();
        this.product = stream.product();
        this.contactCenter = product == Product.CONTACT_CENTER;
        this.urlKey = urlKey;
        this.expectedSignature = Signatures.handshake(config.clientId(), config.clientSecret(), stream.entityId(), stream.streamId());
        EnumSet<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        kinds.addAll(config.scopes());
        kinds.retainAll(productKinds(product));
        if (script.scopes() != null) {
            kinds.retainAll(script.scopes());
        }
        this.allowed = kinds;
        EnumSet<MediaKind> content = EnumSet.copyOf(script.contentKinds().isEmpty() ? EnumSet.of(MediaKind.AUDIO) : script.contentKinds());
        content.retainAll(allowed);
        this.contentKinds = content;
        this.startedEnvelope = ZoomWebhooks.started(product, stream.entityId(), stream.streamId(), signalingUrl(), System.currentTimeMillis());
        this.playback = new Playback(script, config.playbackSpeed(), config.maxBufferMillis());
        this.keepAlive = new KeepAliveMonitor(config.keepAliveIntervalMillis(), config.keepAliveMissLimit());
        run(() -> keepAliveTimer = vertx.setPeriodic(keepAlive.checkPeriodMillis(), id -> checkKeepAlives()));
    }

    /** Contact Center, Video SDK sessions and Phone stream audio and transcript only (docs/protocol.md#products). */
    static Set<MediaKind> productKinds(Product product) {
        return switch (product) {
            case CONTACT_CENTER, SESSION, PHONE -> EnumSet.of(MediaKind.AUDIO, MediaKind.TRANSCRIPT);
            default -> EnumSet.allOf(MediaKind.class);
        };
    }

    /** The {@code server_urls} key of a media kind: screen share is {@code sharescreen}, as Zoom's library expects. */
    static String urlKeyOf(MediaKind kind) {
        return kind == MediaKind.DESKSHARE ? "sharescreen" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    static MediaKind kindOfUrlKey(String key) {
        for (MediaKind k : MediaKind.values()) {
            if (urlKeyOf(k).equals(key)) {
                return k;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- threading

    void run(Runnable r) {
        Runnable guarded = () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "simulated stream " + stream.streamId() + " failed", e);
            }
        };
        if (Vertx.currentContext() == context) {
            guarded.run();
        } else {
            context.runOnContext(v -> guarded.run());
        }
    }

    /**
     * Runs on the context and waits for the result (directly when already on it). Waiting on
     * another Vert.x event loop could deadlock (it may be the very thread of this context), so
     * that is refused.
     */
    <T> T call(Callable<T> task) {
        if (Vertx.currentContext() == context) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("this simulator call waits for a result and cannot be made on a Vert.x event loop; "
                    + "call it from a test or worker thread");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs an action on the context; waits for it unless the caller is on an event loop. */
    void apply(Runnable action) {
        if (Vertx.currentContext() == context || Context.isOnEventLoopThread()) {
            run(action);
        } else {
            call(() -> {
                action.run();
                return null;
            });
        }
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

    /** Called on a server thread: only immutable state. */
    boolean offersMediaUrl(String key) {
        if (MediaKind.ALL_URL_KEY.equals(key)) {
            return true;
        }
        MediaKind k = kindOfUrlKey(key);
        return k != null && allowed.contains(k);
    }

    private Map<String, String> mediaUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        String base = sim.baseUrl() + "/media/" + urlKey + "/";
        for (MediaKind k : MediaKind.values()) {
            if (allowed.contains(k)) {
                urls.put(urlKeyOf(k), base + urlKeyOf(k));
            }
        }
        urls.put(MediaKind.ALL_URL_KEY, base + MediaKind.ALL_URL_KEY);
        return urls;
    }

    void postWebhook(ObjectNode envelope) {
        WebhookSender sender = sim.webhookSender();
        if (sender == null) {
            return;
        }
        ObjectNode copy = envelope.deepCopy();
        // Chained so that started, interrupted and stopped reach the receiver in order.
        webhookChain = webhookChain.thenCompose(v -> sender.sendAsync(copy).handle((status, error) -> {
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            stream.record(new WebhookDelivery(copy, status == null ? -1 : status,
                    cause == null ? null : cause.toString(), Instant.now()));
            if (cause != null) {
                LOG.log(System.Logger.Level.WARNING, "posting " + copy.path("event").asText() + " for stream "
                        + stream.streamId() + " failed: " + cause);
            }
            return null;
        }));
    }

    void postStarted() {
        if (startedPostedNanos == 0) {
            startedPostedNanos = System.nanoTime();
        }
        postWebhook(startedEnvelope());
    }

    void repeatStarted() {
        postWebhook(startedEnvelope());
    }

    // ---------------------------------------------------------------- sockets

    /** Called on the server's context when a WebSocket for this stream is accepted. */
    void attach(ServerWebSocket ws, SocketRole role, String mediaKey) {
        Connection c = new Connection(ws, role, mediaKey, config.binaryFrames());
        ws.textMessageHandler(text -> run(() -> onFrame(c, text, false)));
        ws.binaryMessageHandler(buf -> {
            String text = buf.toString(StandardCharsets.UTF_8);
            run(() -> onFrame(c, text, true));
        });
        ws.closeHandler(v -> run(() -> onClosed(c)));
        ws.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "socket error on " + c.describe() + ": " + e));
        run(() -> {
            everyConnection.add(c);
            if (role == SocketRole.MEDIA) {
                media.add(c);
            }
        });
    }

    private void onFrame(Connection c, String text, boolean binary) {
        if (c.closed) {
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
        media.remove(c);
        awaitingReady.remove(c);
        if (byServer || ended) {
            return;
        }
        if (c.role == SocketRole.SIGNALING) {
            if (c == signaling) {
                LOG.log(System.Logger.Level.DEBUG, "client closed the signaling socket of " + stream.streamId());
                interruptSignaling(StopReason.AWAIT_RECONNECTION_TIMEOUT.code(), false);
            }
        } else if (c.handshaken) {
            mediaInterrupted(c, StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        }
        updatePhase();
    }

    private void violation(Violation.Kind kind, Connection c, String detail) {
        stream.record(new Violation(kind, c.role, c.urlKey, detail, Instant.now()));
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + " " + c.describe() + ": " + kind + " " + detail);
    }

    /** Answers a handshake with an error status and closes the socket, as Zoom does. */
    private void refuse(Connection c, JsonNode sequence, int code, String reason) {
        String msg = c.role == SocketRole.SIGNALING
                ? ServerMessages.signalingResponse(sequence, code, reason, Map.of())
                : ServerMessages.mediaResponse(sequence, code, reason, null);
        c.send(msg, true);
        c.close(CLOSE_NORMAL, "handshake refused");
        media.remove(c);
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
            case 5 -> subscribe(c, msg);
            case 7 -> readyAck(c, msg);
            case 10 -> c.send(ServerMessages.sessionStateResponse(msg.path("rtms_session_id").asText(""),
                    playback.playing() ? 2 : 1, timelineNow()), true);
            case 13 -> keepAliveAnswer(c, msg);
            case 19 -> c.send(ServerMessages.streamStateResponse(stream.streamId(),
                    playback.playing() ? StreamState.ACTIVE.code() : StreamState.INACTIVE.code(), timelineNow()), true);
            case 21 -> closeRequest(c, msg);
            case 28 -> videoSubscription(c, msg);
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
        if (signaling != null && signaling.live() && signaling != c) {
            violation(Violation.Kind.DUPLICATE_SIGNALING, c, "a signaling connection for this stream is already open");
            refuse(c, seq, ServerStatus.DUPLICATE_SIGNAL_REQUEST, "duplicate signal request");
            return;
        }
        signaling = c;
        everSignaled = true;
        c.handshaken = true;
        c.handshakeNanos = System.nanoTime();
        JsonNode buffer = msg.get("buffer_data");
        bufferData = buffer == null || !buffer.isBoolean() || buffer.asBoolean();
        stream.subscriptionMap().clear();
        cancelSignalingWindow();
        c.send(ServerMessages.signalingResponse(seq, ServerStatus.OK, "", mediaUrls()), true);
        updatePhase();
    }

    private void subscribe(Connection c, JsonNode msg) {
        JsonNode events = msg.get("events");
        if (events == null || !events.isArray()) {
            violation(Violation.Kind.MALFORMED_MESSAGE, c, "msg 5 without an events array");
            return;
        }
        for (JsonNode e : events) {
            JsonNode type = e.get("event_type");
            JsonNode on = e.get("subscribe");
            if (type == null || !type.isIntegralNumber() || type.asInt() < 0 || on == null || !on.isBoolean()) {
                violation(Violation.Kind.MALFORMED_MESSAGE, c, "msg 5 entry needs an integer event_type and a boolean subscribe: " + e);
                continue;
            }
            stream.subscriptionMap().put(type.asInt(), on.asBoolean());
        }
    }

    private boolean subscribed(int eventType) {
        return Boolean.TRUE.equals(stream.subscriptionMap().get(eventType));
    }

    private void readyAck(Connection c, JsonNode msg) {
        JsonNode sid = msg.get("rtms_stream_id");
        if (sid == null || !sid.isTextual()) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 without rtms_stream_id");
        } else if (!sid.asText().equals(stream.streamId())) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 names another stream");
            return;
        }
        Connection m = awaitingReady.poll();
        while (m != null && m.closed) {
            m = awaitingReady.poll();
        }
        if (m == null) {
            violation(Violation.Kind.UNEXPECTED_READY_ACK, c, "msg 7 without a media handshake waiting for it");
            return;
        }
        m.ready = true;
        if (!playback.playing()) {
            startPlayback();
        } else {
            tick();
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

    private void videoSubscription(Connection c, JsonNode msg) {
        JsonNode user = msg.get("user_id");
        JsonNode on = msg.get("subscribe");
        boolean subscribe = on == null || on.asBoolean(true);
        if (user == null || !user.canConvertToInt()) {
            violation(Violation.Kind.MALFORMED_MESSAGE, c, "msg 28 without an integer user_id");
            c.send(ServerMessages.videoSubscriptionResponse(user == null ? MAPPER.nullNode() : user, subscribe,
                    ServerStatus.INVALID_PAYLOAD, "user_id is missing or not an integer", timelineNow()), true);
            return;
        }
        if (!individualVideoConnected()) {
            violation(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg 28 without a video connection negotiated with data_opt 4");
            c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.INVALID_PAYLOAD,
                    "no individual video connection (video data_opt 4) for this stream", timelineNow()), true);
            return;
        }
        int id = user.asInt();
        boolean known = script.speakers().stream().anyMatch(s -> s.userId() == id);
        if (!known) {
            c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.INVALID_PAYLOAD,
                    "unknown user_id " + id, timelineNow()), true);
            return;
        }
        // Zoom's November 2026 release: several individual videos per stream, up to a limit (4 by
        // default). What a request over the limit is answered with was not published: the simulator
        // refuses it with INVALID_PAYLOAD and a reason naming the limit.
        if (subscribe && !videoSubscribers.contains(id) && videoSubscribers.size() >= config.maxVideoSubscriptions()) {
            violation(Violation.Kind.VIDEO_SUBSCRIPTION_LIMIT, c, "msg 28 for user " + id + " beyond the limit of "
                    + config.maxVideoSubscriptions() + " concurrent individual videos");
            c.send(ServerMessages.videoSubscriptionResponse(user, true, ServerStatus.INVALID_PAYLOAD,
                    "too many video subscriptions: at most " + config.maxVideoSubscriptions(), timelineNow()), true);
            return;
        }
        if (subscribe) {
            videoSubscribers.add(id);
        } else {
            videoSubscribers.remove(id);
        }
        c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.OK, "", timelineNow()), true);
    }

    // ---------------------------------------------------------------- media

    private void onMediaMessage(Connection c, JsonNode msg, int type) {
        if (type == 7) {
            violation(Violation.Kind.READY_ACK_ON_MEDIA_SOCKET, c, "msg 7 belongs on the signaling socket; no data flows for it");
            return;
        }
        if (type == 13) {
            keepAliveAnswer(c, msg);
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
        if (signaling == null || signaling.closed || !signaling.handshaken) {
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
        MediaHandshakeCheck.Result checked = MediaHandshakeCheck.check(msg, c, media, allowed);
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
        Map<MediaKind, Object> specs = trackSpecs(c);
        if (specs.keySet().stream().allMatch(k -> sim.library().isReady(script, specs.get(k)))) {
            specs.forEach((k, spec) -> c.tracks.put(k, sim.library().track(script, spec)));
            acceptMedia(c, seq, echo);
        } else {
            // Encoding a script takes a moment: never on the event loop.
            context.<Map<MediaKind, Track>>executeBlocking(() -> {
                Map<MediaKind, Track> built = new EnumMap<>(MediaKind.class);
                specs.forEach((k, spec) -> built.put(k, sim.library().track(script, spec)));
                return built;
            }, false).onComplete(ar -> {
                if (ar.failed()) {
                    LOG.log(System.Logger.Level.ERROR, "could not prepare media for stream " + stream.streamId(), ar.cause());
                    c.pending = false;
                    refuse(c, seq, ServerStatus.INVALID_MEDIA_PARAMS, "invalid media params: the simulator could not encode them");
                    return;
                }
                c.tracks.putAll(ar.result());
                acceptMedia(c, seq, echo);
            });
        }
    }

    private Map<MediaKind, Object> trackSpecs(Connection c) {
        Map<MediaKind, Object> specs = new EnumMap<>(MediaKind.class);
        MediaParams p = c.params;
        for (MediaKind k : c.kinds) {
            if (!contentKinds.contains(k)) {
                continue;
            }
            switch (k) {
                case AUDIO -> specs.put(k, PacketLibrary.AudioSpec.of(p.audio(), contactCenter));
                case VIDEO -> specs.put(k, new PacketLibrary.VideoSpec(k, p.video().codec(), p.video().resolution(), p.video().fps(),
                        p.video().dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM));
                case DESKSHARE -> specs.put(k, new PacketLibrary.VideoSpec(k, p.deskshare().codec(), p.deskshare().resolution(),
                        p.deskshare().fps(), false));
                case TRANSCRIPT -> specs.put(k, new PacketLibrary.TranscriptSpec(
                        !p.transcript().enableLid() && p.transcript().srcLanguage() >= 0 ? p.transcript().srcLanguage() : -1, contactCenter));
                case CHAT -> specs.put(k, new PacketLibrary.ChatSpec(contactCenter));
            }
        }
        return specs;
    }

    private void acceptMedia(Connection c, JsonNode seq, ObjectNode echo) {
        c.pending = false;
        if (c.closed || ended) {
            return;
        }
        c.handshaken = true;
        c.handshakeNanos = System.nanoTime();
        c.send(ServerMessages.mediaResponse(seq, ServerStatus.OK, "", echo), true);
        stream.record(new NegotiatedConnection(c.urlKey, c.kinds.stream().mapToInt(MediaKind::bit).sum(),
                Set.copyOf(c.kinds), c.params, echo, Instant.now()));
        awaitingReady.add(c);
        coverMediaWindows(c.kinds);
    }

    // ---------------------------------------------------------------- playback

    /** Timeline time as epoch ms: consistent with packet timestamps even when playback is sped up. */
    long timelineNow() {
        return playback.now();
    }

    private void startPlayback() {
        playback.start();
        stream.firstPacket(playback.t0());
        if (signaling != null && signaling.live()) {
            // FIRST_PACKET_TIMESTAMP arrives without a subscription.
            signaling.send(event(EventType.FIRST_PACKET_TIMESTAMP, playback.t0(), List.of(), null), true);
        }
        playbackTimer = vertx.setPeriodic(playback.tickPeriodMillis(), id -> tick());
        tick();
    }

    private void tick() {
        if (ended || !playback.playing()) {
            return;
        }
        long pos = playback.position();
        long t0 = playback.t0();
        SendStatistics stats = sim.statistics();
        for (Playback.Due d : playback.due(pos, contentKinds, this::readyConnectionFor, bufferData, this::videoWanted)) {
            d.connection().send(d.message().render(t0), true);
            stats.sent(d.kind(), playback.wallMillis(pos - d.message().sendAtMs));
            if (!dataSent) {
                dataSent = true;
                if (startedPostedNanos != 0) {
                    stats.firstData((System.nanoTime() - startedPostedNanos) / 1_000_000);
                }
            }
        }
        for (MeetingScript.ScriptEvent e : playback.dueEvents(pos)) {
            if (!e.contactCenter() && e.eventType() == EventType.PARTICIPANT_LEAVE) {
                // a participant who left has no video to subscribe to: the slot is free again
                e.userIds().forEach(videoSubscribers::remove);
            }
            // An event with only a code cannot be subscribed to by type: it is always sent.
            if (e.contactCenter() == contactCenter && signaling != null && !signaling.closed
                    && (e.eventType() < 0 || subscribed(e.eventType()))) {
                List<MeetingScript.Speaker> who = e.userIds().stream().map(script::speaker).toList();
                signaling.send(event(e.eventType(), e.eventCode(), t0 + e.atMs(), who, null), true);
            }
        }
        if (playback.over(pos)) {
            end(StopReason.MEETING_ENDED.code());
        }
    }

    /** Individual video (data_opt 4) carries only the subscribed users, and nothing before msg 28. */
    private boolean videoWanted(Track.Message m) {
        return !isIndividual(readyConnectionFor(MediaKind.VIDEO)) || videoSubscribers.contains(m.userId);
    }

    private boolean individualVideoConnected() {
        return media.stream().anyMatch(c -> c.handshaken && !c.closed && c.carries(MediaKind.VIDEO) && isIndividual(c));
    }

    private static boolean isIndividual(Connection c) {
        return c != null && c.params != null && c.params.video() != null
                && c.params.video().dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM;
    }

    private Connection readyConnectionFor(MediaKind kind) {
        for (Connection c : media) {
            if (c.ready && !c.closed && c.carries(kind)) {
                return c;
            }
        }
        return null;
    }

    private String event(int eventType, long timestamp, List<MeetingScript.Speaker> who, Integer mediaType) {
        return event(eventType, null, timestamp, who, mediaType);
    }

    /**
     * An event as this stream's product names it since November 2026: Zoom Phone by {@code event_code} only, others
     * as {@link SimulatorConfig#eventCodes()} says; a scripted {@code scriptCode} is sent as it is.
     */
    private String event(int eventType, String scriptCode, long timestamp, List<MeetingScript.Speaker> who, Integer mediaType) {
        SimulatorConfig.EventCodes naming = product == Product.PHONE ? SimulatorConfig.EventCodes.CODE : config.eventCodes();
        boolean sendType = eventType >= 0 && naming != SimulatorConfig.EventCodes.CODE;
        String code = scriptCode != null ? scriptCode
                : naming != SimulatorConfig.EventCodes.TYPE ? ServerMessages.placeholderEventCode(product, eventType) : null;
        if (contactCenter) {
            MeetingScript.Speaker s = who.isEmpty() ? null : who.get(0);
            boolean caller = s != null && script.speakers().indexOf(s) == 0;
            return ServerMessages.contactCenterEvent(eventType, sendType, code, timestamp, s, caller);
        }
        return ServerMessages.meetingEvent(eventType, sendType, code, timestamp, who, mediaType);
    }

    // ---------------------------------------------------------------- keep-alive

    private void checkKeepAlives() {
        if (ended) {
            return;
        }
        List<Connection> sockets = new ArrayList<>();
        if (signaling != null && !signaling.closed && signaling.handshaken) {
            sockets.add(signaling);
        }
        for (Connection c : media) {
            if (!c.closed && c.handshaken) {
                sockets.add(c);
            }
        }
        long now = System.nanoTime();
        for (Connection c : sockets) {
            if (c.closed || ended) {
                continue;
            }
            switch (keepAlive.check(c, now)) {
                case SEND -> {
                    KeepAliveRecord r = keepAlive.request(c, now);
                    stream.record(r);
                    c.send(ServerMessages.keepAlive(r.timestamp), false);
                }
                case TIMED_OUT -> keepAliveTimeout(c);
                default -> {
                }
            }
        }
    }

    private void keepAliveAnswer(Connection c, JsonNode msg) {
        JsonNode ts = msg.get("timestamp");
        if (ts == null || !ts.isIntegralNumber()) {
            violation(Violation.Kind.KEEP_ALIVE_ECHO_MISMATCH, c, "msg 13 without an integer timestamp");
            return;
        }
        StringBuilder detail = new StringBuilder();
        Violation.Kind wrong = keepAlive.answer(c, ts.asLong(), everyConnection, detail);
        if (wrong != null) {
            violation(wrong, c, detail.toString());
        }
    }

    /** Missed keep-alives: Zoom interrupts the connection, waits for a reconnect, then ends with 24. */
    private void keepAliveTimeout(Connection c) {
        LOG.log(System.Logger.Level.DEBUG, "stream " + stream.streamId() + ": " + c.describe() + " missed "
                + c.outstanding.size() + " keep-alives");
        if (c.role == SocketRole.SIGNALING) {
            interruptSignaling(StopReason.KEEP_ALIVE_TIMEOUT.code(), true);
        } else {
            c.close(CLOSE_SERVER_ERROR, "keep-alive timeout");
            media.remove(c);
            awaitingReady.remove(c);
            mediaInterrupted(c, StopReason.KEEP_ALIVE_TIMEOUT.code());
        }
        updatePhase();
    }

    // ---------------------------------------------------------------- interruptions and windows

    /** Tells the client on signaling that a media connection dropped, and waits for it to come back. */
    private void mediaInterrupted(Connection c, int expiryReason) {
        if (signaling != null && !signaling.closed) {
            long now = timelineNow();
            if (subscribed(EventType.MEDIA_CONNECTION_INTERRUPTED)) {
                signaling.send(event(EventType.MEDIA_CONNECTION_INTERRUPTED, now, List.of(),
                        c.kinds.stream().mapToInt(MediaKind::bit).sum()), true);
            }
            signaling.send(ServerMessages.streamState(stream.streamId(), StreamState.INTERRUPTED.code(),
                    StopReason.DATA_CONNECTION_INTERRUPTED.code(), now), true);
        }
        openMediaWindow(EnumSet.copyOf(c.kinds), expiryReason);
    }

    /** Cuts signaling and every media socket; the client must re-handshake within the window. */
    private void interruptSignaling(int expiryReason, boolean closeSignaling) {
        if (signaling != null && closeSignaling) {
            signaling.close(CLOSE_SERVER_ERROR, "signaling interrupted");
        }
        signaling = null;
        for (Connection m : new ArrayList<>(media)) {
            m.close(CLOSE_SERVER_ERROR, "signaling interrupted");
        }
        media.clear();
        awaitingReady.clear();
        mediaWindows.forEach(w -> vertx.cancelTimer(w.timer));
        mediaWindows.clear();
        postWebhook(ZoomWebhooks.interrupted(product, stream.entityId(), stream.streamId(), System.currentTimeMillis()));
        openSignalingWindow(expiryReason);
        updatePhase();
    }

    private void openSignalingWindow(int expiryReason) {
        cancelSignalingWindow();
        signalingWindowTimer = vertx.setTimer(Math.max(1, config.signalingReconnectWindowMillis()), id -> {
            signalingWindowTimer = -1;
            end(expiryReason);
        });
    }

    private void cancelSignalingWindow() {
        if (signalingWindowTimer >= 0) {
            vertx.cancelTimer(signalingWindowTimer);
            signalingWindowTimer = -1;
        }
    }

    private void openMediaWindow(Set<MediaKind> kinds, int expiryReason) {
        if (kinds.isEmpty()) {
            return;
        }
        long[] holder = new long[1];
        holder[0] = vertx.setTimer(Math.max(1, config.mediaReconnectWindowMillis()), id -> {
            mediaWindows.removeIf(w -> w.timer == holder[0]);
            end(expiryReason);
        });
        mediaWindows.add(new MediaWindow(EnumSet.copyOf(kinds), holder[0]));
    }

    private void coverMediaWindows(Set<MediaKind> kinds) {
        mediaWindows.removeIf(w -> {
            w.kinds.removeAll(kinds);
            if (w.kinds.isEmpty()) {
                vertx.cancelTimer(w.timer);
                return true;
            }
            return false;
        });
    }

    private void updatePhase() {
        StreamPhase p;
        if (ended) {
            p = StreamPhase.ENDED;
        } else if (signaling == null || signaling.closed || !signaling.handshaken) {
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
        for (Connection c : new ArrayList<>(media)) {
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
        for (Connection c : new ArrayList<>(media)) {
            if (!c.closed && c.handshaken && (everything || urlKeyOrAll.equals(c.urlKey))) {
                dropMediaConnection(c);
                n++;
            }
        }
        return n;
    }

    private void dropMediaConnection(Connection c) {
        c.close(CLOSE_SERVER_ERROR, "media server failure");
        media.remove(c);
        awaitingReady.remove(c);
        mediaInterrupted(c, StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        updatePhase();
    }

    boolean dropSignaling() {
        if (signaling == null || signaling.closed) {
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
        if (signaling != null) {
            signaling.close(CLOSE_SERVER_ERROR, "server failover");
        }
        signaling = null;
        for (Connection m : new ArrayList<>(media)) {
            m.close(CLOSE_SERVER_ERROR, "server failover");
        }
        media.clear();
        awaitingReady.clear();
        mediaWindows.forEach(w -> vertx.cancelTimer(w.timer));
        mediaWindows.clear();
        synchronized (this) {
            startedEnvelope = ZoomWebhooks.started(product, stream.entityId(), stream.streamId(), signalingUrl(), System.currentTimeMillis());
        }
        postStarted();
        if (everSignaled) {
            openSignalingWindow(StopReason.AWAIT_RECONNECTION_TIMEOUT.code());
        }
        updatePhase();
        return signalingUrl();
    }

    String sendMalformed(MalformedFrame frame, SocketRole role) {
        Connection c = null;
        if (role == SocketRole.SIGNALING) {
            c = signaling != null && !signaling.closed ? signaling : null;
        } else {
            for (Connection m : media) {
                if (!m.closed && m.handshaken) {
                    c = m;
                    break;
                }
            }
        }
        if (c == null) {
            throw new IllegalStateException("no open " + role + " socket to send a malformed frame on");
        }
        if (frame == MalformedFrame.BINARY_GARBAGE) {
            c.ws.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(GARBAGE));
            return HexFormat.of().formatHex(GARBAGE);
        }
        String text = switch (frame) {
            case INVALID_JSON -> "{\"msg_type\":14,\"content\":{\"user_id\":0,\"data\":\"AAAA\"";
            case NOT_AN_OBJECT -> "[14,\"not an object\"]";
            case MSG_TYPE_NOT_INTEGER -> "{\"msg_type\":\"14\",\"content\":{\"user_id\":0,\"data\":\"AAAA\",\"timestamp\":" + timelineNow() + "}}";
            case BAD_BASE64 -> "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\"%%not*base64%%\",\"timestamp\":" + timelineNow() + "}}";
            case UNKNOWN_MSG_TYPE -> "{\"msg_type\":99,\"rtms_stream_id\":\"" + stream.streamId() + "\",\"timestamp\":" + timelineNow() + "}";
            case UNKNOWN_FIELDS -> role == SocketRole.SIGNALING
                    ? "{\"msg_type\":8,\"state\":1,\"reason\":0,\"timestamp\":" + timelineNow() + ",\"future_field\":\"kept\"}"
                    : "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\"AAAA\",\"timestamp\":" + timelineNow()
                            + ",\"future_field\":\"kept\"}}";
            case UNKNOWN_EVENT_TYPE -> "{\"msg_type\":6,\"event\":{\"event_type\":99,\"timestamp\":" + timelineNow()
                    + ",\"future_field\":\"kept\"}}";
            case MISSING_CONTENT -> "{\"msg_type\":14,\"timestamp\":" + timelineNow() + "}";
            case BINARY_GARBAGE -> throw new IllegalStateException();
        };
        c.send(text, true);
        return text;
    }

    void sendStreamState(int state, int reason) {
        if (signaling != null && !signaling.closed) {
            signaling.send(ServerMessages.streamState(stream.streamId(), state, reason, timelineNow()), true);
        }
    }

    void sendSessionState(int state, int reason) {
        if (signaling != null && !signaling.closed) {
            signaling.send(ServerMessages.sessionState(stream.streamId() + "-session", state, reason, timelineNow()), true);
        }
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
            for (Connection m : media) {
                m.close(CLOSE_NORMAL, "stream ended");
            }
            vertx.setTimer(mediaLeadMillis, t -> finishEnd(reason, ts));
        } else {
            finishEnd(reason, ts);
        }
    }

    private void finishEnd(int reason, long ts) {
        if (signaling != null && !signaling.closed) {
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
        if (playbackTimer >= 0) {
            vertx.cancelTimer(playbackTimer);
        }
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
        cancelSignalingWindow();
        mediaWindows.forEach(w -> vertx.cancelTimer(w.timer));
        mediaWindows.clear();
    }

    private void closeAll(short code, String reason) {
        for (Connection c : everyConnection) {
            c.close(code, reason);
        }
        media.clear();
        awaitingReady.clear();
    }
}
