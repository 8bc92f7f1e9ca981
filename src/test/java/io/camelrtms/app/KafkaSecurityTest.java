package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.cluster.KafkaStreamPlacement;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.testing.CloseAfterApplication;
import io.camelrtms.testing.KafkaBroker;
import io.camelrtms.testing.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cluster mode and the kafka sink against a broker that asks for SASL credentials (SASL_PLAINTEXT,
 * PLAIN), given only as {@code rtms.cluster.kafka.properties.*}: a meeting is placed through the control
 * topic, its state kept in the state topic, its webhook deduplicated through the dedupe topic and its
 * transcript written by the sink (which takes the cluster's brokers and properties). With a wrong
 * password the bundle does not start, and says why; with a property that would break the cluster it
 * does not start either. No password is ever in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(CloseAfterApplication.class)
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + KafkaSecurityTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + KafkaSecurityTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + KafkaSecurityTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/kafka-security",
        "rtms.demo.enabled=false",
        "rtms.cluster.node-id=secure-node",
        "rtms.cluster.kafka.partitions=2",
        "rtms.sinks.transcript=file,kafka",
        "rtms.cluster.kafka.properties.security.protocol=SASL_PLAINTEXT",
        "rtms.cluster.kafka.properties.sasl.mechanism=PLAIN",
})
class KafkaSecurityTest {

    static final String CLIENT_ID = "secure-client-id";
    static final String CLIENT_SECRET = "secure-client-secret";
    static final String WEBHOOK_SECRET = "secure-webhook-secret";
    static final String USER = "rtms";
    static final String PASSWORD = "rtms-kafka-password-0451";
    static final String WRONG_PASSWORD = "not-the-password-9917";
    static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaBroker broker;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        if (broker == null) {
            broker = KafkaBroker.startSasl(2, Map.of(USER, PASSWORD));
        }
        registry.add("rtms.cluster.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("rtms.cluster.kafka.properties.sasl.jaas.config", () -> KafkaBroker.plainJaas(USER, PASSWORD, ""));
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaStreamPlacement placement;

    @Test
    void aMeetingGoesThroughTheClusterAndTheSinkWithSaslCredentials(CapturedOutput output) throws Exception {
        Awaitility.await().atMost(WAIT).until(placement::ready);
        String streamId;
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(6_000));
            streamId = s.streamId();
            // placed through the control topic, recorded in the state topic
            Awaitility.await().atMost(WAIT).until(() -> placement.liveStreamIds().contains(s.streamId()));
            s.awaitState(StreamPhase.ENDED, WAIT);
            Awaitility.await().atMost(WAIT).until(() -> !placement.liveStreamIds().contains(s.streamId()));
        }
        try (TopicReader topics = new TopicReader(broker.clientConfig(), List.of("rtms-transcript", "rtms-webhook-dedupe"))) {
            // the sink took the cluster's brokers and credentials; the dedupe stored the webhook's key
            Awaitility.await().atMost(WAIT).until(() -> !topics.poll().stream()
                    .filter(r -> r.topic().equals("rtms-transcript") && streamId.equals(r.key())).toList().isEmpty());
            assertThat(topics.records(r -> r.topic().equals("rtms-webhook-dedupe"))).isNotEmpty();
            assertThat(new String(topics.records(r -> r.topic().equals("rtms-transcript")).get(0).value(), StandardCharsets.UTF_8))
                    .contains(streamId);
        }
        assertThat(output.getAll()).contains("Cluster Kafka clients get the properties sasl.jaas.config, sasl.mechanism, "
                        + "security.protocol (values not shown)")
                .contains("The kafka sink's producer gets the properties sasl.jaas.config")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordStopsTheStartAndIsNotPrinted(CapturedOutput output) {
        Throwable failure = catchStart("--rtms.cluster.kafka.properties.sasl.jaas.config="
                + KafkaBroker.plainJaas(USER, WRONG_PASSWORD, ""));
        String trace = trace(failure);
        assertThat(trace).contains("could not check or create the cluster's Kafka topics on " + broker.bootstrapServers())
                .contains("Authentication failed");
        assertThat(trace).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
        // Spring Boot's short failure report, naming the settings to check
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Kafka refused to authenticate this replica: Authentication failed: Invalid username or password")
                .contains("Check the Kafka client properties: rtms.cluster.kafka.properties")
                .doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
    }

    @Test
    void aPropertyThatWouldBreakTheClusterStopsTheStart(CapturedOutput output) {
        Throwable failure = catchStart("--rtms.cluster.kafka.properties.sasl.jaas.config=" + KafkaBroker.plainJaas(USER, PASSWORD, ""),
                "--rtms.cluster.kafka.properties.enable.auto.commit=true");
        assertThat(trace(failure)).contains("rtms.cluster.kafka.properties.enable.auto.commit cannot be set to that value");
        // Spring Boot's short failure report
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("the bundle sets it itself")
                .doesNotContain(PASSWORD);
    }

    /** A second bundle on the same broker, started with these arguments: the failure it stopped with. */
    private static Throwable catchStart(String... kafkaArguments) {
        List<String> args = new ArrayList<>(List.of("--rtms.zoom.client-id=" + CLIENT_ID,
                "--rtms.zoom.client-secret=" + CLIENT_SECRET, "--rtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET,
                "--rtms.demo.enabled=false", "--rtms.data-dir=target/test-data/kafka-security-" + UUID.randomUUID(),
                "--rtms.cluster.node-id=refused-node", "--rtms.cluster.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--rtms.cluster.kafka.properties.security.protocol=SASL_PLAINTEXT",
                "--rtms.cluster.kafka.properties.sasl.mechanism=PLAIN"));
        args.addAll(List.of(kafkaArguments));
        SpringApplication application = new SpringApplication(RtmsApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> application.run(args.toArray(String[]::new)).close()).satisfies(t -> failure[0] = t);
        return failure[0];
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
