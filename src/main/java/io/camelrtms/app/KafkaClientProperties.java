package io.camelrtms.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The Kafka client properties an operator adds ({@code rtms.cluster.kafka.properties.*},
 * {@code rtms.kafka.properties.*}): security (TLS, SASL) and tuning, given as they are to every Kafka
 * client of the cluster mode or of the kafka sink.
 *
 * <p>Some properties are the bundle's own: the cluster's guarantees (one owner per partition, a control
 * message acted on before it is committed, a stored record is on every in-sync replica, a webhook
 * answered within Zoom's wait) rest on them. A user value for one of those is refused at start with the
 * reason, unless it is the value the bundle sets anyway, rather than silently overridden: an operator who
 * wrote {@code enable.auto.commit: true} should learn it cannot work, not find later that it did nothing.
 * Those with a setting of their own (brokers, group, session timeout) name it.
 *
 * <p>Values are never printed (a JAAS line holds a password): messages and {@link #describe} name keys only.
 */
final class KafkaClientProperties {

    /** A property the bundle sets: why, and the user values it accepts (those that change nothing). */
    private record Reserved(boolean clusterOnly, String why, Predicate<String> accepted) {
    }

    private static final Predicate<String> NONE = v -> false;

    private static final Map<String, Reserved> RESERVED = reserved();

    private KafkaClientProperties() {
    }

    private static Map<String, Reserved> reserved() {
        Map<String, Reserved> r = new LinkedHashMap<>();
        r.put("bootstrap.servers", new Reserved(false,
                "the brokers are rtms.cluster.kafka.bootstrap-servers (rtms.kafka.brokers for the kafka sink)", NONE));
        r.put("acks", new Reserved(false, "a record counts as stored once every in-sync replica has it (acks=all)",
                v -> v.equalsIgnoreCase("all") || v.equals("-1")));
        r.put("enable.idempotence", new Reserved(false,
                "the producers' own retries must not write a record twice nor reorder a stream's records",
                v -> v.equalsIgnoreCase("true")));
        r.put("max.in.flight.requests.per.connection", new Reserved(false,
                "more than 5 requests in flight lose the idempotent producer's order", KafkaClientProperties::atMostFive));
        r.put("transactional.id", new Reserved(false, "a transactional producer refuses the bundle's sends", NONE));
        for (String timeout : List.of("max.block.ms", "request.timeout.ms", "delivery.timeout.ms")) {
            r.put(timeout, new Reserved(false, "the bundle bounds every send: a webhook is answered within Zoom's few seconds, "
                    + "a sink send gives up after rtms.kafka.send-timeout and is spooled", NONE));
        }
        for (String serde : List.of("key.serializer", "value.serializer", "key.deserializer", "value.deserializer")) {
            r.put(serde, new Reserved(false, "the records are in the bundle's own format", NONE));
        }
        r.put("client.id", new Reserved(true,
                "the bundle names each client after the node (rtms-cluster-<node>, rtms-ownership-<node>-…)", NONE));
        r.put("group.id", new Reserved(true, "the replicas' group is rtms.cluster.kafka.group-id; the state view and the "
                + "dedupe read every partition outside it", NONE));
        r.put("group.instance.id", new Reserved(true, "with static membership a stopping replica keeps its partitions "
                + "until its session times out, so its streams would not be handed over", NONE));
        r.put("partition.assignment.strategy", new Reserved(true, "the cooperative sticky assignor moves only the "
                + "partitions that must move, so the other streams keep running through a rebalance", NONE));
        r.put("enable.auto.commit", new Reserved(true,
                "the ownership consumer commits a control message only after it acted on it", v -> v.equalsIgnoreCase("false")));
        r.put("auto.offset.reset", new Reserved(true,
                "a control message stored before any replica joined must still be acted on", v -> v.equalsIgnoreCase("earliest")));
        for (String lease : List.of("session.timeout.ms", "heartbeat.interval.ms")) {
            r.put(lease, new Reserved(true, "the lease that fences a silent replica is rtms.cluster.kafka.session-timeout", NONE));
        }
        r.put("linger.ms", new Reserved(true, "a webhook waits for its control message: it is sent at once", v -> v.equals("0")));
        return Map.copyOf(r);
    }

    private static boolean atMostFive(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            return n >= 1 && n <= 5;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The properties of the cluster mode's clients (producer, consumers, admin, dedupe), checked.
     *
     * @throws KafkaClientPropertiesException naming the first property that would break the cluster
     */
    static Map<String, Object> forCluster(ClusterProperties cluster) {
        return check("rtms.cluster.kafka.properties", cluster.getKafka().getProperties(), true);
    }

    /**
     * The properties of the kafka sink's producer: its own; with neither its own brokers nor its own
     * properties, those of the cluster mode, whose brokers it then uses.
     */
    static Map<String, Object> forSink(KafkaSinkProperties sink, ClusterProperties cluster) {
        boolean ownBrokers = sink.getBrokers() != null && !sink.getBrokers().isBlank();
        if (sink.getProperties().isEmpty() && !ownBrokers) {
            return forCluster(cluster);
        }
        return check("rtms.kafka.properties", sink.getProperties(), false);
    }

    static Map<String, Object> check(String prefix, Map<String, String> properties, boolean cluster) {
        Map<String, Object> checked = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            String k = key.strip();
            Reserved r = RESERVED.get(k);
            if (r != null && (cluster || !r.clusterOnly()) && !r.accepted().test(value == null ? "" : value.strip())) {
                // the value is left out of the message: it is the operator's, and may be anything
                throw new KafkaClientPropertiesException(prefix + "." + k + " cannot be set to that value: " + r.why() + ".");
            }
            checked.put(k, value);
        });
        return checked;
    }

    /** The keys only, for a log line: "security.protocol, sasl.jaas.config (values not shown)". */
    static String describe(Map<String, ?> properties) {
        return properties.isEmpty() ? "none" : String.join(", ", new TreeSet<>(properties.keySet())) + " (values not shown)";
    }
}
