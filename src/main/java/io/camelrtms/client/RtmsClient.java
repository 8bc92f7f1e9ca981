package io.camelrtms.client;

import io.camelrtms.protocol.MessageDecoder;
import io.camelrtms.protocol.RtmsMessageParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for Zoom RTMS: one Vert.x WebSocket client shared by every stream, and the registry of
 * live streams keyed by {@code rtms_stream_id}. Knows nothing of Camel, so any JVM program can use it.
 */
public final class RtmsClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtmsClient.class);

    private final Vertx vertx;
    private final WebSocketClient sockets;
    /** The wire format: JSON is the only one whose definition Zoom published. */
    private final MessageDecoder parser = new RtmsMessageParser();
    private final ConcurrentHashMap<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final LongAdder malformedFrames = new LongAdder();
    private final LongAdder tlsFailures = new LongAdder();
    private final LongAdder keepAlivesAnswered = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> handshakeFailures = new ConcurrentHashMap<>();

    private final ClientObserver observer;
    private final int maxMessageBytes;

    public RtmsClient(Vertx vertx, ConnectionOptions options) {
        this(vertx, options, ClientObserver.NONE);
    }

    public RtmsClient(Vertx vertx, ConnectionOptions options, ClientObserver observer) {
        this.vertx = vertx;
        this.observer = observer;
        this.maxMessageBytes = options.maxMessageBytes();
        this.sockets = vertx.createWebSocketClient(socketOptions(options));
    }

    private static WebSocketClientOptions socketOptions(ConnectionOptions o) {
        WebSocketClientOptions w = new WebSocketClientOptions()
                .setMaxFrameSize(o.maxMessageBytes())
                .setMaxMessageSize(o.maxMessageBytes())
                .setMaxConnections(o.maxConnections())
                // Zoom accepts TLS 1.2 and 1.3 only (docs/protocol.md#signaling-connection).
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        if (o.verifyTls()) {
            w.setVerifyHost(true);
            if (o.trustStorePath() != null && !o.trustStorePath().isBlank()) {
                String type = o.trustStorePath().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
                w.setTrustOptions(new KeyStoreOptions().setType(type).setPath(o.trustStorePath())
                        .setPassword(o.trustStorePassword()));
            }
        } else {
            LOG.warn("RTMS TLS certificate verification is DISABLED: any server can impersonate Zoom. Use a trust store instead.");
            w.setTrustAll(true).setVerifyHost(false);
        }
        if (o.proxyHost() != null && !o.proxyHost().isBlank()) {
            w.setProxyOptions(new ProxyOptions().setType(ProxyType.HTTP).setHost(o.proxyHost()).setPort(o.proxyPort())
                    .setUsername(o.proxyUsername()).setPassword(o.proxyPassword()));
        }
        return w;
    }

    /**
     * Opens a new stream and starts connecting, or returns {@code null} if a session for that
     * stream id exists already (the caller decides between failover and duplicate).
     *
     * @param startedEventTs the {@code event_ts} of the start webhook, to tell failovers from stale repeats
     */
    public StreamSession open(StreamTarget target, StreamSettings settings, StreamListener listener, long startedEventTs) {
        return open(target, settings, listener, startedEventTs, false);
    }

    /**
     * As {@link #open(StreamTarget, StreamSettings, StreamListener, long)}; {@code resumed} marks a
     * stream rejoined after a restart, so its STARTED lifecycle says recordings continue.
     */
    public StreamSession open(StreamTarget target, StreamSettings settings, StreamListener listener, long startedEventTs,
                              boolean resumed) {
        // A context per stream spreads streams over the event loops; getOrCreateContext() would pin
        // every stream opened from one Vert.x thread to that thread's loop.
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        StreamSession fresh = new StreamSession(this, context, target, settings, listener, startedEventTs, resumed);
        StreamSession existing = sessions.putIfAbsent(target.streamId(), fresh);
        if (existing != null) {
            return null;
        }
        fresh.start();
        return fresh;
    }

    /** The live session of a stream, or {@code null}. */
    public StreamSession session(String streamId) {
        return sessions.get(streamId);
    }

    public Collection<StreamSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public int activeStreams() {
        return sessions.size();
    }

    public long malformedFrames() {
        return malformedFrames.sum();
    }

    /** Connections that failed in their TLS handshake. */
    public long tlsFailures() {
        return tlsFailures.sum();
    }

    public long keepAlivesAnswered() {
        return keepAlivesAnswered.sum();
    }

    /** Refused or unanswered handshakes (signaling and media) by status code; -1 means no answer in time. */
    public Map<Integer, Long> handshakeFailures() {
        Map<Integer, Long> m = new TreeMap<>();
        handshakeFailures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    public Vertx vertx() {
        return vertx;
    }

    Future<WebSocket> connect(String url, long timeoutMillis) {
        WebSocketConnectOptions o = new WebSocketConnectOptions()
                .setAbsoluteURI(url)
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis);
        return sockets.connect(o);
    }

    MessageDecoder parser() {
        return parser;
    }

    /** The largest WebSocket message accepted (a longer fragmented message is dropped). */
    int maxMessageBytes() {
        return maxMessageBytes;
    }

    void countMalformed() {
        malformedFrames.increment();
        observer.malformedFrame();
    }

    void countTlsFailure() {
        tlsFailures.increment();
        observer.tlsFailed();
    }

    void countHandshakeFailure(int status) {
        handshakeFailures.computeIfAbsent(status, k -> new LongAdder()).increment();
        observer.handshakeFailed(status);
    }

    void countKeepAlive() {
        keepAlivesAnswered.increment();
        observer.keepAliveAnswered();
    }

    void remove(StreamSession session) {
        sessions.remove(session.streamId(), session);
    }

    /** Closes the WebSocket client; sessions should have been closed or abandoned before. */
    @Override
    public void close() {
        sockets.close();
    }
}
