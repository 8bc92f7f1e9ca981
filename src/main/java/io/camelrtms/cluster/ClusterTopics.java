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
 * are left as they are: an operator may have created them with other settings.
 */
final class ClusterTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private ClusterTopics() {
    }

    static void ensure(ClusterSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(settings.controlTopic())) {
                missing.add(new NewTopic(settings.controlTopic(), settings.partitions(), settings.replicationFactor()));
            }
            if (!existing.contains(settings.stateTopic())) {
                missing.add(new NewTopic(settings.stateTopic(), settings.partitions(), settings.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (missing.isEmpty()) {
                return;
            }
            for (NewTopic t : missing) {
                try {
                    admin.createTopics(List.of(t)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.info("Created Kafka topic {} ({} partitions)", t.name(), t.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another replica creating it at the same moment is fine
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster's Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not check or create the cluster's Kafka topics on "
                    + settings.bootstrapServers() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
