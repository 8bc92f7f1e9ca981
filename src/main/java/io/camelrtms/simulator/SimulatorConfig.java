package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link ZoomSimulator}. Build with {@link #builder()}; only the client credentials
 * are required.
 */
public final class SimulatorConfig {

    private final String clientId;
    private final String clientSecret;
    private final String host;
    private final String advertisedHost;
    private final int port;
    private final Path keyStorePath;
    private final String keyStorePassword;
    private final long keepAliveIntervalMillis;
    private final int keepAliveMissLimit;
    private final double playbackSpeed;
    private final List<URI> webhookUrls;
    private final String webhookSecretToken;
    private final WebhookRouting webhookRouting;
    private final int webhookRetries;
    private final boolean acceptConcurrentSignaling;
    private final boolean binaryFrames;
    private final long signalingReconnectWindowMillis;
    private final long mediaReconnectWindowMillis;
    private final long maxBufferMillis;
    private final int serverInstances;
    private final Set<MediaKind> scopes;
    private final int maxVideoSubscriptions;
    private final EventCodes eventCodes;

    /**
     * How msg 6 names an event. Zoom's November 2026 changelog: a global {@code event_code} replaces
     * the product-scoped {@code event_type}; Meetings and Contact Center keep V1 compatibility (send
     * both), Zoom Phone sends only the code. Zoom's code table was not published: the simulator's
     * codes are its own placeholders ({@link ServerMessages#placeholderEventCode}).
     */
    public enum EventCodes {
        /** {@code event_type} only, as before the November 2026 release. */
        TYPE,
        /** Both, as Meetings and Contact Center after it. */
        TYPE_AND_CODE,
        /** {@code event_code} only, as Zoom Phone. */
        CODE
    }

    private SimulatorConfig(Builder b) {
        this.clientId = requireText(b.clientId, "clientId");
        this.clientSecret = requireText(b.clientSecret, "clientSecret");
        this.host = b.host;
        this.advertisedHost = b.advertisedHost != null ? b.advertisedHost : ("0.0.0.0".equals(b.host) ? "127.0.0.1" : b.host);
        this.port = b.port;
        this.keyStorePath = b.keyStorePath;
        this.keyStorePassword = b.keyStorePassword;
        this.keepAliveIntervalMillis = b.keepAliveIntervalMillis;
        this.keepAliveMissLimit = b.keepAliveMissLimit;
        this.playbackSpeed = b.playbackSpeed;
        this.webhookUrls = List.copyOf(b.webhookUrls);
        this.webhookSecretToken = b.webhookSecretToken;
        this.webhookRouting = b.webhookRouting;
        this.webhookRetries = b.webhookRetries;
        this.acceptConcurrentSignaling = b.acceptConcurrentSignaling;
        this.binaryFrames = b.binaryFrames;
        this.signalingReconnectWindowMillis = b.signalingReconnectWindowMillis;
        this.mediaReconnectWindowMillis = b.mediaReconnectWindowMillis;
        this.maxBufferMillis = b.maxBufferMillis;
        this.serverInstances = b.serverInstances;
        this.scopes = Set.copyOf(b.scopes);
        this.maxVideoSubscriptions = b.maxVideoSubscriptions;
        this.eventCodes = b.eventCodes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String host() {
        return host;
    }

    /** The host name put into the URLs the simulator hands out. */
    public String advertisedHost() {
        return advertisedHost;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return keyStorePath != null;
    }

    public Path keyStorePath() {
        return keyStorePath;
    }

    public String keyStorePassword() {
        return keyStorePassword;
    }

    public long keepAliveIntervalMillis() {
        return keepAliveIntervalMillis;
    }

    public int keepAliveMissLimit() {
        return keepAliveMissLimit;
    }

    public double playbackSpeed() {
        return playbackSpeed;
    }

    /** The (first) webhook target, or {@code null} when the simulator posts no webhooks. */
    public URI webhookUrl() {
        return webhookUrls.isEmpty() ? null : webhookUrls.get(0);
    }

    /** Every webhook target, in the order given; empty when the simulator posts no webhooks. */
    public List<URI> webhookUrls() {
        return webhookUrls;
    }

    /** How a webhook's target is chosen among {@link #webhookUrls()}. */
    public WebhookRouting webhookRouting() {
        return webhookRouting;
    }

    /** How many times each webhook is posted again (same body, same {@code event_ts}), each to the next target. */
    public int webhookRetries() {
        return webhookRetries;
    }

    /**
     * Whether a second signaling handshake is accepted while another signaling connection of the
     * stream is still open (the older one and its media sockets are replaced, and flagged as
     * {@link Violation.Kind#CONCURRENT_SIGNALING} if their client is still alive) instead of being
     * refused as a duplicate.
     */
    public boolean acceptConcurrentSignaling() {
        return acceptConcurrentSignaling;
    }

    public String webhookSecretToken() {
        return webhookSecretToken;
    }

    public boolean binaryFrames() {
        return binaryFrames;
    }

    public long signalingReconnectWindowMillis() {
        return signalingReconnectWindowMillis;
    }

    public long mediaReconnectWindowMillis() {
        return mediaReconnectWindowMillis;
    }

    public long maxBufferMillis() {
        return maxBufferMillis;
    }

    public int serverInstances() {
        return serverInstances;
    }

    public Set<MediaKind> scopes() {
        return scopes;
    }

    /** The most individual videos (msg 28) one stream may hold at once; more are refused. */
    public int maxVideoSubscriptions() {
        return maxVideoSubscriptions;
    }

    public EventCodes eventCodes() {
        return eventCodes;
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", tls=" + tls() + ", keepAlive="
                + keepAliveIntervalMillis + "ms x" + keepAliveMissLimit + ", speed=" + playbackSpeed + ", webhook="
                + webhookUrls + ", binaryFrames=" + binaryFrames + ", scopes=" + scopes + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Builder of {@link SimulatorConfig}. */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private String host = "127.0.0.1";
        private String advertisedHost;
        private int port;
        private Path keyStorePath;
        private String keyStorePassword;
        private long keepAliveIntervalMillis = 10_000;
        private int keepAliveMissLimit = 3;
        private double playbackSpeed = 1.0;
        private List<URI> webhookUrls = List.of();
        private String webhookSecretToken;
        private WebhookRouting webhookRouting = WebhookRouting.ROUND_ROBIN;
        private int webhookRetries;
        private boolean acceptConcurrentSignaling;
        private boolean binaryFrames;
        private long signalingReconnectWindowMillis = 60_000;
        private long mediaReconnectWindowMillis = 30_000;
        private long maxBufferMillis = 60_000;
        private int serverInstances = 1;
        private Set<MediaKind> scopes = EnumSet.allOf(MediaKind.class);
        private int maxVideoSubscriptions = 4;
        private EventCodes eventCodes = EventCodes.TYPE;

        private Builder() {
        }

        /** The Client ID the simulator expects in handshake signatures. */
        public Builder clientId(String id) {
            this.clientId = id;
            return this;
        }

        /** The Client Secret the simulator checks handshake signatures with. */
        public Builder clientSecret(String secret) {
            this.clientSecret = secret;
            return this;
        }

        /** Interface to listen on (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Host name to put into handed-out URLs when it differs from the listening interface. */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Port to listen on; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Serve {@code wss://} with this PKCS12 key store (see {@link SelfSignedKeyStore}). */
        public Builder tls(Path keyStore, String password) {
            this.keyStorePath = Objects.requireNonNull(keyStore, "keyStore");
            this.keyStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Send msg 12 on a socket after it has been idle (no message sent) this long; default 10 000. */
        public Builder keepAliveIntervalMillis(long millis) {
            if (millis < 10) {
                throw new IllegalArgumentException("keep-alive interval must be at least 10 ms");
            }
            this.keepAliveIntervalMillis = millis;
            return this;
        }

        /** After this many unanswered keep-alives on a socket, act like Zoom (default 3). */
        public Builder keepAliveMissLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("keep-alive miss limit must be at least 1");
            }
            this.keepAliveMissLimit = limit;
            return this;
        }

        /**
         * How fast the meeting plays: 1.0 is real time, 20.0 twenty times faster. Only the pacing
         * changes; timestamps are computed from the timeline and stay consistent with real time.
         */
        public Builder playbackSpeed(double speed) {
            if (!(speed > 0 && speed <= 1000)) {
                throw new IllegalArgumentException("playback speed must be > 0 and <= 1000");
            }
            this.playbackSpeed = speed;
            return this;
        }

        /** Lets the simulator post Zoom-signed webhooks (started, stopped, interrupted) itself. */
        public Builder webhook(URI url, String secretToken) {
            return webhooks(List.of(Objects.requireNonNull(url, "url")), secretToken);
        }

        /**
         * Posts webhooks to several receivers (the replicas of a cluster), each webhook to one of
         * them chosen by {@link #webhookRouting}, its retries to the next ones.
         */
        public Builder webhooks(List<URI> urls, String secretToken) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("at least one webhook URL is required");
            }
            this.webhookUrls = List.copyOf(urls);
            this.webhookSecretToken = requireText(secretToken, "webhook secret token");
            return this;
        }

        /** How a webhook's target is chosen among several (default {@link WebhookRouting#ROUND_ROBIN}). */
        public Builder webhookRouting(WebhookRouting routing) {
            this.webhookRouting = Objects.requireNonNull(routing, "routing");
            return this;
        }

        /**
         * Posts every webhook this many more times, as Zoom retries a delivery it did not see
         * answered: the same body (same {@code event_ts}), after the previous attempt's answer, each
         * to the next target (default 0).
         */
        public Builder webhookRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("webhook retries must be at least 0");
            }
            this.webhookRetries = retries;
            return this;
        }

        /**
         * Accepts a signaling handshake while another signaling connection of the stream is open
         * (default: refuse it with DUPLICATE_SIGNAL_REQUEST). Zoom's documentation does not say whether
         * a second connection is refused or replaces the first. Accepted, it replaces the first: the old
         * connection and its media sockets get no more data and are asked with a keep-alive whether their
         * client is still there; an answer, or anything else they send, is a
         * {@link Violation.Kind#CONCURRENT_SIGNALING} (two live clients at once); silence for the
         * keep-alive interval times the miss limit (a killed or frozen client) closes them without one.
         */
        public Builder acceptConcurrentSignaling(boolean accept) {
            this.acceptConcurrentSignaling = accept;
            return this;
        }

        /** Send binary frames holding UTF-8 JSON instead of text frames, as some Zoom servers do. */
        public Builder binaryFrames(boolean binary) {
            this.binaryFrames = binary;
            return this;
        }

        /** How long Zoom waits for a new signaling connection after losing one (default 60 s). */
        public Builder signalingReconnectWindowMillis(long millis) {
            this.signalingReconnectWindowMillis = millis;
            return this;
        }

        /** How long Zoom waits for a lost media connection to come back (default 30 s). */
        public Builder mediaReconnectWindowMillis(long millis) {
            this.mediaReconnectWindowMillis = millis;
            return this;
        }

        /** Most timeline time buffered for a kind that has no ready socket, when buffer_data is on (60 s). */
        public Builder maxBufferMillis(long millis) {
            this.maxBufferMillis = millis;
            return this;
        }

        /** Number of HTTP server instances (event loops) sharing the port; raise it for load tests. */
        public Builder serverInstances(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("server instances must be at least 1");
            }
            this.serverInstances = n;
            return this;
        }

        /** The media kinds the simulated app's scopes allow (default all). */
        public Builder scopes(MediaKind... kinds) {
            this.scopes = kinds.length == 0 ? EnumSet.noneOf(MediaKind.class) : EnumSet.copyOf(List.of(kinds));
            return this;
        }

        /** The most concurrent individual video subscriptions per stream; Zoom's default since November 2026 is 4. */
        public Builder maxVideoSubscriptions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max video subscriptions must be at least 1");
            }
            this.maxVideoSubscriptions = n;
            return this;
        }

        /** How meeting and Contact Center events name themselves (Zoom Phone always sends codes only). */
        public Builder eventCodes(EventCodes codes) {
            this.eventCodes = codes;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
