package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.protocol.Product;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    @TempDir
    static Path dir;

    static Vertx vertx;
    static SelfSignedKeyStore keys;
    static ZoomSimulator sim;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        keys = SelfSignedKeyStore.create(dir);
        sim = ZoomSimulator.start(SimulatorConfig.builder().clientId(TestMessages.CLIENT_ID)
                .clientSecret(TestMessages.CLIENT_SECRET).tls(keys.keyStore(), keys.password()).playbackSpeed(50).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        vertx.close();
    }

    @Test
    void wssSignalingAndMediaWithATrustedSelfSignedCertificate() {
        assertThat(sim.baseUrl()).startsWith("wss://127.0.0.1:");
        SimulatedStream s = sim.createStream(Product.MEETING, "tls-uuid", "tls-stream", MeetingScript.standard());
        assertThat(s.startedWebhook().path("payload").path("server_urls").asText()).startsWith("wss://");
        try (TestSocket sig = TestSocket.connect(vertx, s.signalingUrl(), keys.trustStore().toString(), keys.password())) {
            sig.send(TestMessages.signalingHandshake(s));
            String audioUrl = sig.awaitMessage(2).path("media_server").path("server_urls").path("audio").asText();
            assertThat(audioUrl).startsWith("wss://");
            try (TestSocket audio = TestSocket.connect(vertx, audioUrl, keys.trustStore().toString(), keys.password())) {
                audio.send(TestMessages.mediaHandshake(s, 1, null).toString());
                assertThat(audio.awaitMessage(4).path("status_code").asInt()).isZero();
                sig.send(TestMessages.ready(s));
                s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
                audio.awaitClosed();
                assertThat(audio.messages(14)).isNotEmpty();
            }
        }
        assertThat(s.violations()).isEmpty();
    }

    @Test
    void anUntrustingClientCannotConnect() {
        SimulatedStream s = sim.createStream(Product.MEETING, "tls-uuid", "tls-untrusted", MeetingScript.standard());
        assertThatThrownBy(() -> TestSocket.connect(vertx, s.signalingUrl())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theClientSslContextTrustsTheCertificate() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(keys.clientSslContext()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + sim.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("simulator");
    }
}
