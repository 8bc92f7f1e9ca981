package io.camelrtms.component;

import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.Outage;
import io.camelrtms.client.RtmsClient;
import io.camelrtms.protocol.ControlMessage;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rtms:} component. Owns what its endpoints share: the Vert.x instance (unless one is
 * given), one RTMS client per distinct transport configuration (holding the registry of live
 * streams), the channels, and the worker pool routes run on.
 */
@Component("rtms")
public class RtmsComponent extends DefaultComponent {

    private static final String ENCODED_PLACEHOLDER = "%7B%7B";
    private static final Logger LOG = LoggerFactory.getLogger(RtmsComponent.class);
    private static final long REGISTRY_FLUSH_MILLIS = 2_000;
    private static final int RECENT_STREAMS = 100;

    @Metadata(description = "Default options of every rtms endpoint; endpoint URI options override them.")
    private RtmsConfiguration configuration = new RtmsConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "The Vert.x instance to use; by default the component creates and owns one.")
    private Vertx vertx;
    @Metadata(label = "advanced", defaultValue = "0",
              description = "Threads that run route work for all streams; 0 means twice the processors, at least 4.")
    private int workerThreads;
    @Metadata(label = "advanced", defaultValue = "0",
              description = "Event-loop threads of the Vert.x instance the component creates, which read every socket; "
                            + "0 means one per processor.")
    private int eventLoopThreads;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Use Netty's native transport (epoll) in the Vert.x instance the component creates when it is "
                            + "available; otherwise Java NIO.")
    private boolean preferNativeTransport = true;

    @Metadata(defaultValue = "0",
              description = "The most streams open at once over all channels; further starts are refused with a FAILED "
                            + "lifecycle exchange. 0 means no limit.")
    private int maxConcurrentStreams;
    @Metadata(description = "File of the durable registry of active streams. When set, a restarted bundle rejoins the "
                            + "streams still inside Zoom's reconnect window and their recordings continue.")
    private String registryFile;

    private StreamPlacement placement = StreamPlacement.LOCAL;
    private boolean ownsVertx;
    private StreamRegistry registry;
    private long registrySavedAt;
    private long registryTimer = -1;
    private final RtmsStatistics statistics = new RtmsStatistics();
    private final Deque<StreamStatus> recent = new ConcurrentLinkedDeque<>();
    private ExecutorService workers;
    private final Map<ConnectionOptions, RtmsClient> clients = new ConcurrentHashMap<>();
    private final Map<String, RtmsChannel> channels = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("rtms: needs a channel name, e.g. rtms:engagement");
        }
        RtmsEndpoint endpoint = new RtmsEndpoint(uri, this, remaining, configuration.copy());
        resolveEncodedPlaceholders(parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * camel-webhook hands its delegate URI on raw, so in {@code webhook:rtms:…} built by a Kamelet or Pipe an
     * option whose value is itself a property placeholder (a secret such as {@code {{env:ZOOM_CLIENT_SECRET}}})
     * arrives URL-encoded and unresolved. Such a value is decoded and resolved here; nothing else is touched.
     */
    private void resolveEncodedPlaceholders(Map<String, Object> parameters) {
        parameters.replaceAll((key, value) -> {
            if (value instanceof String s && s.regionMatches(true, 0, ENCODED_PLACEHOLDER, 0, ENCODED_PLACEHOLDER.length())) {
                return getCamelContext().resolvePropertyPlaceholders(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
            return value;
        });
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (vertx == null) {
            VertxOptions options = new VertxOptions().setPreferNativeTransport(preferNativeTransport);
            options.setEventLoopPoolSize(eventLoopThreads > 0 ? eventLoopThreads : Runtime.getRuntime().availableProcessors());
            vertx = Vertx.vertx(options);
            LOG.debug("Vert.x for rtms: native transport {}", vertx.isNativeTransportEnabled() ? "on" : "off");
            ownsVertx = true;
        }
        int threads = workerThreads > 0 ? workerThreads : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        workers = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "RtmsWorker", threads);
        if (registryFile != null && !registryFile.isBlank()) {
            registry = new StreamRegistry(Path.of(registryFile));
            registrySavedAt = registry.load().savedAt();
            registryTimer = vertx.setPeriodic(REGISTRY_FLUSH_MILLIS, t -> workers.execute(registry::flush));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (registry != null) {
            vertx.cancelTimer(registryTimer);
            registry.flush();
            registry = null;
        }
        clients.values().forEach(RtmsClient::close);
        clients.clear();
        if (workers != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(workers);
            workers = null;
        }
        if (ownsVertx && vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx = null;
            ownsVertx = false;
        }
        super.doStop();
    }

    /**
     * Acts here on a control message of {@code rtms:<channel>} that the {@link StreamPlacement} forwarded
     * to this node (it owns the stream): opens, reconnects or stops the stream.
     */
    public void act(String channel, ControlMessage msg) {
        channel(channel).act(msg);
    }

    /**
     * Rejoins a stream another node ran (a cluster's takeover) as a restart-resume does: its recording
     * continues, and its lifecycle exchanges list {@code outages} (the takeover last, open until it connects).
     */
    public void takeOver(String channel, ControlMessage started, List<Outage> outages) {
        channel(channel).start(started, true, outages);
    }

    /**
     * Leaves the named streams open for another node to rejoin (hand-over, fencing): closes their sockets
     * without telling Zoom, hands their last exchange ({@link RtmsConstants#LEFT}) to the route and waits
     * until it got there, at most {@code timeoutMillis}. {@link LeaveReason#FENCED} discards what is still
     * queued for them first and marks the last exchange {@link RtmsConstants#FENCED}: their next owner may
     * already have written their files. Returns the ids that were running here.
     */
    public List<String> leave(Collection<String> streamIds, LeaveReason reason, String why, long timeoutMillis)
            throws InterruptedException {
        List<String> left = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (RtmsChannel c : channels.values()) {
            long remaining = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            left.addAll(c.leave(streamIds, reason, why, remaining));
        }
        return left;
    }

    /** The ids of the streams open here, over all channels. */
    public Set<String> streamIds() {
        Set<String> ids = new HashSet<>();
        channels.values().forEach(c -> ids.addAll(c.streamIds()));
        return ids;
    }

    RtmsChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> new RtmsChannel(n, this));
    }

    RtmsClient client(ConnectionOptions options) {
        return clients.computeIfAbsent(options, o -> {
            LOG.debug("Creating an RTMS client (TLS verification {})", o.verifyTls() ? "on" : "off");
            return new RtmsClient(vertx, o, statistics);
        });
    }

    ExecutorService workers() {
        return workers;
    }

    StreamRegistry registry() {
        return registry;
    }

    long registrySavedAt() {
        return registrySavedAt;
    }

    /** The component's counters, for metrics. */
    public RtmsStatistics statistics() {
        return statistics;
    }

    /** Snapshots of the open streams of every channel. */
    public List<StreamStatus> streams() {
        List<StreamStatus> list = new ArrayList<>();
        channels.values().forEach(c -> list.addAll(c.statuses()));
        return list;
    }

    /** The last {@value #RECENT_STREAMS} streams that ended, newest first. */
    public List<StreamStatus> recentStreams() {
        return List.copyOf(recent);
    }

    /** An open stream's snapshot, else the snapshot of a recently ended one, else null. */
    public StreamStatus stream(String streamId) {
        for (RtmsChannel c : channels.values()) {
            StreamStatus s = c.status(streamId);
            if (s != null) {
                return s;
            }
        }
        return recent.stream().filter(s -> s.streamId().equals(streamId)).findFirst().orElse(null);
    }

    /** True when at least one channel has a started consumer (a route receives media). */
    public boolean hasConsumers() {
        return channels.values().stream().anyMatch(RtmsChannel::hasConsumer);
    }

    /** Messages waiting for routes, over all streams. */
    public int queuedMessages() {
        return channels.values().stream().mapToInt(RtmsChannel::queued).sum();
    }

    void remember(StreamStatus ended) {
        recent.addFirst(ended);
        while (recent.size() > RECENT_STREAMS) {
            recent.pollLast();
        }
    }

    /** Streams currently open, over all channels. */
    public int activeStreams() {
        return channels.values().stream().mapToInt(RtmsChannel::activeStreams).sum();
    }

    /** Where streams run; {@link StreamPlacement#LOCAL} unless a cluster set its own. */
    public StreamPlacement placement() {
        return placement;
    }

    /**
     * Where streams run: by default every stream runs here; a cluster (e.g. io.camelrtms.cluster's Kafka
     * placement) decides per stream. Set before the component starts.
     */
    public void setStreamPlacement(StreamPlacement placement) {
        this.placement = placement == null ? StreamPlacement.LOCAL : placement;
    }

    public RtmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RtmsConfiguration configuration) {
        this.configuration = configuration;
    }

    public Vertx getVertx() {
        return vertx;
    }

    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }

    public int getMaxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    public void setMaxConcurrentStreams(int maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    public String getRegistryFile() {
        return registryFile;
    }

    public void setRegistryFile(String registryFile) {
        this.registryFile = registryFile;
    }

    public boolean isPreferNativeTransport() {
        return preferNativeTransport;
    }

    public void setPreferNativeTransport(boolean preferNativeTransport) {
        this.preferNativeTransport = preferNativeTransport;
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }
}
