package io.camelrtms.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The test broker takes a record and gives it back to a consumer group, on the loopback interface; the
 * SASL broker does so for a client with the right credentials only.
 */
class KafkaBrokerSmokeTest {

    @Test
    void aRecordSentIsConsumed() throws Exception {
        try (KafkaBroker b = KafkaBroker.start(3)) {
            assertThat(b.bootstrapServers()).matches("(localhost|127\\.0\\.0\\.1):\\d+");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", b.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", b.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "g", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("t"));
                int n = 0;
                for (int i = 0; i < 50 && n == 0; i++) {
                    ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(200));
                    n += r.count();
                }
                assertThat(n).isEqualTo(1);
            }
        }
    }

    @Test
    void theSaslBrokerTakesTheRightCredentialsOnly() throws Exception {
        try (KafkaBroker b = KafkaBroker.startSasl(1, Map.of("alice", "alice-secret"))) {
            Map<String, Object> alice = new HashMap<>(KafkaBroker.saslClient("alice", "alice-secret"));
            alice.put("bootstrap.servers", b.bootstrapServers());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
                assertThat(p.send(new ProducerRecord<>("t", "k", "v")).get().offset()).isZero();
            }
            Map<String, Object> wrong = new HashMap<>(KafkaBroker.saslClient("alice", "not-her-password"));
            wrong.put("bootstrap.servers", b.bootstrapServers());
            wrong.put("max.block.ms", 5000);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(wrong, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> p.send(new ProducerRecord<>("t", "k", "v")).get())
                        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }
}
