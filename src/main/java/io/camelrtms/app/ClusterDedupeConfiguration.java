package io.camelrtms.app;

import io.camelrtms.cluster.ClusterTopics;
import io.camelrtms.webhook.KafkaWebhookDedupe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The cluster-wide webhook dedupe: with {@code rtms.cluster.kafka.bootstrap-servers} set, the
 * {@code zoomWebhookDedupe} bean of {@code routes/webhook.yaml} is Camel's
 * {@link KafkaIdempotentRepository} on {@code rtms.cluster.kafka.dedupe-topic}, so a Zoom retry that
 * lands on any replica is answered {@code duplicate}. Ordered before {@link WebhookConfiguration},
 * whose one-node repository backs off for a bean of this name.
 *
 * <p>Every replica keeps the keys in memory (an LRU of {@code rtms.webhook.dedupe-max-entries}) and
 * learns the others' from the topic, which it reads from the beginning at start; the topic keeps a
 * key for {@code rtms.webhook.dedupe-window} (its {@code retention.ms} when the bundle creates it),
 * which covers Zoom's retries (5, 25 and 85 minutes after the first attempt). See docs/configuration.md.
 */
@AutoConfiguration(before = WebhookConfiguration.class)
@ConditionalOnProperty(prefix = "rtms", name = "enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository")
@ConditionalOnExpression("!'${rtms.cluster.kafka.bootstrap-servers:}'.isBlank()")
@EnableConfigurationProperties({ClusterProperties.class, WebhookProperties.class})
public class ClusterDedupeConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDedupeConfiguration.class);
    /** How long the start waits for the broker to create the topic before leaving it to the broker's auto-creation. */
    private static final long CREATE_TOPIC_SECONDS = 15;
    /** The longest a webhook waits for Kafka to take its dedupe key: Zoom waits about three seconds for the answer. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Camel started and stops it (it is a Camel service, CamelContextAware): at start it reads the
     * whole topic before the webhook route takes requests.
     */
    @Bean
    @ConditionalOnMissingBean(name = "zoomWebhookDedupe")
    public KafkaWebhookDedupe zoomWebhookDedupe(ClusterProperties cluster, WebhookProperties webhook) {
        ClusterProperties.Kafka kafka = cluster.getKafka();
        Map<String, Object> clientProperties = KafkaClientProperties.forCluster(cluster);
        createTopic(kafka, clientProperties, webhook);
        return new KafkaWebhookDedupe(kafka.getDedupeTopic(), kafka.getBootstrapServers().strip(), clientProperties, SEND_TIMEOUT,
                webhook.dedupeMaxEntries());
    }

    /**
     * Creates the dedupe topic (one partition: every replica reads all of it) with a retention of the
     * dedupe window, so a replica starting later still learns the deliveries of the window and the
     * topic does not grow for ever. An existing topic is left as it is.
     */
    static void createTopic(ClusterProperties.Kafka kafka, Map<String, Object> clientProperties, WebhookProperties webhook) {
        NewTopic topic = new NewTopic(kafka.getDedupeTopic(), 1, kafka.getReplicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(webhook.dedupeWindow().toMillis()),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            if (!ClusterTopics.createMissing(kafka.getBootstrapServers().strip(), clientProperties, List.of(topic),
                    CREATE_TOPIC_SECONDS).isEmpty()) {
                LOG.info("Created the webhook dedupe topic {} (retention {})", kafka.getDedupeTopic(), webhook.dedupeWindow());
            }
        } catch (ExecutionException e) {
            LOG.warn("Could not create the webhook dedupe topic {} ({}); the broker may create it with its defaults",
                    kafka.getDedupeTopic(), e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("Kafka did not answer within {} s creating the webhook dedupe topic {}; the broker may create it "
                    + "with its defaults", CREATE_TOPIC_SECONDS, kafka.getDedupeTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
