package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.TestSignals;
import io.camelrtms.media.WavHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: a JVM recording audio is killed with SIGKILL, then the recovery pass runs. */
@DisabledOnOs(OS.WINDOWS)
class KillNineTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledRecorderLeavesAPlayableFileAndRecoveryKeepsEveryFlushedFrame() throws Exception {
        Path data = tmp.resolve("data");
        Path report = tmp.resolve("flushed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingRecorderMain.class.getName(), data.toString(), report.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report) || !child.isAlive());
            assertThat(child.isAlive()).as("child still recording; its log: %s", Files.readString(tmp.resolve("child.log"))).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long flushed = Long.parseLong(Files.readString(report));
        Path dir = data.resolve("meeting").resolve(TestExchanges.ENTITY_DIR).resolve("killed");
        Path wav = dir.resolve("audio.wav");
        short[] src = TestSignals.tones(16000, 1, 100 * 320);

        short[] playable = WavFileWriterTest.readFrames(wav);
        assertThat((long) playable.length).isGreaterThanOrEqualTo(flushed);
        assertThat(playable).containsExactly(Arrays.copyOf(src, playable.length));

        assertThat(new RecordingRecovery(new ObjectMapper(), 5000).recoverAll(data)).containsExactly(dir);
        short[] recovered = WavFileWriterTest.readFrames(wav);
        assertThat((long) recovered.length).isGreaterThanOrEqualTo(flushed).isEqualTo((Files.size(wav) - WavHeader.HEADER_SIZE) / 2);
        assertThat(recovered).containsExactly(Arrays.copyOf(src, recovered.length));
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("recovered").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"lifecycle\":\"STARTED\"");
    }
}
