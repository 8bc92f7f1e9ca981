package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.RtmsMediaType;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The start-up warm-up: the bundle reports ready only once its streams have played, nothing of them
 * reaches the data directory or the bundle's component, and the first real stream records as usual.
 * Not a {@code @CamelSpringBootTest}: that starts Camel after the application, so the warm-up would find
 * it stopped; here Camel starts as in the bundle, before Spring's runners.
 */
@SpringBootTest(classes = {RtmsApplication.class, StartupWarmupTest.ReadinessProbe.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + StartupWarmupTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + StartupWarmupTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + StartupWarmupTest.WEBHOOK_SECRET,
        "rtms.warmup.enabled=true",
        "rtms.warmup.streams=3",
        "rtms.warmup.stream-length=1s",
        "rtms.warmup.timeout=60s",
})
class StartupWarmupTest {

    static final String CLIENT_ID = "warmup-client";
    static final String CLIENT_SECRET = "warmup-secret";
    static final String WEBHOOK_SECRET = "warmup-webhook-secret";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("rtms.data-dir", data::toString);
    }

    /** Notes, when Spring declares the application ready for traffic, how many warm-up streams had finished. */
    @TestConfiguration
    static class ReadinessProbe {
        static final AtomicInteger warmedAtReadiness = new AtomicInteger(Integer.MIN_VALUE);

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> warmupAtReadiness(ObjectProvider<StartupWarmup> warmup) {
            return event -> {
                if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                    warmedAtReadiness.set(warmup.getObject().finishedStreams());
                }
            };
        }
    }

    @Autowired
    RtmsComponent rtms;
    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void readyOnlyAfterTheWarmUpWhichLeavesNothingBehindAndTheFirstRealStreamRecords() throws Exception {
        assertThat(ReadinessProbe.warmedAtReadiness.get()).isEqualTo(3);
        // nothing of the warm-up in the data directory, the bundle's component or the Camel context
        assertThat(files(data)).allMatch(p -> data.relativize(p).startsWith(".rtms"));
        assertThat(rtms.streams()).isEmpty();
        assertThat(rtms.recentStreams()).isEmpty();
        for (RtmsMediaType type : RtmsMediaType.values()) {
            assertThat(rtms.statistics().frames(type)).as("%s frames counted", type).isZero();
        }
        assertThat(camel.getRoute(StartupWarmup.ROUTE_ID)).isNull();
        assertThat(camel.hasComponent(StartupWarmup.SCHEME)).isNull();

        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(2000));
            Path dir = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("manifest.json")));
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
            assertThat(manifest.path("stop_reason_name").asText()).isEqualTo("MEETING_ENDED");
            JsonNode audio = null;
            for (JsonNode f : manifest.path("files")) {
                if (f.path("path").asText().equals("audio.wav")) {
                    audio = f;
                }
            }
            assertThat(audio).isNotNull();
            assertThat(audio.path("duration_ms").asLong()).isEqualTo(2000);
        }
        // the real stream is the only one the data directory holds
        assertThat(files(data).stream().filter(p -> p.getFileName().toString().equals("manifest.json"))).hasSize(1);
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
