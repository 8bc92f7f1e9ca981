package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Product;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Zoom RTMS server for tests, demos and load generation: a Vert.x HTTP server whose
 * signaling and media WebSockets speak the RTMS protocol as strictly as Zoom (signatures, media
 * params, CLIENT_READY_ACK on signaling, keep-alives), play a scripted meeting with real Opus,
 * L16 or G.711 audio, transcript, chat, JPEG/PNG frames and events, and record everything the
 * client did. It can post Zoom-signed webhooks itself and inject faults.
 *
 * <pre>{@code
 * try (ZoomSimulator sim = ZoomSimulator.start(SimulatorConfig.builder()
 *         .clientId("id").clientSecret("secret").playbackSpeed(20).build())) {
 *     SimulatedStream s = sim.createStream(Product.MEETING, "uuid==", "stream-1", MeetingScript.standard());
 *     // hand s.startedWebhook() (or s.signalingUrl()) to the client under test …
 *     s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
 *     assertThat(s.violations()).isEmpty();
 * }
 * }</pre>
 *
 * URL layout: {@code /signaling/<key>} per stream and {@code /media/<key>/<kind>} with kind
 * {@code audio}, {@code video}, {@code sharescreen}, {@code transcript}, {@code chat} or
 * {@code all}. The key changes on {@link Faults#failover()}.
 */
public final class ZoomSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ZoomSimulator.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimulatorConfig config;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final PacketLibrary library = new PacketLibrary();
    private final SendStatistics statistics = new SendStatistics();
    private final WebhookTargets webhookTargets;
    private final Map<String, SimulatedStream> byKey = new ConcurrentHashMap<>();
    private final Map<String, SimulatedStream> byStreamId = new ConcurrentHashMap<>();
    private final List<String> deployments = new ArrayList<>();
    /** The server instances' event-loop contexts; streams are spread over them. */
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextContext = new AtomicInteger();
    private final AtomicLong nextConnection = new AtomicLong(1);
    private volatile int port;
    private volatile boolean closed;

    private ZoomSimulator(SimulatorConfig config, Vertx vertx, boolean ownsVertx) {
        this.config = Objects.requireNonNull(config, "config");
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.webhookTargets = new WebhookTargets(config);
    }

    /** Starts a simulator with its own Vert.x instance; returns once it is listening. */
    public static ZoomSimulator start(SimulatorConfig config) {
        return start(Vertx.vertx(), config, true);
    }

    /** Starts a simulator on a Vert.x instance the caller owns (it is not closed by {@link #close()}). */
    public static ZoomSimulator start(Vertx vertx, SimulatorConfig config) {
        return start(vertx, config, false);
    }

    private static ZoomSimulator start(Vertx vertx, SimulatorConfig config, boolean owns) {
        ZoomSimulator sim = new ZoomSimulator(config, vertx, owns);
        try {
            sim.listen();
            return sim;
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private void listen() {
        // One instance per event loop, all on the same port. Vert.x shares a random port among the
        // instances of one deployment when asked for port -1 (port 0 would give each its own).
        int listenPort = config.port() == 0 ? -1 : config.port();
        deployments.add(await(vertx.deployVerticle(() -> new ServerVerticle(listenPort),
                new DeploymentOptions().setInstances(config.serverInstances()))));
        LOG.log(System.Logger.Level.INFO, "Zoom RTMS simulator listening on " + baseUrl());
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code ws://host:port} or {@code wss://host:port}. */
    public String baseUrl() {
        return (config.tls() ? "wss" : "ws") + "://" + config.advertisedHost() + ":" + port;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The Vert.x instance the simulator runs on. */
    public Vertx vertx() {
        return vertx;
    }

    /** The webhook sender built from the config (the first target's), or {@code null} when none is configured. */
    public WebhookSender webhookSender() {
        return webhookTargets.first();
    }

    WebhookTargets webhookTargets() {
        return webhookTargets;
    }

    /**
     * Creates a stream waiting for a client. Deliver its {@link SimulatedStream#startedWebhook()}
     * to the application under test yourself, or use {@link #launch}.
     *
     * @throws IllegalArgumentException when a stream with this id is still active
     */
    public SimulatedStream createStream(Product product, String entityId, String streamId, MeetingScript script) {
        ensureOpen();
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(script, "script");
        if (entityId == null || entityId.isEmpty() || streamId == null || streamId.isEmpty()) {
            throw new IllegalArgumentException("entity id and stream id are required");
        }
        SimulatedStream existing = byStreamId.get(streamId);
        if (existing != null && existing.phase() != StreamPhase.ENDED) {
            throw new IllegalArgumentException("stream " + streamId + " is already active");
        }
        String key = newKey();
        SimulatedStream s = new SimulatedStream(this, product, entityId, streamId, script, key);
        byStreamId.put(streamId, s);
        byKey.put(key, s);
        return s;
    }

    /**
     * Creates a stream with generated ids (a Zoom-style base64 UUID, which may contain {@code / + =},
     * and a 32-hex-digit stream id) and posts its {@code *_started} webhook. The {@code *_stopped}
     * webhook follows when the stream ends.
     *
     * @throws IllegalStateException when no webhook is configured
     */
    public SimulatedStream launch(Product product, MeetingScript script) {
        if (webhookTargets.isEmpty()) {
            throw new IllegalStateException("launch needs SimulatorConfig.webhook(url, secretToken)");
        }
        byte[] uuid = new byte[16];
        RANDOM.nextBytes(uuid);
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        SimulatedStream s = createStream(product, Base64.getEncoder().encodeToString(uuid), HexFormat.of().formatHex(id), script);
        s.engine.run(s.engine::postStarted);
        return s;
    }

    /** The latest stream with this id. */
    public Optional<SimulatedStream> stream(String streamId) {
        return Optional.ofNullable(byStreamId.get(streamId));
    }

    /** Every stream created, the latest per stream id. */
    public Collection<SimulatedStream> streams() {
        return List.copyOf(byStreamId.values());
    }

    /**
     * Encodes a script's packets for these params ahead of time (blocking), so the first media
     * handshake answers at once. Useful before a load test.
     */
    public void prepare(MeetingScript script, Product product, MediaParams params) {
        boolean cc = product == Product.CONTACT_CENTER;
        if (params.audio() != null && script.contentKinds().contains(MediaKind.AUDIO)) {
            library.track(script, PacketLibrary.AudioSpec.of(params.audio(), cc));
        }
        if (script.contentKinds().contains(MediaKind.TRANSCRIPT)) {
            library.track(script, new PacketLibrary.TranscriptSpec(-1, cc));
        }
    }

    PacketLibrary library() {
        return library;
    }

    /** What this simulator has sent so far, over all streams. */
    public SendStatistics statistics() {
        return statistics;
    }

    /**
     * The context for a new stream, round robin over the server's event loops. (Vert.x gives every
     * stream created from one plain thread the same sticky context, which would put them all on
     * one event loop.)
     */
    Context nextContext() {
        return contexts.get(Math.floorMod(nextContext.getAndIncrement(), contexts.size()));
    }

    /** A number for a new connection, unique within this simulator. */
    long nextConnectionId() {
        return nextConnection.getAndIncrement();
    }

    /** Moves a stream to a new URL key (failover); the old key stops answering. */
    String rekey(SimulatedStream stream, String oldKey) {
        String key = newKey();
        byKey.put(key, stream);
        byKey.remove(oldKey, stream);
        return key;
    }

    /** Stops every stream (without webhooks) and the server; closes Vert.x when it owns it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SimulatedStream s : byStreamId.values()) {
            try {
                s.engine.apply(s.engine::shutdown);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing stream " + s.streamId() + ": " + e);
            }
        }
        for (String id : deployments) {
            try {
                await(vertx.undeploy(id));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "undeploying the simulator server: " + e);
            }
        }
        if (ownsVertx) {
            try {
                await(vertx.close());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing Vert.x: " + e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the simulator is closed");
        }
    }

    private static String newKey() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulator start/stop failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulator start/stop timed out", e);
        }
    }

    private void handle(HttpServerRequest req) {
        String[] parts = req.path().split("/");
        SimulatedStream s = parts.length >= 3 ? byKey.get(parts[2]) : null;
        if (parts.length == 3 && "signaling".equals(parts[1]) && s != null) {
            upgrade(req, s, SocketRole.SIGNALING, null);
        } else if (parts.length == 4 && "media".equals(parts[1]) && s != null && s.engine.offersMediaUrl(parts[3])) {
            upgrade(req, s, SocketRole.MEDIA, parts[3]);
        } else if ("/".equals(req.path())) {
            req.response().putHeader("content-type", "text/plain").end("camel-rtms Zoom RTMS simulator\n");
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    private static void upgrade(HttpServerRequest req, SimulatedStream s, SocketRole role, String mediaKey) {
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            req.response().setStatusCode(400).end("WebSocket upgrade required\n");
            return;
        }
        req.toWebSocket()
                .onSuccess(ws -> s.engine.attach(ws, role, mediaKey))
                .onFailure(e -> LOG.log(System.Logger.Level.DEBUG, "WebSocket upgrade failed: " + e));
    }

    /** One HTTP server instance; several share the port, one per event loop. */
    private final class ServerVerticle extends AbstractVerticle {
        private final int listenPort;
        private HttpServer server;

        ServerVerticle(int listenPort) {
            this.listenPort = listenPort;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(listenPort)
                    .setMaxWebSocketFrameSize(65536)
                    .setMaxWebSocketMessageSize(4 * 1024 * 1024);
            if (config.tls()) {
                options.setSsl(true).setKeyCertOptions(new PfxOptions()
                        .setPath(config.keyStorePath().toString())
                        .setPassword(config.keyStorePassword()));
            }
            contexts.add(context);
            server = vertx.createHttpServer(options).requestHandler(ZoomSimulator.this::handle);
            server.listen().onSuccess(s -> {
                port = s.actualPort();
                started.complete();
            }).onFailure(started::fail);
        }

        @Override
        public void stop(Promise<Void> stopped) {
            server.close().onComplete(ar -> stopped.complete());
        }
    }
}
