package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.cluster.KafkaStreamPlacement;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import io.camelrtms.testing.KafkaBroker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bundle with the cluster mode on, as one node against a real Kafka broker: the webhook's control
 * message goes through the control topic to this node (the owner of every partition), the stream is
 * recorded as without a cluster, its state is kept in the compacted state topic while it runs and
 * deleted when it ends.
 */
@CamelSpringBootTest
// not a context to keep cached: its broker is gone after this class, and its Kafka clients would go on
// retrying it, logging into every later test's output
@DirtiesContext
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + ClusterEndToEndTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + ClusterEndToEndTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + ClusterEndToEndTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/cluster-end-to-end",
        "rtms.demo.enabled=false",
        "rtms.cluster.node-id=node-a",
        "rtms.cluster.kafka.partitions=4",
        "rtms.api-token=" + ClusterEndToEndTest.API_TOKEN,
})
class ClusterEndToEndTest {

    static final String CLIENT_ID = "cluster-client-id";
    static final String CLIENT_SECRET = "cluster-client-secret";
    static final String WEBHOOK_SECRET = "cluster-webhook-secret";
    static final String API_TOKEN = "cluster-api-token";
    static final Duration WAIT = Duration.ofSeconds(40);
    static final KafkaBroker KAFKA = KafkaBroker.start(4);
    static volatile boolean kafkaClosed;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("rtms.cluster.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopKafka() {
        if (!kafkaClosed) {
            KAFKA.close();
        }
    }

    @LocalServerPort
    int port;
    @Value("${rtms.data-dir}")
    Path dataDir;
    @Autowired
    RtmsComponent rtms;
    @Autowired
    KafkaStreamPlacement placement;
    @Autowired
    RtmsHealthIndicator healthIndicator;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aMeetingIsRecordedThroughTheControlTopic() throws Exception {
        Awaitility.await().atMost(WAIT).until(placement::ready);
        assertThat(placement.ownedPartitions()).isEqualTo(4);
        // readiness waits for the first assignment: the rtms health contributor names the node and says it is placed
        Map<String, Object> health = healthIndicator.health().getDetails();
        assertThat(health).containsEntry("clusterNode", "node-a").containsEntry("clusterReady", true);
        assertThat(meters.get("rtms.cluster.partitions").tag("node", "node-a").gauge().value()).isEqualTo(4.0);
        // a new owner outlasts a paused replica's sockets: more refused-duplicate retries than one node's 3
        assertThat(rtms.getConfiguration().getDuplicateRetries()).isEqualTo(ClusterConfiguration.CLUSTER_DUPLICATE_RETRIES);
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(8_000));
            Awaitility.await().atMost(WAIT).until(() -> placement.liveStreamIds().contains(s.streamId()));
            StreamStatus running = rtms.stream(s.streamId());
            assertThat(running.node()).isEqualTo("node-a");
            java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/streams/" + s.streamId()))
                    .header("Authorization", "Bearer " + API_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(status.body()).path("stream").path("node").asText()).isEqualTo("node-a");
            assertThat(placement.owners()).containsEntry(s.streamId(), "node-a");
            assertThat(meters.get("rtms.cluster.owned.streams").tag("node", "node-a").gauge().value()).isEqualTo(1.0);

            s.awaitState(StreamPhase.ENDED, WAIT);
            Path manifest = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId()).resolve(RecordingLayout.MANIFEST);
            Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(manifest));
            JsonNode m = new ObjectMapper().readTree(manifest.toFile());
            assertThat(m.path("stop_reason").asInt()).isEqualTo(6);
            assertThat(m.path("reconnects").asInt()).isZero();
            assertThat(s.violations()).isEmpty();
            // a stream that ended is deleted from the state (tombstone), so no node takes it over
            Awaitility.await().atMost(WAIT).until(() -> !placement.liveStreamIds().contains(s.streamId()));
        }
        checkTopics();
        // Kafka gone: a start webhook is not answered 2xx (the control message could not be stored), so Zoom retries it
        kafkaClosed = true;
        KAFKA.close();
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.createStream(Product.MEETING, "no-kafka-" + java.util.UUID.randomUUID(),
                    "no-kafka-" + java.util.UUID.randomUUID(), MeetingScript.benchmark(8_000));
            assertThat(zoom.webhookSender().send(s.startedWebhook())).isEqualTo(503);
            // Zoom's retry is not taken for a duplicate: the failed delivery left no dedupe entry
            assertThat(zoom.webhookSender().send(s.startedWebhook())).isEqualTo(503);
            assertThat(rtms.streamIds()).doesNotContain(s.streamId());
        }
    }

    private void checkTopics() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            TopicDescription control = admin.describeTopics(java.util.List.of("rtms-control")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("rtms-control");
            assertThat(control.partitions()).hasSize(4);
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, "rtms-streams");
            Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin.describeConfigs(java.util.List.of(state))
                    .all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(state).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
