package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import io.camelrtms.media.TestSignals;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.KeepAlive;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole bundle as a user runs it, against the Zoom simulator: signed webhooks into the real
 * HTTP server, the YAML routes, the rtms: component over WebSockets, and the files on disk.
 * Per-speaker Opus at 48 kHz stereo, decoded with Concentus and compared with the PCM the simulator encoded.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + EndToEndTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + EndToEndTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + EndToEndTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/end-to-end",
        "rtms.stream.audio-codec=OPUS",
        "rtms.stream.audio-sample-rate=48000",
        "rtms.stream.audio-channels=2",
        "rtms.stream.audio-per-speaker=true",
        "rtms.stream.reconnect-delay=100",
})
class EndToEndTest {

    static final String CLIENT_ID = "e2e-client-id";
    static final String CLIENT_SECRET = "e2e-client-secret";
    static final String WEBHOOK_SECRET = "e2e-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(40);
    static final double SNR_FLOOR_DB = 15;

    @LocalServerPort
    int port;
    @Value("${rtms.data-dir}")
    Path dataDir;
    @Autowired
    RtmsComponent rtms;

    ZoomSimulator zoom;
    final ObjectMapper json = new ObjectMapper();

    /** Keep-alives every 100 ms make the idle phase of a short meeting show them on every socket. */
    @BeforeEach
    void startZoom() {
        startZoom(100);
    }

    private void startZoom(long keepAliveMillis) {
        if (zoom != null) {
            zoom.close();
        }
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4).keepAliveIntervalMillis(keepAliveMillis)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build());
    }

    @AfterEach
    void stopZoom() {
        zoom.close();
        zoom = null;
    }

    @Test
    void aMeetingBecomesFilesThatMatchWhatZoomSent() throws Exception {
        SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.standard());
        s.awaitState(StreamPhase.ENDED, WAIT);
        Path dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId());
        JsonNode manifest = awaitManifest(dir);

        assertThat(s.violations()).isEmpty();
        // every keep-alive answered on both kinds of socket, but for one Zoom may send as it closes the socket
        assertThat(KeepAlive.answerable(s.keepAlives(SocketRole.SIGNALING))).isNotEmpty().allMatch(KeepAlive::answered);
        assertThat(KeepAlive.answerable(s.keepAlives(SocketRole.MEDIA))).isNotEmpty().allMatch(KeepAlive::answered);
        assertThat(manifest.path("stop_reason").asInt()).isEqualTo(6);
        assertThat(manifest.path("reconnects").asInt()).isZero();

        MeetingScript script = s.script();
        for (MeetingScript.Speaker speaker : script.speakers()) {
            short[] source = script.sourcePcm(speaker.userId(), 48000, 2);
            short[] recorded = readWav(dir.resolve(RecordingLayout.audioFile(String.valueOf(speaker.userId()))), 48000, 2);
            double snr = TestSignals.wholeSnrDb(source, recorded, 2, 4800);
            assertThat(snr).as("SNR of %s's WAV against the PCM Zoom encoded", speaker.userName()).isGreaterThan(SNR_FLOOR_DB);
        }
        assertThat(Files.readAllLines(dir.resolve(RecordingLayout.TRANSCRIPT_JSONL))).hasSize(script.transcriptLines().size());
        assertThat(Files.readString(dir.resolve(RecordingLayout.TRANSCRIPT_VTT))).startsWith("WEBVTT")
                .contains(script.transcriptLines().get(0).text());
        assertThat(dir.resolve(RecordingLayout.TRANSCRIPT_SRT)).exists();
        assertThat(Files.readAllLines(dir.resolve(RecordingLayout.CHAT_JSONL))).hasSize(script.chat().size());
        assertThat(Files.readString(dir.resolve(RecordingLayout.EVENTS_JSONL))).contains("PARTICIPANT_JOIN").contains("STOPPED");
        try (var frames = Files.walk(dir.resolve(RecordingLayout.VIDEO_DIR))) {
            assertThat(frames.filter(p -> p.toString().endsWith(".jpg")).count()).isPositive();
        }
        Awaitility.await().atMost(WAIT).until(() -> rtms.activeStreams() == 0);
        StreamStatus status = rtms.stream(s.streamId());
        assertThat(status.lifecycle()).isEqualTo("STOPPED");
        assertThat(status.frames().get("AUDIO")).isPositive();
    }

    @Test
    void aMediaSocketDroppedMidMeetingLosesNothingAndContinuesTheSameFiles() throws Exception {
        // Zoom-like keep-alive timing (a route that pauses a socket for a moment is not taken for dead),
        // and 30 s of meeting (7.5 s at 4x) so the drop lands well inside it
        startZoom(10_000);
        SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.benchmark(30_000));
        Awaitility.await().atMost(WAIT).until(() -> {
            StreamStatus st = rtms.stream(s.streamId());
            return st != null && st.frames().get("AUDIO") > 100;
        });
        assertThat(s.faults().dropMediaSocket(MediaKind.AUDIO)).isTrue();
        s.awaitState(StreamPhase.ENDED, WAIT);
        Path dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId());
        JsonNode manifest = awaitManifest(dir);

        assertThat(manifest.path("reconnects").asInt()).isEqualTo(1);
        assertThat(manifest.path("outages")).hasSize(1);
        assertThat(manifest.path("outages").get(0).path("cause").asText()).isEqualTo("MEDIA_LOST");
        assertThat(s.received(1)).as("signaling was not touched").hasSize(1);
        // Zoom buffers what it could not send (buffer_data): the files hold the whole meeting, in one file per speaker
        MeetingScript script = s.script();
        for (MeetingScript.Speaker speaker : script.speakers()) {
            Path wav = dir.resolve(RecordingLayout.audioFile(String.valueOf(speaker.userId())));
            short[] source = script.sourcePcm(speaker.userId(), 48000, 2);
            short[] recorded = readWav(wav, 48000, 2);
            double snr = TestSignals.wholeSnrDb(source, recorded, 2, 4800);
            assertThat(snr).as("SNR of %s across the outage", speaker.userName()).isGreaterThan(SNR_FLOOR_DB);
        }
        try (var files = Files.list(dir.resolve(RecordingLayout.SPEAKER_AUDIO_DIR))) {
            assertThat(files.count()).isEqualTo(script.speakers().size());
        }
    }

    private JsonNode awaitManifest(Path dir) throws IOException {
        Path manifest = dir.resolve(RecordingLayout.MANIFEST);
        Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(manifest));
        return json.readTree(manifest.toFile());
    }

    static short[] readWav(Path wav, int rate, int channels) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(rate);
            assertThat(f.getChannels()).isEqualTo(channels);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            short[] pcm = new short[b.remaining() / 2];
            b.asShortBuffer().get(pcm);
            return pcm;
        }
    }
}
