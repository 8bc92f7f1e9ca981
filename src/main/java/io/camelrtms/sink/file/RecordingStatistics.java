package io.camelrtms.sink.file;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counters of the file sink, kept with plain JDK adders so the sink needs no metrics library; the
 * application binds them to Micrometer. An audio chunk (one packet's PCM) counts as written when its
 * bytes are handed to the operating system ({@code write(2)}, not {@code fsync}): from then on it
 * survives the process being killed. Its latency is the wall clock at that moment minus the packet's
 * Zoom timestamp.
 */
public final class RecordingStatistics {

    private final LongAdder audioChunks = new LongAdder();
    private volatile LongConsumer audioLatencyObserver = ms -> { };

    /** Called by the writers when a chunk's bytes reach the operating system. */
    void audioWritten(long packetTimestampMillis, long nowMillis) {
        audioChunks.increment();
        if (packetTimestampMillis != WavFileWriter.NO_TIMESTAMP) {
            audioLatencyObserver.accept(nowMillis - packetTimestampMillis);
        }
    }

    /** Audio chunks (packets) handed to the operating system since start, over all streams. */
    public long audioChunksWritten() {
        return audioChunks.sum();
    }

    /** Receives, per chunk handed to the operating system, the milliseconds since its packet's timestamp. */
    public void setAudioLatencyObserver(LongConsumer observer) {
        this.audioLatencyObserver = observer == null ? ms -> { } : observer;
    }
}
