package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.camelrtms.cluster.KafkaStreamPlacement;
import io.camelrtms.component.RtmsComponent;
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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A cluster node stopped while its Kafka broker is gone (Kubernetes gives a pod 30 s after SIGTERM): it
 * finds Kafka unreachable, leaves its streams here as a hand-over does, closes its Kafka clients without
 * waiting for a coordinator that cannot answer, and says so in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterStopWithoutKafkaTest {

    static final String CLIENT_ID = "no-kafka-client";
    static final String CLIENT_SECRET = "no-kafka-secret";
    static final String WEBHOOK_SECRET = "no-kafka-webhook";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** The cluster's own Kafka threads: none may outlive the stop. */
    static final Set<String> CLUSTER_THREADS = Set.of("rtms-cluster-ownership", "rtms-cluster-state-view");

    @TempDir
    Path data;

    @Test
    void aNodeStoppedWithoutKafkaLeavesItsStreamsAndDoesNotWaitForTheBroker(CapturedOutput output) throws Exception {
        KafkaBroker kafka = KafkaBroker.start(2);
        boolean kafkaClosed = false;
        String brokers = kafka.bootstrapServers();
        ConfigurableApplicationContext node = RtmsApplication.application().run(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--rtms.data-dir=" + data, "--rtms.demo.enabled=false",
                "--rtms.zoom.client-id=" + CLIENT_ID, "--rtms.zoom.client-secret=" + CLIENT_SECRET,
                "--rtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET,
                "--rtms.stream.media-types=audio,transcript",
                "--rtms.cluster.node-id=node-a",
                "--rtms.cluster.kafka.bootstrap-servers=" + brokers,
                "--rtms.cluster.kafka.partitions=2",
                // longer than the stop below takes, so the node still holds its lease (and its stream) when it stops
                "--rtms.cluster.kafka.session-timeout=20s",
                "--camel.main.name=node-a", "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false");
        int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(2).keepAliveIntervalMillis(10_000)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            KafkaStreamPlacement placement = node.getBean(KafkaStreamPlacement.class);
            RtmsComponent rtms = node.getBean("rtms", RtmsComponent.class);
            Awaitility.await().atMost(WAIT).until(placement::ready);
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(120_000));
            Awaitility.await().atMost(WAIT).until(() -> rtms.streamIds().contains(s.streamId()) && s.hasReached(StreamPhase.STREAMING));

            kafkaClosed = true;
            kafka.close();
            ConfigurableApplicationContext stopping = node;
            node = null;
            // a guard against hanging only, at the pod's grace period: the behaviour is asserted below
            assertTimeoutPreemptively(Duration.ofSeconds(30), stopping::close);

            assertThat(output.getAll().lines().filter(l -> l.contains("Cluster node node-a stopped while Kafka")))
                    .as("one line says Kafka was unreachable and what the group does").singleElement().asString()
                    .contains("was unreachable", brokers, "once its session timeout (20 s) has passed");
            assertThat(output.getAll()).as("no hand-over to record, no waiting for it").doesNotContain("could not record");
            assertThat(liveThreads()).as("the cluster's Kafka threads ended").doesNotContainAnyElementsOf(CLUSTER_THREADS)
                    .noneMatch(t -> t.startsWith("kafka-producer-network-thread | rtms-cluster-node-a"));
            // the stream was left as a hand-over leaves it: no word to Zoom, its recording written out
            assertThat(s.received(21)).as("left without closing the stream at Zoom").isEmpty();
            Path dir = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".wav")).toList()).singleElement()
                        .satisfies(wav -> assertThat(Files.size(wav)).isGreaterThan(44));
            }
        } finally {
            if (node != null) {
                node.close();
            }
            if (!kafkaClosed) {
                kafka.close();
            }
        }
    }

    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
    }
}
