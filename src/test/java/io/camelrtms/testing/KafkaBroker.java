package io.camelrtms.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, one node, in the test JVM) for the kafka sink and cluster tests:
 * spring-kafka-test's embedded broker, with settings that keep a test short (no initial rebalance
 * delay, short minimum session timeout so a killed replica's partitions move within seconds).
 * Topics are created by the code under test or by {@link #createTopic}.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker whose auto-created topics get {@code partitions} partitions. */
    public static KafkaBroker start(int partitions) {
        return start(partitions, 0);
    }

    /**
     * Starts a broker on a given port of 127.0.0.1 (0: any free one), e.g. the port a bundle was
     * told about while no broker listened there.
     */
    public static KafkaBroker start(int partitions, int port) {
        EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, partitions);
        if (port != 0) {
            b.kafkaPorts(port);
        }
        b.brokerProperties(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(partitions)));
        b.afterPropertiesSet();
        return new KafkaBroker(b);
    }

    /** host:port list for {@code bootstrap.servers} (127.0.0.1 / localhost only). */
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Creates a topic (idempotent: an existing topic is left as it is). */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                return;
            }
            org.apache.kafka.clients.admin.NewTopic topic = new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1);
            topic.configs(config);
            admin.createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
