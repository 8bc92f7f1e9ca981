package io.camelrtms.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's member of the consumer group on the control topic, on a thread of its own: owns some
 * partitions, acts on their control records, and tells the placement when partitions come and go.
 * CooperativeStickyAssignor: a rebalance moves only the partitions that change owner, so a replica
 * joining or leaving does not interrupt the streams that stay where they are.
 */
final class OwnershipConsumer implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(OwnershipConsumer.class);
    /** Control records older than this are not acted on: far past Zoom's reconnect window (about a minute). */
    private static final long STALE_MILLIS = 5 * 60_000;
    /**
     * How long a stopping node waits for Kafka once it found Kafka unreachable: each client's close, and the
     * metadata request that asks. Kubernetes kills a pod 30 s after SIGTERM by default; Kafka's own waits for
     * a broker that does not answer (commit, pending records, leave group) would use most of that for nothing.
     */
    static final Duration UNREACHABLE_WAIT = Duration.ofSeconds(1);

    private final ClusterSettings settings;
    private final KafkaStreamPlacement placement;
    /** Owned partitions and the group generation in which each was assigned (the fencing epoch). */
    private final Map<Integer, Integer> epochs = new ConcurrentHashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Metric lastHeartbeat;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean everAssigned;
    private volatile long joinedAt;
    /** When the last rebalance completed: the heartbeats, paused while it ran, start again from here. */
    private volatile long assignedAt;
    /** Decided once, as the node stops ({@link #brokerAnswers()}): its Kafka clients then close without waiting. */
    private volatile boolean brokerUnreachable;

    OwnershipConsumer(ClusterSettings settings, KafkaStreamPlacement placement) {
        this.settings = settings;
        this.placement = placement;
    }

    void start() {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rtms-ownership-" + settings.nodeId() + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a control message produced before any replica joined is still acted on
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int session = (int) settings.sessionTimeout().toMillis();
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, session / 3));
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        lastHeartbeat = consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("last-heartbeat-seconds-ago")).map(Map.Entry::getValue).findFirst().orElse(null);
        running = true;
        thread = new Thread(this::run, "rtms-cluster-ownership");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            join();
            while (running) {
                if (placement.takeRejoinRequest()) {
                    // leave and rejoin: the group hands out partitions again, under a new generation
                    LOG.warn("Cluster node {} rejoining the group after losing its lease", settings.nodeId());
                    consumer.unsubscribe();
                    join();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
                    handle(r);
                }
                if (!records.isEmpty()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("Cluster node {}: the ownership consumer stopped: {}", settings.nodeId(), e.toString(), e);
        } finally {
            stop();
        }
    }

    /**
     * Leaves the group: closing revokes every partition, and the streams are handed over first
     * (onPartitionsRevoked, which runs inside close whether Kafka answers or not). With Kafka unreachable the
     * streams are still left here, but the hand-over is not recorded nor the offsets committed, and the
     * consumer does not wait for a coordinator that cannot answer: the group reassigns the partitions once
     * this member's session timed out.
     */
    private void stop() {
        brokerUnreachable = !brokerAnswers();
        List<Integer> owned = List.copyOf(epochs.keySet());
        try {
            consumer.close(closeTimeout(Duration.ofSeconds(settings.handOverTimeout().toSeconds() + 10)));
        } catch (RuntimeException e) {
            LOG.warn("Cluster node {}: closing the ownership consumer: {}", settings.nodeId(), e.toString());
        }
        if (brokerUnreachable) {
            LOG.warn("Cluster node {} stopped while Kafka ({}) was unreachable: it left its streams here without recording the "
                    + "hand-over; the group gives its partitions {} to the other replicas once its session timeout ({} s) has passed",
                    settings.nodeId(), settings.bootstrapServers(), owned, settings.sessionTimeout().toSeconds());
        }
    }

    /**
     * Whether Kafka answers this stopping node. No heartbeat within the session timeout means no (the lease
     * watch judges so too); otherwise one metadata request must be answered within {@link #UNREACHABLE_WAIT}:
     * a broker that has just gone has not missed a heartbeat yet. Misjudged while Kafka answers, the streams
     * are still left here and the consumer still leaves the group; only the hand-over's state and the last
     * offsets are not written, and the next owner acts on those control records again.
     */
    private boolean brokerAnswers() {
        if (millisSinceHeartbeat() > settings.sessionTimeout().toMillis()) {
            return false;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.listTopics(UNREACHABLE_WAIT);
                return true;
            } catch (WakeupException e) {
                // close()'s wakeup arrived outside poll: it is used up now, ask again
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    /** {@code graceful} while Kafka answers; {@link #UNREACHABLE_WAIT} once this node found it unreachable as it stopped. */
    Duration closeTimeout(Duration graceful) {
        return brokerUnreachable ? UNREACHABLE_WAIT : graceful;
    }

    private void join() {
        joinedAt = System.currentTimeMillis();
        consumer.subscribe(List.of(settings.controlTopic()), this);
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        if (System.currentTimeMillis() - r.timestamp() > STALE_MILLIS) {
            // read again from long ago (the group's offsets expired): Zoom stopped waiting for such a stream
            LOG.debug("Cluster node {}: skipping a control record of stream {} from {} ms ago", settings.nodeId(), r.key(),
                    System.currentTimeMillis() - r.timestamp());
            return;
        }
        try {
            ClusterJson.ControlRecord c = ClusterJson.read(r.value(), ClusterJson.ControlRecord.class);
            placement.act(c.channel(), c.message());
        } catch (IOException e) {
            LOG.warn("Skipping an unreadable record of {} (partition {}, offset {}): {}", settings.controlTopic(), r.partition(),
                    r.offset(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Cluster node {}: acting on a control message for stream {} failed: {}", settings.nodeId(), r.key(), e.getMessage());
        }
    }

    private void commit() {
        try {
            consumer.commitSync(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // a rebalance under way: the next owner acts on these records again, which a start or stop tolerates
            LOG.debug("Cluster node {}: commit failed: {}", settings.nodeId(), e.toString());
        }
    }

    void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(settings.handOverTimeout().toMillis() + 20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- ConsumerRebalanceListener (poll thread)

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        int generation = consumer.groupMetadata().generationId();
        List<Integer> ids = numbers(partitions);
        ids.forEach(p -> epochs.put(p, generation));
        assignedAt = System.currentTimeMillis();
        everAssigned = true;
        try {
            if (ids.isEmpty()) {
                placement.assigned(ids, generation, Map.of());
                return;
            }
            LOG.info("Cluster node {} owns partitions {} (generation {})", settings.nodeId(), epochs.keySet(), generation);
            List<TopicPartition> state = consumer.partitionsFor(settings.stateTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<Integer, Long> ends = consumer.endOffsets(state).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
            placement.assigned(ids, generation, ends);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<Integer> ids = numbers(partitions);
        if (ids.isEmpty()) {
            return;
        }
        try {
            placement.revoked(ids, !brokerUnreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ids.forEach(epochs::remove);
            if (!brokerUnreachable) {
                commit();
            }
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        List<Integer> ids = numbers(partitions);
        LOG.warn("Cluster node {} lost partitions {}", settings.nodeId(), ids);
        ids.forEach(epochs::remove);
        placement.lost(ids);
    }

    private List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> tp.topic().equals(settings.controlTopic())).map(TopicPartition::partition).toList();
    }

    // ---------------------------------------------------------------- any thread

    boolean owns(int partition) {
        return epochs.containsKey(partition);
    }

    int epoch(int partition) {
        return epochs.getOrDefault(partition, -1);
    }

    int partitionCount() {
        return epochs.size();
    }

    boolean everAssigned() {
        return everAssigned;
    }

    /**
     * How long ago the group coordinator last answered a heartbeat, at most the time since the last join or
     * assignment (the consumer sends no heartbeat while a rebalance runs); 0 before the first assignment.
     */
    long millisSinceHeartbeat() {
        if (lastHeartbeat == null || epochs.isEmpty()) {
            return 0;
        }
        Object v = lastHeartbeat.metricValue();
        if (!(v instanceof Number n) || n.doubleValue() < 0 || Double.isInfinite(n.doubleValue())) {
            return 0;
        }
        return Math.min((long) (n.doubleValue() * 1000), System.currentTimeMillis() - Math.max(joinedAt, assignedAt));
    }
}
