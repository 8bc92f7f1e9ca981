package io.camelrtms.component;

import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The contiguous audio of one stream collected for one exchange ({@code audioBatch}): consecutive
 * messages of the same speaker and negotiated parameters, each starting where the previous one ended,
 * until they cover the configured milliseconds. Only codecs whose payloads concatenate into a valid
 * payload are collected: L16 and G.711, stateless sample codecs. An Opus packet is a frame its decoder
 * needs whole, so it never joins a batch.
 *
 * <p>The batch travels with its first message's timestamp, and the file recorder places audio on the
 * timeline by that timestamp; so a message that does not start where the batch ends (a gap, an
 * overlap) must begin a batch of its own, or the gap would vanish from the recording. Jitter up to
 * {@link #TOLERANCE_MILLIS} is accepted, below the recorder's default gap tolerance, so a gap the
 * recorder would fill with silence always splits a batch.
 *
 * <p>Touched on the stream's event loop only: not thread-safe.
 */
final class AudioBatch {

    /** The most a message's timestamp may differ from where the batch ends and still join it. */
    static final long TOLERANCE_MILLIS = 5;

    private final long targetMillis;
    private final List<MediaData> messages = new ArrayList<>();
    private MediaParams negotiated;
    private MediaParams.Audio audio;
    private String speaker;
    private int bytes;
    /** The audio the batch covers, in microseconds: a message's duration need not be whole milliseconds. */
    private long coveredMicros;
    /** Where the last message ended, epoch microseconds. */
    private long endMicros;
    private long opened;

    AudioBatch(long targetMillis) {
        if (targetMillis <= 0) {
            throw new IllegalArgumentException("audioBatch must be positive, not " + targetMillis);
        }
        this.targetMillis = targetMillis;
    }

    /** Whether {@code m} may be part of a batch at all: audio in a codec whose payloads concatenate. */
    static boolean batchable(MediaData m, MediaParams negotiated) {
        if (m.kind() != MediaKind.AUDIO || m.data() == null || m.data().length == 0) {
            return false;
        }
        MediaParams.Audio a = audioOf(negotiated);
        return (a.codec() == Codec.L16 || a.codec() == Codec.G711) && a.sampleRate() != null;
    }

    /** Whether {@code m} (batchable) continues this batch; true when the batch is empty. */
    boolean continues(MediaData m, MediaParams negotiated) {
        if (messages.isEmpty()) {
            return true;
        }
        if (!audioOf(negotiated).equals(audio) || !Objects.equals(m.speakerKey(), speaker)) {
            return false;
        }
        return Math.abs(m.timestamp() * 1000 - endMicros) <= TOLERANCE_MILLIS * 1000;
    }

    /** Adds a batchable message that {@linkplain #continues continues} the batch; true when it opened the batch. */
    boolean add(MediaData m, MediaParams negotiated) {
        boolean first = messages.isEmpty();
        if (first) {
            this.negotiated = negotiated;
            this.audio = audioOf(negotiated);
            this.speaker = m.speakerKey();
            opened++;
        }
        long micros = durationMicros(m.data().length, audio);
        messages.add(m);
        bytes += m.data().length;
        coveredMicros += micros;
        endMicros = m.timestamp() * 1000 + micros;
        return first;
    }

    /** Whether the batch covers the configured milliseconds of audio and must be delivered. */
    boolean full() {
        return coveredMicros >= targetMillis * 1000;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    /**
     * Which batch is open: changes each time one opens, so a timer armed for a batch can tell whether
     * that batch is still the open one.
     */
    long opened() {
        return opened;
    }

    /** Takes the batch out, leaving this one empty; null when it is empty. */
    Taken take() {
        if (messages.isEmpty()) {
            return null;
        }
        byte[] body;
        if (messages.size() == 1) {
            body = messages.get(0).data();
        } else {
            body = new byte[bytes];
            int at = 0;
            for (MediaData m : messages) {
                System.arraycopy(m.data(), 0, body, at, m.data().length);
                at += m.data().length;
            }
        }
        Taken taken = new Taken(messages.get(0), body, messages.size(), negotiated);
        messages.clear();
        bytes = 0;
        coveredMicros = 0;
        return taken;
    }

    /**
     * A delivered batch: the first message (its timestamp and speaker are the batch's), the payloads of
     * all of them in order, how many there were and the parameters they were negotiated with.
     */
    record Taken(MediaData first, byte[] body, int messages, MediaParams negotiated) {
    }

    /** The audio parameters the stream negotiated; Zoom's wire defaults before the server confirmed any. */
    static MediaParams.Audio audioOf(MediaParams negotiated) {
        return negotiated != null && negotiated.audio() != null ? negotiated.audio() : MediaParams.Audio.WIRE_DEFAULT;
    }

    /** How long a payload of {@code length} bytes plays, in microseconds. */
    static long durationMicros(int length, MediaParams.Audio a) {
        int bytesPerSample = a.codec() == Codec.L16 ? 2 : 1;
        long bytesPerSecond = (long) a.sampleRate().hertz() * Math.max(1, a.channels()) * bytesPerSample;
        return length * 1_000_000L / bytesPerSecond;
    }
}
