package io.camelrtms.testing;

import java.util.HashMap;
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
 *
 * <p>{@link #startSasl} gives a broker whose client listener asks for SASL/PLAIN credentials, as a
 * production broker with authentication does (Amazon MSK, Confluent Cloud, Strimzi with auth).
 */
public final class KafkaBroker implements AutoCloseable {

    /** The broker's own user on its SASL listener (its inter-broker connections, and {@link #admin()}). */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-broker-secret";

    private final EmbeddedKafkaKraftBroker broker;
    /** What a client needs besides bootstrap.servers: empty for PLAINTEXT, the admin's SASL settings otherwise. */
    private final Map<String, Object> adminSecurity;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker, Map<String, Object> adminSecurity) {
        this.broker = broker;
        this.adminSecurity = adminSecurity;
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
        return start(partitions, port, Map.of(), Map.of());
    }

    /**
     * Starts a broker whose client listener (the testkit's {@code EXTERNAL}) takes SASL_PLAINTEXT with the
     * PLAIN mechanism and knows {@link #ADMIN_USER} plus the given users (name to password); the
     * controller listener stays PLAINTEXT, inside this JVM.
     */
    public static KafkaBroker startSasl(int partitions, Map<String, String> users) {
        // the broker's own credentials, then the users it accepts as user_<name>="<password>"
        StringBuilder known = new StringBuilder(" user_" + ADMIN_USER + "=\"" + ADMIN_PASSWORD + "\"");
        users.forEach((user, password) -> known.append(" user_").append(user).append("=\"").append(password).append('"'));
        Map<String, String> sasl = Map.of(
                "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.external.plain.sasl.jaas.config", plainJaas(ADMIN_USER, ADMIN_PASSWORD, known.toString()));
        return start(partitions, 0, sasl, saslClient(ADMIN_USER, ADMIN_PASSWORD));
    }

    /** The client settings of a user of a {@link #startSasl} broker (what rtms.*.kafka.properties holds). */
    public static Map<String, Object> saslClient(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", plainJaas(user, password, ""));
    }

    /** Kafka's JAAS line for the PLAIN login module. */
    public static String plainJaas(String user, String password, String more) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\"" + more + ";";
    }

    private static KafkaBroker start(int partitions, int port, Map<String, String> more, Map<String, Object> adminSecurity) {
        EmbeddedKafkaKraftBroker b = new EmbeddedKafkaKraftBroker(1, partitions);
        if (port != 0) {
            b.kafkaPorts(port);
        }
        Map<String, String> properties = new HashMap<>(more);
        properties.putAll(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "true",
                "num.partitions", Integer.toString(partitions)));
        b.brokerProperties(properties);
        b.afterPropertiesSet();
        return new KafkaBroker(b, adminSecurity);
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

    /** An admin client on this broker (as {@link #ADMIN_USER} on a SASL broker); the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** bootstrap.servers and, on a SASL broker, the admin's credentials: for a test's own clients. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(adminSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
