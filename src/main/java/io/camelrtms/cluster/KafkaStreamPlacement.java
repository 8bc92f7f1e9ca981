package io.camelrtms.cluster;

import io.camelrtms.client.Outage;
import io.camelrtms.client.OutageCause;
import io.camelrtms.component.LeaveReason;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamPlacement;
import io.camelrtms.protocol.ControlMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rtms:} component's placement in a cluster of replicas sharing a Kafka cluster. Each stream
 * belongs to the partition of its rtms_stream_id in the control topic, and so to the replica of the
 * consumer group that owns that partition:
 * <ul>
 *   <li>a control message given to any replica is produced to the control topic (synchronously: a
 *       failure fails the exchange) and acted on by the owner ({@link OwnershipConsumer});</li>
 *   <li>the owner writes each stream it runs to the compacted state topic (start message, owner, epoch),
 *       a tombstone when it really ends; every replica reads it ({@link StreamStateView});</li>
 *   <li>partitions assigned to a replica: it rejoins their live streams as a restart-resume does
 *       (takeover, recorded as a TAKEOVER outage); partitions revoked: it leaves their streams and waits
 *       until they drained before Kafka gives them to the next owner (hand-over);</li>
 *   <li>fencing: a replica that lost its lease (partitions lost, no heartbeat within the session timeout,
 *       or a pause of the process longer than that), or that sees a newer epoch of another node for a
 *       stream it runs, leaves the stream at once and does not connect it again.</li>
 * </ul>
 * Plain kafka-clients rather than camel-kafka: the ownership consumer needs the rebalance callbacks (to
 * hand streams over before their partition moves) and the group generation (the fencing epoch), which
 * camel-kafka's consumer does not expose.
 */
