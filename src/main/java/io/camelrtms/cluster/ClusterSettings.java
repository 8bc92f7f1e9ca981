package io.camelrtms.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a cluster node needs to know: the Kafka brokers, the topics and group it shares with the other
 * replicas, and its own name.
 *
 * @param bootstrapServers  host:port[,host:port…] of the Kafka brokers
 * @param nodeId            this replica's name (state records, status API, manifests)
 * @param controlTopic      verified control messages keyed by rtms_stream_id; a partition's owner runs its streams
 * @param stateTopic        compacted: the state of every live stream, keyed by rtms_stream_id
 * @param groupId           the replicas' consumer group
 * @param partitions        partitions of both topics when this node creates them
 * @param replicationFactor replication factor of the topics it creates
 * @param sessionTimeout    how long a replica may be silent before its partitions move (and it must stop its streams)
 * @param handOverTimeout   how long a node leaving its streams waits for them to drain before it lets them go
 * @param kafka             further Kafka client settings, given to every client (e.g. security), may be empty;
 *                          {@link #toString} names their keys only (a JAAS line holds a password)
 */
public record ClusterSettings(String bootstrapServers, String nodeId, String controlTopic, String stateTopic,
                              String groupId, int partitions, short replicationFactor, Duration sessionTimeout,
                              Duration handOverTimeout, Map<String, Object> kafka) {

    public ClusterSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("a cluster node needs a node id (rtms.cluster.node-id)");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    }

    @Override
    public String toString() {
        return "ClusterSettings[bootstrapServers=" + bootstrapServers + ", nodeId=" + nodeId + ", controlTopic=" + controlTopic
                + ", stateTopic=" + stateTopic + ", groupId=" + groupId + ", partitions=" + partitions + ", replicationFactor="
                + replicationFactor + ", sessionTimeout=" + sessionTimeout + ", handOverTimeout=" + handOverTimeout
                + ", kafka=" + new TreeSet<>(kafka.keySet()) + " (values not shown)]";
    }
}
