package io.camelrtms.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the cluster's topics when they are missing: the control topic with the configured partitions,
 * the state topic with as many, compacted (only each stream's last state matters). Topics that exist
 * are left as they are: an operator may have created them with other settings. {@link #createMissing}
 * serves the other cluster topics too (the webhook dedupe topic).
 */
public final class ClusterTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private ClusterTopics() {
    }

    static void ensure(ClusterSettings settings) {
        List<NewTopic> topics = List.of(
                new NewTopic(settings.controlTopic(), settings.partitions(), settings.replicationFactor()),
                new NewTopic(settings.stateTopic(), settings.partitions(), settings.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try {
            for (NewTopic t : createMissing(settings.bootstrapServers(), settings.kafka(), topics, TIMEOUT_SECONDS)) {
                LOG.info("Created Kafka topic {} ({} partitions)", t.name(), t.numPartitions());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster's Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not check or create the cluster's Kafka topics on "
                    + settings.bootstrapServers() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /**
     * Creates those of {@code topics} that do not exist yet, each within {@code timeoutSeconds}; a topic
     * another replica creates at the same moment counts as existing. What to do when Kafka cannot be asked
     * is the caller's choice.
     *
     * @return the topics it created
     */
    public static List<NewTopic> createMissing(String bootstrapServers, Map<String, Object> clientProperties, List<NewTopic> topics,
                                               long timeoutSeconds) throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<NewTopic> created = new ArrayList<>();
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
            for (NewTopic t : topics) {
                if (existing.contains(t.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(t)).all().get(timeoutSeconds, TimeUnit.SECONDS);
                    created.add(t);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        return created;
    }
}
