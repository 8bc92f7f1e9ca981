package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelrtms.testing.CloseAfterApplication;
import io.camelrtms.testing.KafkaBroker;
import io.camelrtms.webhook.KafkaWebhookDedupe;
import io.camelrtms.webhook.ZoomSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cluster-wide webhook dedupe on a real Kafka broker: the bundle's {@code zoomWebhookDedupe} is
 * Camel's KafkaIdempotentRepository, a retry is answered {@code duplicate}, and so is a delivery that
 * another replica (a second repository on the same topic) took first.
 */
// the broker closes after the application (CloseAfterApplication), which is not one to keep cached
@ExtendWith(CloseAfterApplication.class)
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.webhook-secret-token=" + ClusterDedupeTest.SECRET,
        "rtms.demo.enabled=false",
        "rtms.cluster.kafka.dedupe-topic=" + ClusterDedupeTest.TOPIC,
        "rtms.webhook.dedupe-window=90m"})
class ClusterDedupeTest {

    static final String SECRET = "not-a-real-webhook-secret";
    static final String TOPIC = "dedupe-test";

    private static KafkaBroker broker;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        if (broker == null) {
            broker = KafkaBroker.start(1);
        }
        registry.add("rtms.cluster.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("rtms.data-dir", () -> System.getProperty("java.io.tmpdir") + "/rtms-dedupe-" + UUID.randomUUID());
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private CamelContext camel;
    @Autowired
    @Qualifier("zoomWebhookDedupe")
    private IdempotentRepository dedupe;
    @LocalServerPort
    private int port;

    @Test
    void theDedupeIsKafkasAndItsTopicKeepsTheDedupeWindow() throws Exception {
        assertThat(dedupe).isInstanceOf(KafkaIdempotentRepository.class);
        try (Admin admin = broker.admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String retention = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get("retention.ms").value();
            assertThat(retention).isEqualTo(Long.toString(Duration.ofMinutes(90).toMillis()));
        }
    }

    @Test
    void aRetryOfAnAcceptedDeliveryIsADuplicate() throws Exception {
        String body = stopped(UUID.randomUUID().toString(), 1733000000001L);

        assertThat(postSigned(body).body()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(postSigned(body).body()).isEqualTo("{\"status\":\"duplicate\"}");
    }

    @Test
    void aDeliveryAnotherReplicaTookIsADuplicateHereOnceTheTopicCarriedIt() throws Exception {
        String stream = UUID.randomUUID().toString();
        long eventTs = 1733000000002L;
        String key = "meeting.rtms_stopped|" + stream + "|" + eventTs;
        KafkaWebhookDedupe otherReplica = new KafkaWebhookDedupe(TOPIC, broker.bootstrapServers(), java.util.Map.of(), Duration.ofSeconds(2), 1000);
        otherReplica.setCamelContext(camel);
        otherReplica.start();
        try {
            // eventually consistent: this replica learns the other's keys from the topic
            List<Long> delays = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String earlier = "meeting.rtms_stopped|" + stream + "|" + (eventTs - i);
                long took = System.nanoTime();
                assertThat(otherReplica.add(earlier)).isTrue();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2)).until(() -> dedupe.contains(earlier));
                delays.add((System.nanoTime() - took) / 1_000_000);
            }
            assertThat(otherReplica.add(key)).isTrue();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2)).until(() -> dedupe.contains(key));
            Collections.sort(delays);
            // the figure docs/cluster.md quotes (the console is shown only for a failing test)
            Files.writeString(Path.of("target", "dedupe-propagation.txt"),
                    "Dedupe propagation between replicas, ms from add() on one to contains() on the other, sorted: " + delays + "\n");

            assertThat(postSigned(stopped(stream, eventTs)).body()).isEqualTo("{\"status\":\"duplicate\"}");
            // and the other way round: what this replica accepted, the other one learns
            String next = stopped(stream, eventTs + 1);
            assertThat(postSigned(next).body()).isEqualTo("{\"status\":\"accepted\"}");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> otherReplica.contains("meeting.rtms_stopped|" + stream + "|" + (eventTs + 1)));
        } finally {
            otherReplica.stop();
        }
    }

    private static String stopped(String stream, long eventTs) {
        return "{\"event\":\"meeting.rtms_stopped\",\"event_ts\":" + eventTs + ",\"payload\":{"
                + "\"meeting_uuid\":\"dedupe-test\",\"rtms_stream_id\":\"" + stream + "\",\"stop_reason\":6}}";
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private HttpResponse<String> post(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("x-zm-signature", ZoomSigner.sign(SECRET, now, bytes))
                .header("x-zm-request-timestamp", Long.toString(now))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
