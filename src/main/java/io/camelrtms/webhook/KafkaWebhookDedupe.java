package io.camelrtms.webhook;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

/**
 * The cluster-wide webhook dedupe: Camel's {@link KafkaIdempotentRepository} with producer settings
 * that suit a webhook answer, and a stop that works.
 *
 * <p>Producer: {@code acks=all}, and a failed broker makes {@link #add} fail within
 * {@code timeout} instead of Kafka's default of a minute (Zoom waits about three seconds for the
 * answer). Consumer: a group of its own per instance, so every replica reads the whole topic.
 *
 * <p>Stop: Camel 4.17's {@code doStop} closes the Kafka consumer while its poller thread may still be
 * inside {@code poll()} (at most {@code pollDurationMs}), which Kafka refuses with a
 * {@link ConcurrentModificationException} and leaves the producer open. The poller has been told to
 * stop by then, so the close is tried again after one poll's time, a bounded number of times.
 */
public class KafkaWebhookDedupe extends KafkaIdempotentRepository {

    private static final int STOP_ATTEMPTS = 20;

    /**
     * @param topic            the dedupe topic shared by the replicas
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param timeout          the longest {@link #add} waits for the broker
     * @param maxEntries       keys kept in memory (least recently used go first)
     */
    public KafkaWebhookDedupe(String topic, String bootstrapServers, Duration timeout, int maxEntries) {
        this(topic, bootstrapServers, timeout, maxEntries, "camel-rtms-dedupe-" + UUID.randomUUID());
    }

    private KafkaWebhookDedupe(String topic, String bootstrapServers, Duration timeout, int maxEntries, String groupId) {
        super(topic, consumer(bootstrapServers, groupId), producer(bootstrapServers, timeout), maxEntries, 100, groupId);
    }

    private static Properties consumer(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", groupId);
        return p;
    }

    private static Properties producer(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.max(1000, timeout.toMillis());
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("acks", "all");
        p.put("max.block.ms", Integer.toString(millis));
        p.put("request.timeout.ms", Integer.toString(millis));
        p.put("delivery.timeout.ms", Integer.toString(millis));
        return p;
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
