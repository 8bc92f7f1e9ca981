package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a simulator sent, for load tests: data messages per media kind, how late each left against
 * its place on the timeline (the generator's own lag, which a receiver measuring "now minus packet
 * time" sees as latency), and how long each stream took from posting its started webhook to its
 * first media socket being ready and to sending its first data message. Thread-safe; the event loops count as they send.
 */
public final class SendStatistics {

    private final LongAdder[] sent = new LongAdder[MediaKind.values().length];
    private final MillisHistogram lag = new MillisHistogram();
    private final MillisHistogram firstData = new MillisHistogram();
    private final MillisHistogram mediaReady = new MillisHistogram();

    SendStatistics() {
        for (int i = 0; i < sent.length; i++) {
            sent[i] = new LongAdder();
        }
    }

    void sent(MediaKind kind, long lagMillis) {
        sent[kind.ordinal()].increment();
        lag.record(lagMillis);
    }

    void firstData(long millisSinceStartedWebhook) {
        firstData.record(millisSinceStartedWebhook);
    }

    void mediaReady(long millisSinceStartedWebhook) {
        mediaReady.record(millisSinceStartedWebhook);
    }

    /** Starts counting afresh (e.g. after a warm-up). */
    public void reset() {
        for (LongAdder a : sent) {
            a.reset();
        }
        lag.reset();
        firstData.reset();
        mediaReady.reset();
    }

    /** Data messages of this kind sent over all streams. */
    public long sent(MediaKind kind) {
        return sent[kind.ordinal()].sum();
    }

    /**
     * Per data message: wall-clock time it was written to its socket minus the time its timeline
     * position was due (playback speed 1: its timestamp plus the packet's duration for audio).
     */
    public MillisHistogram lag() {
        return lag;
    }

    /**
     * Per stream: from posting its started webhook to its first media socket being ready (handshake and
     * the client's ready ack done), when playback starts. The first data message follows once its
     * content exists: an audio packet carries the audio of the send rate before it (20 ms by default).
     */
    public MillisHistogram mediaReady() {
        return mediaReady;
    }

    /** Per stream: from posting its started webhook to writing its first data message. */
    public MillisHistogram firstData() {
        return firstData;
    }
}