public final class KafkaStreamPlacement implements StreamPlacement, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamPlacement.class);
    private static final long WATCH_MILLIS = 250;

    /** A stream running here: the epoch and partition it runs under. */
    private record Run(String channel, int epoch, int partition) {
    }

    private final ClusterSettings settings;
    private final RtmsComponent component;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final StreamStateView view;
    private final OwnershipConsumer ownership;
    private final ExecutorService fencer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rtms-cluster-fence");
        t.setDaemon(true);
        return t;
    });
    private KafkaProducer<String, byte[]> producer;
    private int controlPartitions;
    private int statePartitions;
    private Thread watchdog;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running;
    private volatile boolean leased;
    private final java.util.concurrent.atomic.AtomicBoolean rejoin = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lastTick;

    public KafkaStreamPlacement(ClusterSettings settings, RtmsComponent component) {
        this.settings = settings;
        this.component = component;
        this.view = new StreamStateView(settings, this::stateChanged);
        this.ownership = new OwnershipConsumer(settings, this);
    }

    /** Creates the topics when missing, opens the producer and loads the state view; {@link #join()} joins the group. */
    public void start() {
        ClusterTopics.ensure(settings);
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "rtms-cluster-" + settings.nodeId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // a webhook waits for its control message to be stored: fail within Zoom's few seconds, so it retries
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_500);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        controlPartitions = producer.partitionsFor(settings.controlTopic()).size();
        statePartitions = producer.partitionsFor(settings.stateTopic()).size();
        view.start();
        try {
            if (!view.awaitLoaded(30_000)) {
                throw new IllegalStateException("could not read the stream state topic " + settings.stateTopic() + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + settings.stateTopic(), e);
        }
        running = true;
    }

    /**
     * Joins the consumer group: from now on this node is given partitions and runs their streams. Call it
     * once the routes consuming from {@code rtms:} have started.
     */
    public void join() {
        lastTick = System.currentTimeMillis();
        watchdog = new Thread(this::watch, "rtms-cluster-lease");
        watchdog.setDaemon(true);
        watchdog.start();
        ownership.start();
        LOG.info("Cluster node {} joined group {} on {} (control topic {}, {} partitions)", settings.nodeId(),
                settings.groupId(), settings.bootstrapServers(), settings.controlTopic(), controlPartitions);
    }

    /** Leaves the group: the streams of this node are handed over (left, drained), then the consumer closes. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        running = false;
        ownership.close();
        if (watchdog != null) {
            watchdog.interrupt();
        }
        view.close(ownership.closeTimeout(StreamStateView.CLOSE_TIMEOUT));
        fencer.shutdown();
        if (producer != null) {
            producer.close(ownership.closeTimeout(Duration.ofSeconds(5)));
        }
    }

    // ---------------------------------------------------------------- StreamPlacement

    @Override
    public boolean forward(String channel, ControlMessage msg) {
        if (producer == null) {
            throw new IllegalStateException("the cluster node " + settings.nodeId() + " is not started");
        }
        try {
            producer.send(new ProducerRecord<>(settings.controlTopic(), msg.streamId(),
                    ClusterJson.write(new ClusterJson.ControlRecord(channel, msg)))).get(5, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + msg + " to the control topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take " + msg + " on topic " + settings.controlTopic() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    @Override
    public boolean mayRun(String streamId) {
        return leased && ownership.owns(partitionOf(streamId));
    }

    /**
     * The lease as {@link #watch()} will judge it when it next wakes: a stall past the session timeout ends
     * it now, not only once the watch has noticed. While the node closes (its streams handed over) the watch
     * no longer ticks, and the node owns its streams until it has left them.
     */
    @Override
    public boolean leased() {
        return leased && (!running || System.currentTimeMillis() - lastTick <= settings.sessionTimeout().toMillis());
    }

    @Override
    public boolean handsOverOnStop() {
        return true;
    }

    @Override
    public void running(String channel, ControlMessage started, List<Outage> outages) {
        int partition = partitionOf(started.streamId());
        int epoch = ownership.epoch(partition);
        runs.put(started.streamId(), new Run(channel, epoch, partition));
        publishAsync(new StreamState(channel, started, settings.nodeId(), epoch, partition, System.currentTimeMillis(), 0, outages));
    }

    @Override
    public void ended(String channel, String streamId) {
        Run run = runs.remove(streamId);
        StreamState current = view.get(streamId);
        if (run == null || current != null && !current.ownerNode().equals(settings.nodeId()) && current.epoch() > run.epoch()) {
            return; // another node runs it now: its state is not ours to delete
        }
        producer.send(new ProducerRecord<>(settings.stateTopic(), statePartition(partitionOf(streamId)), streamId, null));
    }

    @Override
    public String node() {
        return settings.nodeId();
    }

    // ---------------------------------------------------------------- called by the ownership consumer (its thread)

    /** Acts on a control record of a partition this node owns. */
    void act(String channel, ControlMessage msg) {
        if (!leased) {
            LOG.warn("Cluster node {} has no lease; not acting on {}", settings.nodeId(), msg);
            return;
        }
        component.act(channel, msg);
    }

    /**
     * An assignment under {@code epoch} (the group took this node in: its lease starts or goes on), with the
     * partitions it adds: rejoin their live streams that do not run here.
     */
    void assigned(Collection<Integer> partitions, int epoch, Map<Integer, Long> stateEnds) throws InterruptedException {
        leased = true;
        if (partitions.isEmpty()) {
            return;
        }
        if (!view.awaitRead(stateEnds, settings.sessionTimeout().toMillis())) {
            LOG.warn("Cluster node {}: the stream state view is behind the state topic; taking over what it holds", settings.nodeId());
        }
        Set<String> here = component.streamIds();
        int taken = 0;
        for (int p : partitions) {
            for (StreamState s : view.inPartition(p)) {
                if (here.contains(s.streamId())) {
                    continue;
                }
                takeOver(s, epoch);
                taken++;
            }
        }
        if (taken > 0) {
            LOG.info("Cluster node {} took over {} stream(s) of partitions {}", settings.nodeId(), taken, partitions);
        }
    }

    private void takeOver(StreamState s, int epoch) {
        long now = System.currentTimeMillis();
        List<Outage> outages = new ArrayList<>();
        for (Outage o : s.outages()) {
            // an earlier takeover still open when that owner lost the stream: its end is unknown
            outages.add(o.to() == 0 ? new Outage(o.from(), o.from(), o.cause(), o.detail(), o.fromNode(), o.toNode()) : o);
        }
        String from = s.ownerNode();
        outages.add(new Outage(s.leftAt() > 0 ? s.leftAt() : now, 0, OutageCause.TAKEOVER,
                "taken over from node " + from + " by node " + settings.nodeId()
                        + (s.leftAt() > 0 ? " (handed over)" : " (owner lost; measured from the reassignment)"),
                from, settings.nodeId()));
        LOG.info("Cluster node {} rejoining stream {} (was on node {}, epoch {} -> {})", settings.nodeId(), s.streamId(), from,
                s.epoch(), epoch);
        try {
            component.takeOver(s.channel(), s.started(), outages);
        } catch (RuntimeException e) {
            LOG.error("Cluster node {} could not rejoin stream {}: {}", settings.nodeId(), s.streamId(), e.getMessage());
        }
    }

    /**
     * Partitions revoked (a rebalance moves them): leave their streams and wait until they drained, so the
     * next owner joins only after this one left; their state says when. With Kafka unreachable (this node
     * stopping without it) the streams are left all the same, but their state cannot be written: the next
     * owner takes them over as a lost owner's.
     */
    void revoked(Collection<Integer> partitions, boolean kafkaReachable) throws InterruptedException {
        List<String> ids = runs.entrySet().stream().filter(e -> partitions.contains(e.getValue().partition()))
                .map(Map.Entry::getKey).toList();
        if (ids.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        component.leave(ids, LeaveReason.GRACEFUL, "handed over to another cluster node", settings.handOverTimeout().toMillis());
        if (!kafkaReachable) {
            ids.forEach(runs::remove);
            return;
        }
        long leftAt = System.currentTimeMillis();
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (String id : ids) {
            Run run = runs.remove(id);
            StreamState s = view.get(id);
            if (run != null && s != null) {
                sent.add(publishAsync(new StreamState(s.channel(), s.started(), settings.nodeId(), run.epoch(), run.partition(),
                        leftAt, leftAt, s.outages())));
            }
        }
        for (var f : sent) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Cluster node {}: could not record a hand-over in {}: {}", settings.nodeId(), settings.stateTopic(), e.getMessage());
            }
        }
        LOG.info("Cluster node {} handed over {} stream(s) of partitions {} in {} ms", settings.nodeId(), ids.size(), partitions,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Partitions lost (this node was thrown out of the group): its streams there may already run elsewhere. */
    void lost(Collection<Integer> partitions) {
        List<String> ids = runs.entrySet().stream().filter(e -> partitions.contains(e.getValue().partition()))
                .map(Map.Entry::getKey).toList();
        fence(ids, "partitions " + partitions + " lost");
    }

    /** True once after the lease was lost: the consumer then leaves and rejoins the group, to be given partitions anew. */
    boolean takeRejoinRequest() {
        return rejoin.getAndSet(false);
    }

    // ---------------------------------------------------------------- fencing

    private void stateChanged(StreamState s) {
        Run run = runs.get(s.streamId());
        if (run != null && !s.ownerNode().equals(settings.nodeId()) && s.epoch() > run.epoch()) {
            fence(List.of(s.streamId()), "node " + s.ownerNode() + " took it over (epoch " + s.epoch() + " > " + run.epoch() + ")");
        }
    }

    private void fence(Collection<String> ids, String why) {
        List<String> mine = ids.stream().filter(id -> runs.remove(id) != null).toList();
        if (mine.isEmpty()) {
            return;
        }
        LOG.warn("Cluster node {} fenced off {} stream(s): {}; leaving them without a word to Zoom", settings.nodeId(), mine.size(), why);
        fencer.execute(() -> {
            try {
                component.leave(mine, LeaveReason.FENCED, "fenced: " + why, settings.handOverTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * The lease: lost when the consumer has not heard from the group coordinator within the session
     * timeout, or when this thread itself did not run for that long (the process was paused or starved:
     * the group has moved on meanwhile). Every stream is then left at once, and no stream is (re)connected
     * until the consumer has rejoined and been assigned partitions again.
     */
    private void watch() {
        long limit = settings.sessionTimeout().toMillis();
        while (running) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.currentTimeMillis();
            long stalled = now - lastTick;
            if (leased) {
                long silent = ownership.millisSinceHeartbeat();
                if (stalled > limit || silent > limit) {
                    leased = false;
                    rejoin.set(true);
                    fence(List.copyOf(runs.keySet()), stalled > limit ? "this process did not run for " + stalled + " ms"
                            : "no heartbeat from the group coordinator for " + silent + " ms");
                }
            }
            // after the lease is judged: leased() must not see a fresh tick while a stall has not ended the lease yet
            lastTick = now;
        }
    }

    // ---------------------------------------------------------------- state records

    private java.util.concurrent.Future<?> publishAsync(StreamState s) {
        return producer.send(new ProducerRecord<>(settings.stateTopic(), statePartition(s.partition()), s.streamId(), ClusterJson.write(s)),
                (md, e) -> {
                    if (e != null) {
                        LOG.warn("Cluster node {}: could not record stream {} in {}: {}", settings.nodeId(), s.streamId(),
                                settings.stateTopic(), e.getMessage());
                    }
                });
    }

    /** The control topic partition of a stream id: Kafka's default partitioner for a keyed record. */
    public int partitionOf(String streamId) {
        return Utils.toPositive(Utils.murmur2(streamId.getBytes(StandardCharsets.UTF_8))) % controlPartitions;
    }

    private int statePartition(int controlPartition) {
        return controlPartition % statePartitions;
    }

    // ---------------------------------------------------------------- operations

    /** True once this node was first assigned partitions (readiness). */
    @Override
    public boolean ready() {
        return ownership.everAssigned();
    }

    /** Streams running on this node under its lease. */
    public int ownedStreams() {
        return runs.size();
    }

    /** Partitions of the control topic this node owns. */
    public int ownedPartitions() {
        return ownership.partitionCount();
    }

    /** Live streams over the whole cluster, as this node's state view holds them. */
    public int clusterStreams() {
        return view.size();
    }

    /** The ids of the cluster's live streams (whichever node runs them): recordings another node may be writing. */
    public Set<String> liveStreamIds() {
        return view.all().stream().map(StreamState::streamId).collect(Collectors.toSet());
    }

    /** A live stream's state as this node's view holds it, or null. */
    public StreamState state(String streamId) {
        return view.get(streamId);
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** The node each stream runs on, as this node's state view holds it. */
    public Map<String, String> owners() {
        return view.all().stream().collect(Collectors.toMap(StreamState::streamId, StreamState::ownerNode, (a, b) -> b));
    }

    ClusterSettings settings() {
        return settings;
    }
}
