package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.routing.RtmsSinks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live sink as a dashboard sees it: a meeting of the Zoom simulator, started by its signed webhook,
 * reaches a real WebSocket client (java.net.http) on the feed's own port as JSON messages, marshalled by
 * the YAML route with Camel's JSON data format: the transcript lines in order, the chat, and the stream's
 * lifecycle. Without the API token there is no handshake.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + LiveSinkTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + LiveSinkTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + LiveSinkTest.WEBHOOK_SECRET,
        "rtms.api-token=" + LiveSinkTest.API_TOKEN,
        "rtms.data-dir=target/test-data/live-sink",
        "rtms.resume-streams=false",
        "rtms.sinks.transcript=file,live",
        "rtms.sinks.chat=file,live",
        "rtms.sinks.event=live",
})
class LiveSinkTest {

    static final String CLIENT_ID = "live-client-id";
    static final String CLIENT_SECRET = "live-client-secret";
    static final String WEBHOOK_SECRET = "live-webhook-secret";
    static final String API_TOKEN = "live-test-api-token";
    static final Duration WAIT = Duration.ofSeconds(40);

    static int livePort;

    /** The feed's port is fixed at start (the sending route addresses the server by it), so pick a free one. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            livePort = s.getLocalPort();
        }
        registry.add("rtms.live.port", () -> livePort);
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext context;
    @Autowired
    RtmsSinks sinks;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMeetingsTranscriptChatAndLifecycleArriveOnAWebSocketClientAsJson() throws Exception {
        assertThat(sinks.transcript()).isEqualTo("direct:rtms-sink-file,direct:rtms-sink-live");
        assertThat(context.getRouteController().getRouteStatus(LiveSinkConfiguration.SERVER_ROUTE)).isEqualTo(ServiceStatus.Started);
        Subscriber subscriber = new Subscriber();
        WebSocket socket = connect("?token=" + API_TOKEN, subscriber).get(10, TimeUnit.SECONDS);
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.standard());
            s.awaitState(StreamPhase.ENDED, WAIT);
            String stream = s.streamId();
            Awaitility.await().atMost(WAIT).until(() -> subscriber.of(stream, "LIFECYCLE").stream()
                    .anyMatch(m -> m.path("lifecycle").asText().equals("STOPPED")));

            MeetingScript script = s.script();
            assertThat(subscriber.of(stream, "TRANSCRIPT")).extracting(m -> m.path("text").asText())
                    .containsExactlyElementsOf(script.transcriptLines().stream().map(MeetingScript.TranscriptLine::text).toList());
            JsonNode line = subscriber.of(stream, "TRANSCRIPT").get(0);
            assertThat(line.path("rtms_stream_id").asText()).isEqualTo(stream);
            assertThat(line.path("entity_id").asText()).isEqualTo(s.entityId());
            assertThat(line.path("user_name").asText()).isNotBlank();
            assertThat(subscriber.of(stream, "CHAT")).hasSize(script.chat().size());
            assertThat(subscriber.of(stream, "EVENT")).isNotEmpty();
            List<String> lifecycle = subscriber.of(stream, "LIFECYCLE").stream().map(m -> m.path("lifecycle").asText()).toList();
            assertThat(lifecycle).startsWith("STARTED").endsWith("STOPPED");
            assertThat(subscriber.of(stream, "LIFECYCLE").get(lifecycle.size() - 1).path("stop_reason_name").asText()).isNotBlank();
            assertThat(subscriber.of(stream, "AUDIO")).as("media payloads are not sent").isEmpty();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutTheRightTokenThereIsNoHandshake() {
        for (String query : List.of("", "?token=wrong", "?token=")) {
            assertThatThrownBy(() -> connect(query, new Subscriber()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).as("for %s", query).isEqualTo(401));
        }
    }

    @Test
    void theBearerHeaderIsAcceptedTooForClientsThatCanSetHeaders() throws Exception {
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + API_TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + livePort + "/rtms/live"), new Subscriber()).get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    private java.util.concurrent.CompletableFuture<WebSocket> connect(String query, WebSocket.Listener listener) {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + livePort + "/rtms/live" + query), listener);
    }

    /** Collects the feed's text messages, joining a message's frames. */
    final class Subscriber implements WebSocket.Listener {
        final Queue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(json.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<JsonNode> of(String stream, String type) {
            return messages.stream().filter(m -> stream.equals(m.path("rtms_stream_id").asText()))
                    .filter(m -> type.equals(m.path("type").asText())).toList();
        }
    }
}
