package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.WavHeader;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a running bundle (its own JVM, started like the README's run command) in the middle
 * of a meeting: the stream is closed with Zoom (msg 21, the default shutdown action) and its files
 * are finished before the process exits.
 */
class GracefulShutdownTest {

    static final String CLIENT_ID = "sigterm-client";
    static final String CLIENT_SECRET = "sigterm-secret";
    static final String WEBHOOK_SECRET = "sigterm-webhook";

    @TempDir
    Path data;

    private Process startBundle(int port, String... extra) throws Exception {
        int managementPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"),
                "-Dserver.port=" + port, "-Dserver.address=127.0.0.1", "-Dmanagement.server.port=" + managementPort, "-Drtms.data-dir=" + data,
                "-Drtms.demo.enabled=false", "-Drtms.zoom.client-id=" + CLIENT_ID,
                "-Drtms.zoom.client-secret=" + CLIENT_SECRET, "-Drtms.zoom.webhook-secret-token=" + WEBHOOK_SECRET));
        cmd.addAll(List.of(extra));
        cmd.add(RtmsApplication.class.getName());
        Process bundle = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("bundle.log").toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return bundle;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sigtermClosesStreamsAndFinishesTheirFiles() throws Exception {
        int port = freePort();
        Process bundle = startBundle(port);
        ZoomSimulator zoom = null;
        try {
            zoom = zoomPostingTo(port);
            Meeting m = launchUntilSomeAudio(zoom);
            SimulatedStream s = m.stream();
            Path dir = m.dir();
            Path wav = m.wav();

            bundle.destroy(); // SIGTERM
            assertThat(bundle.waitFor(60, TimeUnit.SECONDS)).as("the bundle exits after SIGTERM").isTrue();

            s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(10));
            assertThat(s.received(21)).as("msg 21 asked Zoom to close the stream").hasSize(1);
            assertThat(s.stopReason()).isEqualTo(StopReason.RECEIVER_REQUEST_CLOSE.code());
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve(RecordingLayout.MANIFEST).toFile());
            assertThat(manifest.path("lifecycle").asText()).isEqualTo("STOPPED");
            assertThat(manifest.path("stop_reason").asInt()).isEqualTo(StopReason.RECEIVER_REQUEST_CLOSE.code());
            assertThat(dir.resolve(RecordingLayout.MARKER)).doesNotExist();
            File audio = wav.toFile();
            assertThat(AudioSystem.getAudioInputStream(audio).getFrameLength() * 2 + WavHeader.HEADER_SIZE).isEqualTo(audio.length());
        } finally {
            if (zoom != null) {
                zoom.close();
            }
            bundle.destroyForcibly();
        }
    }

    @Test
    void leftStreamsAreRejoinedAfterARestartAndRecordIntoTheSameFiles() throws Exception {
        int port = freePort();
        Process first = startBundle(port, "-Drtms.stream.shutdown-action=LEAVE");
        Process second = null;
        ZoomSimulator zoom = null;
        try {
            zoom = zoomPostingTo(port);
            Meeting m = launchUntilSomeAudio(zoom);
            SimulatedStream s = m.stream();
            Path dir = m.dir();
            Path wav = m.wav();

            first.destroy(); // SIGTERM, leaving the stream to Zoom's reconnect window
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(s.received(21)).isEmpty();
            long sizeAtRestart = Files.size(wav);
            assertThat(dir.resolve(RecordingLayout.MANIFEST)).doesNotExist();

            second = startBundle(port);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> s.received(1).size() == 2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.size(wav) > sizeAtRestart + 32_000);
            s.stop(StopReason.HOST_TRIGGERED);
            Path manifestFile = dir.resolve(RecordingLayout.MANIFEST);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(manifestFile));
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            assertThat(manifest.path("stop_reason").asInt()).isEqualTo(StopReason.HOST_TRIGGERED.code());
            assertThat(manifest.path("recovered").asBoolean()).isFalse();
            JsonNode audio = null;
            for (JsonNode f : manifest.path("files")) {
                if (f.path("path").asText().equals(RecordingLayout.MIXED_AUDIO)) {
                    audio = f;
                }
            }
            // one file across the restart, on one timeline, without a hole: the simulator, like Zoom
            // with buffer_data, held the audio of the restart and delivered it on the new connection
            assertThat(audio).isNotNull();
            assertThat(audio.path("dropped_chunks").asLong()).isZero();
            assertThat(audio.path("gap_fill_ms").asLong()).isZero();
            assertThat(audio.path("bytes").asLong()).isGreaterThan(sizeAtRestart + 32_000);
            assertThat(audio.path("duration_ms").asLong() * 32 + WavHeader.HEADER_SIZE).isEqualTo(audio.path("bytes").asLong());
            assertThat(s.violations()).isEmpty();
        } finally {
            if (zoom != null) {
                zoom.close();
            }
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
    }

    /** A simulated Zoom that posts its webhooks to the bundle on {@code port}. */
    private static ZoomSimulator zoomPostingTo(int port) {
        return ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
    }

    /** A two-minute meeting being recorded: its stream, its recording directory and its mixed WAV. */
    private record Meeting(SimulatedStream stream, Path dir, Path wav) {
    }

    /** Launches a meeting and waits until its WAV holds a second of 16 kHz mono. */
    private Meeting launchUntilSomeAudio(ZoomSimulator zoom) {
        SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(120_000));
        Path dir = RecordingLayout.streamDir(data, "meeting", s.entityId(), s.streamId());
        Path wav = dir.resolve(RecordingLayout.MIXED_AUDIO);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(wav) && Files.size(wav) > 32_000);
        return new Meeting(s, dir, wav);
    }
}
