package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.webhook.ZoomSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without a webhook secret the application starts, says so once, and verifies nothing it cannot verify. */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rtms.zoom.webhook-secret-token=")
class ZoomWebhookWithoutSecretTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;
    @LocalManagementPort
    private int managementPort;

    @Test
    void everyWebhookIsRefusedWith503AndTheStartSaysWhyOnce(CapturedOutput output) throws Exception {
        HttpResponse<String> validation = post("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"abc\"}}", null);
        String event = "{\"event\":\"meeting.rtms_started\",\"payload\":{\"meeting_uuid\":\"m\",\"rtms_stream_id\":\"s\","
                + "\"server_urls\":\"wss://127.0.0.1:9/x\"}}";
        // signed with some key: without a configured secret nothing can be verified, so nothing is accepted
        HttpResponse<String> signed = post(event, ZoomSigner.sign("whatever", System.currentTimeMillis() / 1000,
                event.getBytes(StandardCharsets.UTF_8)));

        for (HttpResponse<String> response : java.util.List.of(validation, signed)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"error\":\"webhook secret not configured\"}");
        }
        // alive (a restart would not help), but not ready: without the secret no webhook can be accepted
        HttpResponse<String> liveness = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/liveness")).build(), BodyHandlers.ofString());
        assertThat(liveness.statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(), BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"webhookSecretConfigured\":false");
        String warning = "No Zoom webhook secret token is configured (set ZOOM_WEBHOOK_SECRET_TOKEN)";
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
    }

    private HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"))
                .timeout(Duration.ofSeconds(10)).POST(BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("x-zm-signature", signature)
                    .header("x-zm-request-timestamp", Long.toString(System.currentTimeMillis() / 1000));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
