package io.camelrtms.sink.delivery;

import io.camelrtms.sink.SinkThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the requests of one sink ({@code http}, {@code s3}) in order per stream, off the
 * threads that carry the media, and keeps every request that cannot be delivered in a durable
 * {@link Spool} until the sink answers again.
 *
 * <p>Each stream has a lane: its requests run one at a time, in submission order, on a small pool
 * shared by all streams. A request goes to the sink's delivery route ({@code direct:rtms-sink-<name>-deliver}),
 * where Camel's error handler redelivers it with exponential backoff. When that fails, the request
 * and everything queued behind it go to the spool and the sink is marked down: from then on new
 * requests are spooled at once (no network wait on anyone's path), and a timer probes the sink with
 * the oldest spooled request, with its own exponential backoff. The first request the sink takes
 * clears the outage, and each lane delivers its spooled requests, oldest first, before anything
 * newer: a stream's order holds across outages and restarts.
 *
 * <p>Two ways in: {@link #submit} queues in memory (a real-time push; what is still queued when the
 * application stops is spooled), {@link #submitDurable} writes to the spool first (an upload job
 * that must survive a crash). A request the receiver refuses for good ({@link #PROPERTY_REJECTED})
 * is kept under the spool's {@code rejected/} directory and does not hold up the ones behind it.
 *
 * <p>Written here because Camel offers per-key ordering only with a broker (JMS message groups,
 * Kafka partitions) and no durable store for an outage; the delivery itself, the retries and the
 * backoff are Camel's.
 */
public class SinkDelivery extends ServiceSupport {

    /** Exchange property: the sink name, for the retry counter. */
    public static final String PROPERTY_SINK = "RtmsSink";
    /** Exchange property: the {@link SinkRequest} being delivered. */
    public static final String PROPERTY_REQUEST = "RtmsSinkRequest";
    /** Exchange property a delivery route sets to {@code true} when the receiver refused the request for good. */
    public static final String PROPERTY_REJECTED = "RtmsSinkRejected";

    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
    private static final long SWEEP_MILLIS = 30_000;

    /** What became of one attempt (with its redeliveries). */
    public enum Outcome { DELIVERED, REJECTED, FAILED }

    /**
     * @param threads     lanes running at once
     * @param capacity    requests queued in memory over all lanes; beyond it requests are spooled
     * @param drainDelay  first wait before probing a sink that is down
     * @param maxDrainDelay longest wait between probes
     * @param stopTimeout how long a stop waits for requests being sent
     */
    public record Settings(int threads, int capacity, Duration drainDelay, Duration maxDrainDelay, Duration stopTimeout) {
    }

    private final String sink;
    private final Spool spool;
    private final CamelContext camelContext;
    private final String deliverUri;
    private final Settings settings;
    private final SinkStatistics statistics;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Spooled requests already counted as waiting for the sink (a durable one counts when it first fails). */
    private final Set<Path> waiting = ConcurrentHashMap.newKeySet();
    private final Object probeLock = new Object();
    private volatile boolean outage;
    private volatile String lastError;
    private volatile String lastRejection;
    private long probeDelay;
    private boolean probeScheduled;
    private ProducerTemplate template;
    private ExecutorService pool;
    private ScheduledExecutorService timer;

    public SinkDelivery(String sink, Spool spool, CamelContext camelContext, String deliverUri, Settings settings,
                        SinkStatistics statistics) {
        this.sink = sink;
        this.spool = spool;
        this.camelContext = camelContext;
        this.deliverUri = deliverUri;
        this.settings = settings;
        this.statistics = statistics;
        this.probeDelay = settings.drainDelay().toMillis();
        statistics.pendingSource(sink, s -> spool.size());
    }

    public String sink() {
        return sink;
    }

    public Spool spool() {
        return spool;
    }

    /** Whether the sink is considered down (requests go straight to the spool). */
    public boolean isDown() {
        return outage;
    }

    /** Requests queued in memory now. */
    public int queued() {
        return queued.get();
    }

    @Override
    protected void doStart() {
        template = camelContext.createProducerTemplate();
        pool = SinkThreads.fixedPool(camelContext, this, "rtms-sink-" + sink, Math.max(1, settings.threads()));
        timer = SinkThreads.scheduler(camelContext, this, "rtms-sink-" + sink + "-drain");
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        if (spool.size() > 0) {
            // Routes start after services: the spool from the last run is delivered once they run, and
            // until then new requests queue behind it.
            outage = true;
            scheduleProbe();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (timer != null) {
            camelContext.getExecutorServiceManager().shutdownNow(timer);
        }
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(1, TimeUnit.SECONDS);
            }
            camelContext.getExecutorServiceManager().shutdown(pool); // already shut down: the manager forgets it
        }
        int kept = 0;
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                kept += lane.queue.size();
                spoolQueue(lane);
            }
        }
        if (kept > 0) {
            LOG.info("Sink {}: {} requests not yet delivered were spooled; they are delivered after the next start", sink, kept);
        }
        if (template != null) {
            template.close();
        }
    }

    /**
     * Queues a request on its stream's lane. Never waits for the network: while the sink is down,
     * or the stream has spooled requests, or the memory queue is full, it goes to the spool.
     *
     * @throws IOException when the request had to be spooled and the spool could not be written
     */
    public void submit(SinkRequest request) throws IOException {
        onLiveLane(request.stream(), (lane, key) -> {
            if (outage || !isRunAllowed() || spool.hasKey(key) || queued.get() >= settings.capacity()) {
                // behind whatever of this stream is queued or spooled already
                int moved = lane.queue.size();
                spoolQueue(lane);
                spool.append(request);
                statistics.onSpooled(sink, moved + 1);
                if (!outage) {
                    schedule(lane);
                }
                return;
            }
            lane.queue.addLast(request);
            queued.incrementAndGet();
            schedule(lane);
        });
    }

    /** Writes a request to the spool first, then delivers it from there: for jobs that must survive a crash. */
    public void submitDurable(SinkRequest request) throws IOException {
        onLiveLane(request.stream(), (lane, key) -> {
            spoolQueue(lane);
            spool.append(request);
            if (outage) {
                statistics.onSpooled(sink);
            } else if (isRunAllowed()) {
                schedule(lane);
            }
        });
    }

    /** Work on a stream's lane, under its lock; a lane retired in the meantime is replaced and the work runs on the new one. */
    private void onLiveLane(String stream, LaneWork work) throws IOException {
        String key = Spool.keyOf(stream);
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            synchronized (lane) {
                if (!lane.retired) {
                    work.run(lane, key);
                    return;
                }
            }
        }
    }

    private interface LaneWork {
        void run(Lane lane, String key) throws IOException;
    }

    /**
     * Drops what waits for a stream, in memory and in the spool (its data was revoked). A request
     * being sent at this moment still completes.
     *
     * @return requests dropped
     */
    public int discard(String stream) throws IOException {
        String key = Spool.keyOf(stream);
        Lane lane = lanes.get(key);
        int n = 0;
        if (lane != null) {
            synchronized (lane) {
                n += lane.queue.size();
                queued.addAndGet(-lane.queue.size());
                lane.queue.clear();
                n += spool.discard(stream);
            }
        } else {
            n += spool.discard(stream);
        }
        waiting.removeIf(f -> f.getParent() != null && f.getParent().getFileName().toString().equals(key));
        return n;
    }

    // ---- lanes

    private void schedule(Lane lane) {
        // caller holds the lane's lock
        if (!lane.scheduled && pool != null && !pool.isShutdown()) {
            lane.scheduled = true;
            try {
                pool.execute(() -> run(lane, false));
            } catch (RejectedExecutionException stopping) {
                lane.scheduled = false; // what it holds is spooled by doStop
            }
        }
    }

    private void run(Lane lane, boolean probing) {
        boolean first = true;
        while (true) {
            Spool.Entry entry = null;
            SinkRequest request;
            synchronized (lane) {
                if (!isRunAllowed() || Thread.currentThread().isInterrupted()) {
                    lane.scheduled = false; // stopping: doStop spools what is queued
                    return;
                }
                if (outage && !(probing && first)) {
                    // the sink went down meanwhile: what this lane holds waits in the spool
                    int n = lane.queue.size();
                    try {
                        spoolQueue(lane);
                        statistics.onSpooled(sink, n);
                    } catch (IOException e) {
                        LOG.error("Sink {}: cannot spool the requests of stream {}: {}", sink, lane.key, e.toString());
                    }
                    lane.scheduled = false;
                    return;
                }
                if (spool.hasKey(lane.key)) {
                    entry = spool.peek(lane.key);
                }
                request = entry != null ? entry.request() : lane.queue.pollFirst();
                if (request == null) {
                    lane.scheduled = false;
                    return;
                }
                if (entry == null) {
                    queued.decrementAndGet();
                }
            }
            first = false;
            Outcome outcome = send(request);
            try {
                switch (outcome) {
                    case DELIVERED -> {
                        if (entry != null) {
                            spool.remove(entry);
                            waiting.remove(entry.file());
                        }
                        recovered();
                    }
                    case REJECTED -> {
                        statistics.onError(sink);
                        LOG.warn("Sink {}: {} {} of stream {} cannot be delivered ({}); it is kept in the spool's rejected/ directory",
                                sink, request.type(), request.id(), request.stream(), lastRejection);
                        if (entry != null) {
                            spool.reject(entry);
                            waiting.remove(entry.file());
                        } else {
                            spool.keepRejected(request);
                        }
                        recovered();
                    }
                    case FAILED -> {
                        statistics.onError(sink);
                        synchronized (lane) {
                            int n = lane.queue.size();
                            if (entry == null) {
                                // older than anything spooled for this stream meanwhile
                                spool.appendFirst(request);
                                n++;
                            } else if (waiting.add(entry.file())) {
                                n++; // a durable request that now waits for the sink to come back
                            }
                            spoolQueue(lane);
                            statistics.onSpooled(sink, n);
                            lane.scheduled = false;
                        }
                        down();
                        return;
                    }
                    default -> throw new IllegalStateException(outcome.name());
                }
            } catch (IOException e) {
                LOG.error("Sink {}: cannot update the spool for {} of stream {}: {}", sink, request.id(), request.stream(), e.toString());
                synchronized (lane) {
                    if (entry == null) {
                        lane.queue.addFirst(request); // keep it in memory rather than lose it
                        queued.incrementAndGet();
                    }
                    lane.scheduled = false;
                }
                down();
                return;
            }
        }
    }

    /** Sends one request through the delivery route (Camel redelivers it there). */
    protected Outcome send(SinkRequest request) {
        Exchange result = template.send(deliverUri, ex -> {
            ex.setProperty(PROPERTY_SINK, sink);
            ex.setProperty(PROPERTY_REQUEST, request);
            request.headers().forEach((k, v) -> ex.getIn().setHeader(k, v));
            ex.getIn().setBody(request.body());
        });
        if (result.getException() != null) {
            lastError = describe(result.getException());
            LOG.debug("Sink {}: {} {} of stream {} failed: {}", sink, request.type(), request.id(), request.stream(), lastError);
            return Outcome.FAILED;
        }
        Object rejected = result.getProperty(PROPERTY_REJECTED);
        if (rejected != null && !Boolean.FALSE.equals(rejected)) {
            lastRejection = String.valueOf(rejected);
            return Outcome.REJECTED;
        }
        return Outcome.DELIVERED;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
    }

    /** Moves the memory queue of a lane to the end of its spool, in order; the caller holds the lane's lock. */
    private void spoolQueue(Lane lane) throws IOException {
        SinkRequest r;
        while ((r = lane.queue.peekFirst()) != null) {
            spool.append(r);
            lane.queue.pollFirst();
            queued.decrementAndGet();
        }
    }

    // ---- outage and recovery

    private void down() {
        if (!outage) {
            outage = true;
            LOG.warn("Sink {} is not taking requests ({}); they are spooled and delivered in order once it answers",
                    sink, lastError);
        }
        scheduleProbe();
    }

    private void recovered() {
        if (!outage) {
            return;
        }
        synchronized (probeLock) {
            if (!outage) {
                return;
            }
            outage = false;
            probeDelay = settings.drainDelay().toMillis();
        }
        LOG.info("Sink {} is taking requests again; delivering the {} spooled ones", sink, spool.size());
        for (String key : spool.streams()) {
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            synchronized (lane) {
                if (!lane.retired) {
                    schedule(lane);
                }
            }
        }
    }

    private void scheduleProbe() {
        synchronized (probeLock) {
            if (timer == null || timer.isShutdown() || probeScheduled) {
                return;
            }
            probeScheduled = true;
            long delay = probeDelay;
            probeDelay = Math.min(settings.maxDrainDelay().toMillis(), Math.max(1, probeDelay * 2));
            timer.schedule(this::probe, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        synchronized (probeLock) {
            probeScheduled = false;
        }
        List<String> waiting = spool.streams();
        if (waiting.isEmpty()) {
            recovered(); // nothing to try with: the next request tries for itself
            return;
        }
        Lane lane = lanes.computeIfAbsent(waiting.get(0), Lane::new);
        synchronized (lane) {
            if (lane.retired || lane.scheduled) {
                scheduleProbe(); // busy: look again later
                return;
            }
            lane.scheduled = true;
        }
        try {
            pool.execute(() -> {
                run(lane, true);
                if (outage) {
                    scheduleProbe();
                }
            });
        } catch (RejectedExecutionException stopping) {
            synchronized (lane) {
                lane.scheduled = false;
            }
        }
    }

    /** Forgets lanes with nothing to do, so ended streams do not accumulate. */
    private void sweep() {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (!lane.scheduled && lane.queue.isEmpty() && !spool.hasKey(lane.key)) {
                    lane.retired = true;
                    lanes.remove(lane.key, lane);
                }
            }
        }
    }

    /** The requests of one stream. Guarded by its own monitor. */
    private static final class Lane {
        final String key;
        final ArrayDeque<SinkRequest> queue = new ArrayDeque<>();
        boolean scheduled;
        boolean retired;

        Lane(String key) {
            this.key = key;
        }
    }
}
