package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's run command on a fresh machine: no Zoom app configured, so the bundle plays a demo
 * meeting through the built-in simulator and its files appear under the data directory.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.demo.enabled=auto",
        "rtms.zoom.client-id=",
        "rtms.zoom.client-secret=",
        "rtms.zoom.webhook-secret-token=",
        // the demo plays into the file sink only, whatever the configuration asks for
        "rtms.sinks.audio=http",
        "rtms.sinks.transcript=file,s3",
})
class DemoModeTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("rtms.data-dir", data::toString);
    }

    @Autowired
    ZoomProperties zoom;
    @Autowired
    RecordingProperties recording;
    @LocalManagementPort
    int managementPort;

    @Test
    void withoutAZoomAppTheDemoMeetingIsRecorded() throws Exception {
        assertThat(zoom.clientId()).startsWith("demo-client-");
        assertThat(zoom.hasWebhookSecretToken()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> manifests(data).size() == 1);
        Path manifest = manifests(data).get(0);
        JsonNode m = new ObjectMapper().readTree(manifest.toFile());
        assertThat(m.path("stop_reason_name").asText()).isEqualTo("MEETING_ENDED");
        assertThat(manifest.resolveSibling("audio.wav")).exists();
        assertThat(Files.readAllLines(manifest.resolveSibling("transcript.jsonl"))).hasSize(4);
        assertThat(recording.getSinks()).containsEntry("audio", "file").containsEntry("transcript", "file")
                .allSatisfy((type, sink) -> assertThat(sink).isEqualTo("file"));
        // readiness says it is the demo
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new ObjectMapper().readTree(readiness.body()).path("components").path("rtms").path("details")
                .path("mode").asText()).isEqualTo("demo");
    }

    private static List<Path> manifests(Path data) throws Exception {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
        }
    }
}
