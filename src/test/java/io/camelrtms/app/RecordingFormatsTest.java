package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.TestSignals;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import io.camelrtms.sink.file.DebianTools;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The formats people play, from the simulator through the whole bundle: Opus per speaker kept as
 * Ogg Opus beside the decoded WAV ({@code rtms.recording.opus: both}), and H.264 video and screen
 * share as fragmented MP4 per user. Debian's reference tools read the files: opusdec decodes the
 * Ogg Opus into the WAV's audio, ffprobe finds every frame at its Zoom timestamp.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + RecordingFormatsTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + RecordingFormatsTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + RecordingFormatsTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/recording-formats",
        "rtms.stream.audio-codec=OPUS",
        "rtms.stream.audio-sample-rate=48000",
        "rtms.stream.audio-channels=2",
        "rtms.stream.audio-per-speaker=true",
        "rtms.stream.video-codec=H264",
        "rtms.stream.deskshare-codec=H264",
        "rtms.stream.deskshare-fps=2",
        "rtms.recording.opus=both",
})
class RecordingFormatsTest {

    static final String CLIENT_ID = "formats-client-id";
    static final String CLIENT_SECRET = "formats-client-secret";
    static final String WEBHOOK_SECRET = "formats-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(40);
    private static final int PACKET_FRAMES = 960;

    @LocalServerPort
    int port;
    @Value("${rtms.data-dir}")
    Path dataDir;

    @Test
    void opusIsKeptAsOggOpusAndH264BecomesMp4ThatDebianToolsRead() throws Exception {
        DebianTools.require("opusdec", "opus-tools");
        DebianTools.require("ffprobe", "ffmpeg");
        JsonNode manifest;
        Path dir;
        MeetingScript script = MeetingScript.standard();
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            SimulatedStream s = zoom.launch(Product.MEETING, script);
            s.awaitState(StreamPhase.ENDED, WAIT);
            dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId()).toAbsolutePath();
            Path file = dir.resolve(RecordingLayout.MANIFEST);
            Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(file));
            manifest = new ObjectMapper().readTree(file.toFile());
            assertThat(s.violations()).as("protocol violations").isEmpty();
        }

        for (MeetingScript.Speaker speaker : script.speakers()) {
            String id = String.valueOf(speaker.userId());
            Path opus = dir.resolve(RecordingLayout.opusFile(id));
            Path decoded = dir.resolve("opusdec-" + id + ".wav");
            DebianTools.run(dir, "opusdec", "--quiet", "--rate", "48000", "--no-dither", opus.toString(), decoded.toString());
            short[] wav = EndToEndTest.readWav(dir.resolve(RecordingLayout.audioFile(id)), 48000, 2);
            short[] ogg = EndToEndTest.readWav(decoded, 48000, 2);
            assertThat(Math.abs(wav.length - ogg.length) / 2).as("%s: length difference in frames", speaker.userName())
                    .isLessThanOrEqualTo(PACKET_FRAMES);
            assertThat(TestSignals.ncc(wav, ogg)).as("%s: Ogg Opus against WAV", speaker.userName()).isGreaterThan(0.99);
            assertThat(entry(manifest, RecordingLayout.opusFile(id)).path("codec").asText()).isEqualTo("opus");
        }

        // The standard script: Alice's camera at 0, 500 and 1000 ms, Bob's at 1500 ms, Bob's share at 2000
        // and 2500 ms. The files are on the stream's timeline (time 0 is its first timestamp, here Alice's
        // first frame), so a player shows each frame when Zoom stamped it; the last frame lasts as long as
        // the one before it (33 ms when alone).
        String alice = String.valueOf(script.speakers().get(0).userId());
        String bob = String.valueOf(script.speakers().get(1).userId());
        assertMp4(dir, "video/" + alice + ".mp4", List.of(0L, 500L, 1000L), 1500);
        assertMp4(dir, "video/" + bob + ".mp4", List.of(1500L), 1533);
        assertMp4(dir, "deskshare/" + bob + ".mp4", List.of(2000L, 2500L), 3000);
        assertThat(entry(manifest, "video/" + alice + ".mp4").path("frames").asLong()).isEqualTo(3);
        assertThat(entry(manifest, "deskshare/" + bob + ".mp4").path("start_ms").asLong()).isEqualTo(2000);
        assertThat(entry(manifest, "deskshare/" + bob + ".mp4").path("media_type").asText()).isEqualTo("DESKSHARE");
    }

    /** ffprobe counts the frames, finds them at these times (ms) and states where the track ends. */
    private static void assertMp4(Path dir, String rel, List<Long> times, long endMs) throws Exception {
        Path mp4 = dir.resolve(rel);
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=nb_read_packets", "-count_packets"))
                .isEqualTo(Integer.toString(times.size()));
        assertThat(DebianTools.ffprobe(dir, mp4, "stream=codec_name")).isEqualTo("h264");
        assertThat(Math.round(Double.parseDouble(DebianTools.ffprobe(dir, mp4, "stream=duration")) * 1000)).isEqualTo(endMs);
        List<Long> pts = DebianTools.run(dir, "ffprobe", "-v", "error", "-select_streams", "0", "-show_entries",
                "packet=pts", "-of", "csv=p=0", mp4.toString()).lines().map(Long::parseLong).toList();
        assertThat(pts).as(rel).isEqualTo(times);
    }

    private static JsonNode entry(JsonNode manifest, String path) {
        for (JsonNode f : manifest.path("files")) {
            if (f.path("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError(path + " is not in the manifest: " + manifest.path("files"));
    }
}
