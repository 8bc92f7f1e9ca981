package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.TestExchanges;
import io.camelrtms.media.Pcm;
import io.camelrtms.media.TestSignals;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KillNineTest}: records audio, lets the recorder's own scheduler
 * flush, writes some more, reports how many frames were flushed, then waits to be killed.
 * Arguments: data directory, report file.
 */
public final class CrashingRecorderMain {

    private CrashingRecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path report = Path.of(args[1]);
        short[] src = TestSignals.tones(16000, 1, 100 * 320);
        TestExchanges ex = new TestExchanges("killed");
        FileRecorder recorder = new FileRecorder(RecorderSettings.defaults(data), new ObjectMapper());
        recorder.setCamelContext(ex.context());
        recorder.start();
        recorder.process(ex.lifecycle("STARTED", null, null));
        for (int p = 0; p < 60; p++) {
            recorder.process(ex.audio(Pcm.toBytes(src, p * 320, 320), "L16", 16000, 1, "0", null, 1_000_000L + p * 20L));
        }
        recorder.flushAll();
        long flushed = 60 * 320;
        for (int p = 60; p < 70; p++) {
            recorder.process(ex.audio(Pcm.toBytes(src, p * 320, 320), "L16", 16000, 1, "0", null, 1_000_000L + p * 20L));
        }
        Files.writeString(report.resolveSibling(report.getFileName() + ".tmp"), Long.toString(flushed));
        Files.move(report.resolveSibling(report.getFileName() + ".tmp"), report);
        // Wait for SIGKILL; give up after a minute so an orphan never lingers.
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(100);
        }
        System.exit(3);
    }
}
