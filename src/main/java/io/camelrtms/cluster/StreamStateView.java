package io.camelrtms.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica's local copy of the state topic: the live streams of the whole cluster, read from the
 * beginning and kept up to date on a thread of its own (its consumer belongs to no group: it reads every
 * partition). A new owner looks up here the streams it inherits; a node learns here that another took
 * over a stream it still runs.
 */
final class StreamStateView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamStateView.class);
    /** How long closing the view's consumer may take while Kafka answers. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterSettings settings;
    private final Consumer<StreamState> onUpdate;
    private final Map<String, StreamState> live = new ConcurrentHashMap<>();
    /** Next offset to read per partition, as far as this view has read. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    /** The end of each partition when this view started: read up to there, the view is loaded. */
    private final Map<Integer, Long> initialEnds = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile Duration closeTimeout = CLOSE_TIMEOUT;

    StreamStateView(ClusterSettings settings, Consumer<StreamState> onUpdate) {
        this.settings = settings;
        this.onUpdate = onUpdate;
    }

    void start() {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rtms-state-view-" + settings.nodeId() + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(settings.stateTopic(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        consumer.endOffsets(partitions).forEach((tp, end) -> initialEnds.put(tp.partition(), end));
        running = true;
        thread = new Thread(this::run, "rtms-cluster-state-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                synchronized (progress) {
                    for (TopicPartition tp : consumer.assignment()) {
                        positions.put(tp.partition(), consumer.position(tp));
                    }
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("The cluster's stream state view stopped reading {}: {}", settings.stateTopic(), e.toString());
            }
        } finally {
            consumer.close(closeTimeout);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            live.remove(r.key()); // the stream ended
            return;
        }
        try {
            StreamState s = ClusterJson.read(r.value(), StreamState.class);
            live.put(r.key(), s);
            onUpdate.accept(s);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping an unreadable record of {} (partition {}, offset {}): {}", settings.stateTopic(), r.partition(),
                    r.offset(), e.getMessage());
        }
    }

    /**
     * Waits until this view has read each partition up to the given offset (the end offsets a caller saw),
     * at most {@code timeoutMillis}; false when it has not.
     */
    boolean awaitRead(Map<Integer, Long> ends, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (progress) {
            while (!readUpTo(ends)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !running) {
                    return false;
                }
                progress.wait(left);
            }
            return true;
        }
    }

    /** Waits until the view holds what the state topic held when it started; false after {@code timeoutMillis}. */
    boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
        return awaitRead(initialEnds, timeoutMillis);
    }

    private boolean readUpTo(Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The live streams whose key is in {@code partition} of the control topic. */
    List<StreamState> inPartition(int partition) {
        return live.values().stream().filter(s -> s.partition() == partition).toList();
    }

    StreamState get(String streamId) {
        return live.get(streamId);
    }

    /** Every live stream of the cluster. */
    List<StreamState> all() {
        return List.copyOf(live.values());
    }

    /** Live streams over the whole cluster. */
    int size() {
        return live.size();
    }

    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /** Stops reading; the consumer's close waits for Kafka at most {@code timeout}. */
    void close(Duration timeout) {
        closeTimeout = timeout;
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
