package io.camelrtms.sink.kafka;

import static io.camelrtms.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.app.RtmsApplication;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.testing.CloseAfterApplication;
import io.camelrtms.testing.KafkaBroker;
import io.camelrtms.testing.PortForward;
import io.camelrtms.testing.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A broker that is not there when the stream starts loses nothing: the kafka sink spools what it
 * cannot send, and once a broker answers on the configured address (a forward from that port to a
 * broker started late) every record arrives, once, in order.
 */
// the broker closes after the application (CloseAfterApplication), which is not one to keep cached
@ExtendWith(CloseAfterApplication.class)
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(classes = RtmsApplication.class, properties = {
        "rtms.demo.enabled=false",
        "rtms.sinks.transcript=kafka",
        "rtms.sinks.chat=kafka",
        "rtms.kafka.send-timeout=1s",
        "rtms.delivery.maximum-redeliveries=1",
        "rtms.delivery.redelivery-delay=50ms",
        "rtms.delivery.drain-delay=200ms",
        "rtms.delivery.maximum-drain-delay=1s",
})
class KafkaSinkOutageTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static int port;
    private static KafkaBroker broker;
    private static PortForward forward;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        registry.add("rtms.kafka.brokers", () -> "127.0.0.1:" + port);
        registry.add("rtms.data-dir", () -> Path.of("target", "test-data", "kafka-outage-" + UUID.randomUUID()).toString());
    }

    @Autowired
    ProducerTemplate template;
    @Autowired
    KafkaSink kafkaSink;
    @Autowired
    SinkStatistics statistics;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void recordsWaitInTheSpoolWhileNoBrokerAnswersAndArriveInOrderOnceOneDoes() throws Exception {
        for (int i = 0; i < 20; i++) {
            send("outage-a", "TRANSCRIPT", "line " + i, i);
            send("outage-b", "CHAT", "chat " + i, i);
        }
        Awaitility.await().atMost(WAIT).until(() -> kafkaSink.delivery().isDown() && kafkaSink.delivery().spool().size() == 40);
        assertThat(statistics.spooled(KafkaSink.NAME)).isGreaterThanOrEqualTo(40);

        broker = KafkaBroker.start(3);
        forward = PortForward.start(port, Integer.parseInt(broker.bootstrapServers().replaceAll(".*:", "")));
        send("outage-a", "TRANSCRIPT", "after", 20);

        try (TopicReader topics = new TopicReader(broker.bootstrapServers(), List.of("rtms-transcript", "rtms-chat"))) {
            Awaitility.await().atMost(WAIT).until(() -> topics.poll().size() >= 41);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> kafkaSink.delivery().spool().size() == 0);
            topics.poll();
            List<String> lines = texts(topics.records(r -> "outage-a".equals(r.key())));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("line " + i);
            }
            expected.add("after");
            assertThat(lines).as("every line, once, in order").containsExactlyElementsOf(expected);
            assertThat(texts(topics.records(r -> "outage-b".equals(r.key()))))
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "chat " + i).toList());
            assertThat(topics.records(r -> true)).extracting(r -> header(r, "Idempotency-Key")).doesNotHaveDuplicates();
            assertThat(kafkaSink.delivery().isDown()).isFalse();
        }
    }

    private List<String> texts(List<ConsumerRecord<String, byte[]>> records) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.add(json.readTree(r.value()).path("text").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private void send(String stream, String type, String text, int sequence) {
        Map<String, Object> h = new HashMap<>();
        h.put(RtmsConstants.MEDIA_TYPE, type);
        h.put(RtmsConstants.PRODUCT, "meeting");
        h.put(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        h.put(RtmsConstants.ENTITY_ID, "outage-meeting");
        h.put(RtmsConstants.STREAM_ID, stream);
        h.put(RtmsConstants.SEQUENCE, (long) sequence + 1);
        template.sendBodyAndHeaders("direct:rtms-" + type.toLowerCase(), text, h);
    }
}
