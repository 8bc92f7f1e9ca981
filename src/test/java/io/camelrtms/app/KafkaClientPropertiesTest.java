package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.cluster.ClusterSettings;
import io.camelrtms.sink.kafka.KafkaSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Kafka client properties an operator adds: refused when they would break what the cluster or the
 * sink relies on (naming the key, never the value), taken as they are otherwise; the sink falls back to
 * the cluster's; and the two ways of passing them from the environment that docs/cluster.md names.
 */
class KafkaClientPropertiesTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"rtms\" "
            + "password=\"s3cr3t-in-jaas\";";

    @Test
    void securityPropertiesArePassedAsTheyAre() {
        ClusterProperties cluster = cluster(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS, "ssl.truststore.location", "/etc/kafka/truststore.jks"));
        assertThat(KafkaClientProperties.forCluster(cluster)).containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("security.protocol", "SASL_SSL").hasSize(4);
    }

    @Test
    void aPropertyThatWouldBreakTheClusterIsRefusedWithoutItsValue() {
        assertThatThrownBy(() -> KafkaClientProperties.forCluster(cluster(Map.of("enable.auto.commit", "true"))))
                .isInstanceOf(KafkaClientPropertiesException.class)
                .hasMessage("rtms.cluster.kafka.properties.enable.auto.commit cannot be set to that value: the ownership "
                        + "consumer commits a control message only after it acted on it.")
                .hasMessageNotContaining("true");
        assertThatThrownBy(() -> KafkaClientProperties.forCluster(cluster(Map.of("group.id", "secret-group"))))
                .hasMessageContaining("rtms.cluster.kafka.group-id").hasMessageNotContaining("secret-group");
        assertThatThrownBy(() -> KafkaClientProperties.forCluster(cluster(Map.of("acks", "1"))))
                .hasMessageStartingWith("rtms.cluster.kafka.properties.acks cannot be set");
        assertThatThrownBy(() -> KafkaClientProperties.forCluster(cluster(Map.of("bootstrap.servers", "elsewhere:9092"))))
                .hasMessageContaining("rtms.cluster.kafka.bootstrap-servers");
    }

    @Test
    void theValueTheBundleSetsAnywayIsAccepted() {
        assertThat(KafkaClientProperties.forCluster(cluster(Map.of("acks", "all", "enable.auto.commit", "false",
                "enable.idempotence", "true", "max.in.flight.requests.per.connection", "5")))).hasSize(4);
    }

    @Test
    void theSinkHasFewerRulesThanTheCluster() {
        KafkaSinkProperties sink = new KafkaSinkProperties();
        sink.setBrokers("sink-kafka:9093");
        // the sink's producer has no group and may batch; acks=all it keeps
        sink.setProperties(Map.of("linger.ms", "20", "client.id", "recorder-sink"));
        assertThat(KafkaClientProperties.forSink(sink, cluster(Map.of()))).containsEntry("linger.ms", "20");
        sink.setProperties(Map.of("acks", "0"));
        assertThatThrownBy(() -> KafkaClientProperties.forSink(sink, cluster(Map.of())))
                .hasMessageStartingWith("rtms.kafka.properties.acks cannot be set");
    }

    @Test
    void theSinkOnTheClustersBrokersTakesTheClustersPropertiesUnlessItHasItsOwn() {
        ClusterProperties cluster = cluster(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS));
        KafkaSinkProperties sink = new KafkaSinkProperties();
        assertThat(KafkaClientProperties.forSink(sink, cluster)).containsEntry("sasl.jaas.config", JAAS);
        sink.setProperties(Map.of("security.protocol", "SSL"));
        assertThat(KafkaClientProperties.forSink(sink, cluster)).containsExactly(Map.entry("security.protocol", "SSL"));
        // brokers of its own: not the cluster's credentials
        sink.setProperties(Map.of());
        sink.setBrokers("other-kafka:9092");
        assertThat(KafkaClientProperties.forSink(sink, cluster)).isEmpty();
    }

    @Test
    void settingsNameTheirPropertiesButNotTheValues() {
        Map<String, Object> properties = Map.of("sasl.jaas.config", JAAS, "security.protocol", "SASL_SSL");
        ClusterSettings settings = new ClusterSettings("k:9092", "node-a", "c", "s", "g", 1, (short) 1, Duration.ofSeconds(6),
                Duration.ofSeconds(10), properties);
        assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("s3cr3t").doesNotContain("SASL_SSL");
        KafkaSink.Settings sink = new KafkaSink.Settings("k:9092", Map.of(), Duration.ofSeconds(10), properties);
        assertThat(sink.toString()).contains("sasl.jaas.config").doesNotContain("s3cr3t");
        assertThat(KafkaClientProperties.describe(properties)).isEqualTo("sasl.jaas.config, security.protocol (values not shown)");
        // the endpoint URI names the registry entry, not the values
        assertThat(new KafkaSink(sink, new ObjectMapper(), null, false).endpoint())
                .endsWith("&additionalProperties=#" + KafkaSink.CLIENT_PROPERTIES).doesNotContain("s3cr3t");
    }

    @Test
    void environmentVariablesBindWithDotsForUnderscores() {
        // RTMS_CLUSTER_KAFKA_PROPERTIES_<KEY>: the key in upper case with _ for . (Kafka's keys have no _)
        SystemEnvironmentPropertySource env = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "RTMS_CLUSTER_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "RTMS_CLUSTER_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS,
                "RTMS_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks"));
        Binder binder = new Binder(ConfigurationPropertySources.from(env));
        assertThat(binder.bind("rtms.cluster.kafka.properties", Bindable.mapOf(String.class, String.class)).get())
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.jaas.config", JAAS));
        assertThat(binder.bind("rtms.kafka.properties", Bindable.mapOf(String.class, String.class)).get())
                .containsOnly(Map.entry("ssl.truststore.location", "/etc/kafka/truststore.jks"));
    }

    @Test
    void springApplicationJsonKeepsDottedKeys() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("json", Map.of("SPRING_APPLICATION_JSON",
                "{\"rtms\":{\"cluster\":{\"kafka\":{\"properties\":{\"security.protocol\":\"SASL_SSL\",\"sasl.jaas.config\":"
                        + "\"" + JAAS.replace("\"", "\\\"") + "\"}}}}}")));
        new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        Binder binder = Binder.get(environment);
        assertThat(binder.bind("rtms.cluster.kafka.properties", Bindable.mapOf(String.class, String.class)).get())
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.jaas.config", JAAS));
    }

    private static ClusterProperties cluster(Map<String, String> properties) {
        ClusterProperties cluster = new ClusterProperties();
        cluster.getKafka().setBootstrapServers("kafka:9092");
        cluster.getKafka().setProperties(properties);
        return cluster;
    }
}
