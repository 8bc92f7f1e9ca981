package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
