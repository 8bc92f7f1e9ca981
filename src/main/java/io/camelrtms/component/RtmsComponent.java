package io.camelrtms.component;

import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.RtmsClient;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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

    private static final Logger LOG = LoggerFactory.getLogger(RtmsComponent.class);

    @Metadata(description = "Default options of every rtms endpoint; endpoint URI options override them.")
    private RtmsConfiguration configuration = new RtmsConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "The Vert.x instance to use; by default the component creates and owns one.")
    private Vertx vertx;
    @Metadata(label = "advanced", defaultValue = "0",
              description = "Threads that run route work for all streams; 0 means twice the processors, at least 4.")
    private int workerThreads;

    private boolean ownsVertx;
    private ExecutorService workers;
    private final Map<ConnectionOptions, RtmsClient> clients = new ConcurrentHashMap<>();
    private final Map<String, RtmsChannel> channels = new ConcurrentHashMap<>();
    private final LongAdder overflowed = new LongAdder();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("rtms: needs a channel name, e.g. rtms:engagement");
        }
        RtmsEndpoint endpoint = new RtmsEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (vertx == null) {
            vertx = Vertx.vertx();
            ownsVertx = true;
        }
        int threads = workerThreads > 0 ? workerThreads : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        workers = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "RtmsWorker", threads);
    }

    @Override
    protected void doStop() throws Exception {
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

    RtmsChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> new RtmsChannel(n, this));
    }

    RtmsClient client(ConnectionOptions options) {
        return clients.computeIfAbsent(options, o -> {
            LOG.debug("Creating an RTMS client (TLS verification {})", o.verifyTls() ? "on" : "off");
            return new RtmsClient(vertx, o);
        });
    }

    ExecutorService workers() {
        return workers;
    }

    void countOverflow() {
        overflowed.increment();
    }

    /** Media messages refused because a stream's queue was full, over all streams. */
    public long overflowCount() {
        return overflowed.sum();
    }

    /** Streams currently open, over all channels. */
    public int activeStreams() {
        return channels.values().stream().mapToInt(RtmsChannel::activeStreams).sum();
    }

    /** Keep-alives answered, over all clients. */
    public long keepAlivesAnswered() {
        return clients.values().stream().mapToLong(RtmsClient::keepAlivesAnswered).sum();
    }

    /** Malformed frames skipped, over all clients. */
    public long malformedFrames() {
        return clients.values().stream().mapToLong(RtmsClient::malformedFrames).sum();
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

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }
}
