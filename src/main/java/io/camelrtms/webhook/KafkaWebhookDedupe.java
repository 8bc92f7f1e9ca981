package io.camelrtms.webhook;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

/**
 * The cluster-wide webhook dedupe: Camel's {@link KafkaIdempotentRepository} with producer settings
 * that suit a webhook answer, and a stop that works.
 *
 * <p>Producer: {@code acks=all}, and a failed broker makes {@link #add} fail within
 * {@code timeout} instead of Kafka's default of a minute (Zoom waits about three seconds for the
 * answer). Consumer: a group of its own per instance, so every replica reads the whole topic. Both
 * get the operator's further client properties (security) first, ours on top: the caller has refused
 * any that would clash with them.
 *
 * <p>Stop: Camel 4.17's {@code doStop} closes the Kafka consumer while its poller thread may still be
 * inside {@code poll()} (at most {@code pollDurationMs}), which Kafka refuses with a
 * {@link ConcurrentModificationException} and leaves the producer open. The poller has been told to
 * stop by then, so the close is tried again after one poll's time, a bounded number of times.
 *
 * <p>Add: Camel puts the key into its in-memory cache before sending it to Kafka and keeps it there when
 * Kafka refuses it, so Zoom's retry of a delivery we answered 503 would be taken for a duplicate. A key
 * Kafka did not store is taken out of that cache again (the cache is private, hence the reflection; its
 * own {@code remove} would first wait for Kafka a second time).
 */
public class KafkaWebhookDedupe extends KafkaIdempotentRepository {

    private static final int STOP_ATTEMPTS = 20;
    private static final Field CACHE = cacheField();

    /**
     * @param topic            the dedupe topic shared by the replicas
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param clientProperties further properties of both clients (security), may be empty
     * @param timeout          the longest {@link #add} waits for the broker
     * @param maxEntries       keys kept in memory (least recently used go first)
     */
    public KafkaWebhookDedupe(String topic, String bootstrapServers, Map<String, Object> clientProperties, Duration timeout,
                              int maxEntries) {
        this(topic, bootstrapServers, clientProperties, timeout, maxEntries, "camel-rtms-dedupe-" + UUID.randomUUID());
    }

    private KafkaWebhookDedupe(String topic, String bootstrapServers, Map<String, Object> clientProperties, Duration timeout,
                               int maxEntries, String groupId) {
        super(topic, consumer(bootstrapServers, clientProperties, groupId), producer(bootstrapServers, clientProperties, timeout),
                maxEntries, 100, groupId);
    }

    private static Properties consumer(String bootstrapServers, Map<String, Object> clientProperties, String groupId) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", groupId);
        return p;
    }

    private static Properties producer(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout) {
        int millis = (int) Math.max(1000, timeout.toMillis());
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put("bootstrap.servers", bootstrapServers);
        p.put("acks", "all");
        p.put("max.block.ms", Integer.toString(millis));
        p.put("request.timeout.ms", Integer.toString(millis));
        p.put("delivery.timeout.ms", Integer.toString(millis));
        return p;
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (RuntimeException notStored) {
            forget(key);
            throw notStored;
        }
    }

    private void forget(String key) {
        try {
            ((Map<?, ?>) CACHE.get(this)).remove(key);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field cacheField() {
        try {
            Field f = KafkaIdempotentRepository.class.getDeclaredField("cache");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("KafkaIdempotentRepository has no cache field any more: " + e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                super.doStop();
                return;
            } catch (ConcurrentModificationException pollerStillPolling) {
                if (attempt == STOP_ATTEMPTS) {
                    throw pollerStillPolling;
                }
                // the poller leaves after its current poll; wait for it rather than spin
                Thread.sleep(getPollDurationMs());
            }
        }
    }
}
