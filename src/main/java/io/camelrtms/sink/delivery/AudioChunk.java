package io.camelrtms.sink.delivery;

import java.util.Arrays;

/**
 * Decoded PCM of one stream and speaker, gathered into a chunk of a set duration for the HTTP sink.
 * Filled by one thread at a time (the aggregator's lock).
 */
public final class AudioChunk {

    private final String streamId;
    private final String speaker;
    private final String userName;
    private final int sampleRate;
    private final int channels;
    private final long sequence;
    private final Long firstTimestamp;
    private final int targetBytes;
    private byte[] pcm;
    private int length;

    /**
     * @param speaker     user id or Contact Center channel id, or {@code null} for mixed audio
     * @param sequence    1 for the first chunk of this stream and speaker
     * @param targetBytes the chunk is full once it holds this many bytes
     */
    public AudioChunk(String streamId, String speaker, String userName, int sampleRate, int channels, long sequence,
                      Long firstTimestamp, int targetBytes) {
        this.streamId = streamId;
        this.speaker = speaker;
        this.userName = userName;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.sequence = sequence;
        this.firstTimestamp = firstTimestamp;
        this.targetBytes = Math.max(2 * channels, targetBytes);
        this.pcm = new byte[this.targetBytes];
    }

    void append(byte[] data) {
        if (length + data.length > pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(pcm.length * 2, length + data.length));
        }
        System.arraycopy(data, 0, pcm, length, data.length);
        length += data.length;
    }

    public boolean isFull() {
        return length >= targetBytes;
    }

    public String streamId() {
        return streamId;
    }

    /** User id or channel id, or {@code null} for mixed audio. */
    public String speaker() {
        return speaker;
    }

    public String userName() {
        return userName;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public long sequence() {
        return sequence;
    }

    /** Zoom's timestamp of the first packet in the chunk, or {@code null}. */
    public Long firstTimestamp() {
        return firstTimestamp;
    }

    /** The PCM bytes: signed 16-bit little-endian, interleaved when stereo. */
    public byte[] pcm() {
        return length == pcm.length ? pcm : Arrays.copyOf(pcm, length);
    }

    public int length() {
        return length;
    }

    /** Duration of the audio held, in milliseconds. */
    public long durationMillis() {
        return length / (2L * channels) * 1000 / sampleRate;
    }
}
