package io.camelrtms.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cluster mode ({@code rtms.cluster.*}): several replicas share the work through Kafka. Off while
 * {@code kafka.bootstrap-servers} is empty: one node, exactly as without these settings.
 */
@ConfigurationProperties(prefix = "rtms.cluster")
public class ClusterProperties {

    /** This replica's name in the cluster: stream state, status API, metrics and manifests name it. Default: the host name. */
    private String nodeId = "";

    /** How long a replica handing its streams over (rebalance, shutdown) waits for them to drain before it lets go. */
    private Duration handOverTimeout = Duration.ofSeconds(10);

    private final Kafka kafka = new Kafka();

    /** Kafka, the cluster's engine. */
    public static class Kafka {

        /** host:port[,host:port…] of the Kafka brokers; empty: no cluster. */
        private String bootstrapServers = "";

        /** Topic of verified control messages, keyed by rtms_stream_id; the owner of a key's partition runs that stream. */
        private String controlTopic = "rtms-control";

        /** Compacted topic holding the state of every live stream (what a new owner needs to rejoin it). */
        private String stateTopic = "rtms-streams";

        /** Topic of the cluster-wide webhook dedupe (Camel's KafkaIdempotentRepository). */
        private String dedupeTopic = "rtms-webhook-dedupe";

        /** Consumer group of the replicas: one group, so each partition has one owner. */
        private String groupId = "camel-rtms";

        /** Partitions of the control and state topics when the bundle creates them: the most replicas that share streams. */
        private int partitions = 12;

        /** Replication factor of the topics the bundle creates. */
        private short replicationFactor = 1;

        /** How long a replica may go silent before Kafka gives its partitions (and streams) to the others. */
        private Duration sessionTimeout = Duration.ofSeconds(6);

        /**
         * Further Kafka client properties (security.protocol, sasl.*, ssl.*, …) given to every Kafka client of
         * the cluster mode: producer, consumers, admin, webhook dedupe. Those the cluster relies on are refused
         * (docs/cluster.md, "Security"). The values are never logged.
         */
        private Map<String, String> properties = new LinkedHashMap<>();

        public String getBootstrapServers() {
            return bootstrapServers;
        }

        public void setBootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public String getControlTopic() {
            return controlTopic;
        }

        public void setControlTopic(String controlTopic) {
            this.controlTopic = controlTopic;
        }

        public String getStateTopic() {
            return stateTopic;
        }

        public void setStateTopic(String stateTopic) {
            this.stateTopic = stateTopic;
        }

        public String getDedupeTopic() {
            return dedupeTopic;
        }

        public void setDedupeTopic(String dedupeTopic) {
            this.dedupeTopic = dedupeTopic;
        }

        public String getGroupId() {
            return groupId;
        }

        public void setGroupId(String groupId) {
            this.groupId = groupId;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public Map<String, String> getProperties() {
            return properties;
        }

        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }
    }

    /** Whether the cluster mode is on. */
    public boolean isEnabled() {
        return kafka.bootstrapServers != null && !kafka.bootstrapServers.isBlank();
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public Duration getHandOverTimeout() {
        return handOverTimeout;
    }

    public void setHandOverTimeout(Duration handOverTimeout) {
        this.handOverTimeout = handOverTimeout;
    }

    public Kafka getKafka() {
        return kafka;
    }
}
