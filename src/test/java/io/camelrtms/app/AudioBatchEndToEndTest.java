package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.component.RtmsComponent;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.FileRecorder;
import io.camelrtms.sink.file.RecordingLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bundle with {@code rtms.stream.audio-batch=100}, as the benchmark runs it: signed webhooks, the
 * YAML routes, the rtms: component delivering mixed 16 kHz L16 in batches of up to five messages,
 * the decode step and the WAV recorder. The recording must hold exactly the PCM Zoom sent, every
 * sample in its place, the idle gap as silence.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + AudioBatchEndToEndTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + AudioBatchEndToEndTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + AudioBatchEndToEndTest.WEBHOOK_SECRET,
        "rtms.data-dir=target/test-data/audio-batch",
        "rtms.stream.audio-codec=L16",
        "rtms.stream.audio-sample-rate=16000",
        "rtms.stream.audio-channels=1",
        "rtms.stream.audio-per-speaker=false",
        "rtms.stream.audio-batch=100",
})
class AudioBatchEndToEndTest {

    static final String CLIENT_ID = "batch-e2e-client-id";
    static final String CLIENT_SECRET = "batch-e2e-client-secret";
    static final String WEBHOOK_SECRET = "batch-e2e-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;
    @Value("${rtms.data-dir}")
    Path dataDir;
    @Autowired
    RtmsComponent rtms;
    @Autowired
    FileRecorder rtmsFileRecorder;

    @Test
    void aBatchedMeetingIsRecordedSampleForSample() throws Exception {
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4).keepAliveIntervalMillis(200).keepAliveMissLimit(10)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            long writtenBefore = rtmsFileRecorder.statistics().audioChunksWritten();
            SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.standard());
            s.awaitState(StreamPhase.ENDED, WAIT);
            Path dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), s.streamId());
            Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve(RecordingLayout.MANIFEST)));
            Awaitility.await().atMost(WAIT).until(() -> rtms.activeStreams() == 0);

            assertThat(s.violations()).isEmpty();
            MeetingScript script = s.script();
            long lastFrameEnd = 0;
            for (long start = 0; start + 20 <= script.durationMillis(); start += 20) {
                if (script.anyoneTalking(start, start + 20)) {
                    lastFrameEnd = start + 20;
                }
            }
            short[] source = script.sourcePcm(0, 16000, 1);
            short[] recorded = EndToEndTest.readWav(dir.resolve(RecordingLayout.audioFile(null)), 16000, 1);
            assertThat(recorded).hasSize((int) lastFrameEnd * 16);
            for (int i = 0; i < recorded.length; i++) {
                if (recorded[i] != source[i]) {
                    assertThat(recorded[i]).as("sample %d (%d ms)", i, i / 16).isEqualTo(source[i]);
                }
            }
            // the property reached the component; its statistics still count every message
            assertThat(rtms.getConfiguration().getAudioBatch()).isEqualTo(100);
            assertThat(rtms.stream(s.streamId()).frames().get("AUDIO")).isEqualTo(s.sent(MediaKind.AUDIO));
            // rtms_audio_written_total (what the benchmark compares with the packets sent) counts packets, not batches
            assertThat(rtmsFileRecorder.statistics().audioChunksWritten() - writtenBefore).isEqualTo(s.sent(MediaKind.AUDIO));
        }
    }
}
