package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    static final String SECRET = "main-webhook-secret";
    static final Map<String, String> ENV = Map.of(
            "ZOOM_CLIENT_ID", TestMessages.CLIENT_ID,
            "ZOOM_CLIENT_SECRET", TestMessages.CLIENT_SECRET,
            "ZOOM_WEBHOOK_SECRET_TOKEN", SECRET);

    @Test
    void launchesStreamsThatAWellBehavedClientPlaysToTheEnd() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Run run = Run.start(receiver, "--streams", "2", "--profile", "opus", "--instances", "2");

            receiver.awaitEvent("meeting.rtms_started", 2);
            for (WebhookReceiver.Request started : receiver.requests("meeting.rtms_started")) {
                assertThat(receiver.signatureValid(started)).isTrue();
                playAsClient(vertx, started.json().path("payload"));
            }
            String text = run.await();
            assertThat(receiver.requests("meeting.rtms_stopped")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.json().path("payload").path("stop_reason").asInt()).isEqualTo(6));
            assertThat(text).contains("opus packets encoded").contains("violations=0");
        } finally {
            vertx.close();
        }
    }

    @Test
    void warmUpJoinsComeFirstAndAreLeftOutOfTheSummary() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Run run = Run.start(receiver, "--streams", "1", "--warmup-joins", "2");

            // Each warm-up join must end before the measured stream is launched: play them as they come.
            for (int i = 1; i <= 3; i++) {
                playAsClient(vertx, receiver.awaitEvent("meeting.rtms_started", i).json().path("payload"));
            }
            String text = run.await();
            assertThat(text).contains("warmup done: 2 joins").contains("summary streams=1").contains("first_data_ms_count=1");
            assertThat(text.indexOf("warmup done")).isLessThan(text.indexOf("summary streams="));
        } finally {
            vertx.close();
        }
    }

    /** SimulatorMain running on another thread against the receiver: 1 s streams at 10× speed, plus the given arguments. */
    private record Run(CompletableFuture<Integer> exit, ByteArrayOutputStream out) {
        static Run start(WebhookReceiver receiver, String... more) {
            List<String> args = new ArrayList<>(List.of("--webhook-url", receiver.uri().toString(), "--duration-seconds", "1",
                    "--speed", "10", "--timeout-seconds", "30"));
            args.addAll(List.of(more));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return new Run(CompletableFuture.supplyAsync(() -> SimulatorMain.run(args.toArray(String[]::new), ENV,
                    new PrintStream(out, true, StandardCharsets.UTF_8))), out);
        }

        /** Waits for a clean exit and returns what it printed. */
        String await() throws Exception {
            assertThat(exit.get(30, TimeUnit.SECONDS)).as(out.toString(StandardCharsets.UTF_8)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void playAsClient(Vertx vertx, JsonNode payload) {
        String entity = payload.path("meeting_uuid").asText();
        String stream = payload.path("rtms_stream_id").asText();
        String sig = TestMessages.signature(entity, stream);
        TestSocket signaling = TestSocket.connect(vertx, payload.path("server_urls").asText());
        signaling.send(TestMessages.signalingHandshake("meeting_uuid", entity, stream, sig).toString());
        String audioUrl = signaling.awaitMessage(2).path("media_server").path("server_urls").path("audio").asText();
        TestSocket audio = TestSocket.connect(vertx, audioUrl);
        audio.send("{\"msg_type\":3,\"protocol_version\":1,\"meeting_uuid\":\"" + entity + "\",\"rtms_stream_id\":\"" + stream
                + "\",\"signature\":\"" + sig + "\",\"media_type\":1,\"media_params\":{\"audio\":{\"codec\":4,\"sample_rate\":3,\"channel\":1}}}");
        assertThat(audio.awaitMessage(4).path("status_code").asInt()).isZero();
        signaling.send("{\"msg_type\":7,\"rtms_stream_id\":\"" + stream + "\"}");
    }

    @Test
    void badArgumentsExitWith64AndPrintUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(SimulatorMain.run(new String[] {"--streams", "many"}, ENV, print)).isEqualTo(64);
        assertThat(SimulatorMain.run(new String[] {"--profile", "mp3"}, ENV, print)).isEqualTo(64);
        assertThat(SimulatorMain.run(new String[] {"--warmup-joins", "5"}, ENV, print)).isEqualTo(64);
        assertThat(SimulatorMain.run(new String[] {}, Map.of(), print)).isEqualTo(64);
        assertThat(SimulatorMain.run(new String[] {"--help"}, Map.of(), print)).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("--streams must be a number").contains("Usage: SimulatorMain")
                .contains("--warmup-streams and --warmup-joins need --webhook-url").doesNotContain(TestMessages.CLIENT_SECRET);
        assertThat(List.of(text.split("\n"))).anyMatch(l -> l.contains("client id and secret are required"));
    }
}
