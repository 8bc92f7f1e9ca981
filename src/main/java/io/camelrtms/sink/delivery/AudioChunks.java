package io.camelrtms.sink.delivery;

import io.camelrtms.component.RtmsConstants;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.processor.aggregate.DefaultAggregateController;

/**
 * Gathers decoded AUDIO exchanges of one stream and speaker into {@link AudioChunk}s of a set
 * duration, for Camel's Aggregator EIP in the {@code rtms-sink-http} route: it is the aggregation
 * strategy, the correlation expression ({@link #group}), the completion predicate ({@link #isFull}),
 * the completion timeout ({@link #timeoutMillis}: a speaker who falls silent still gets the partial
 * chunk out) and, through {@link #controller()}, the flush of a stream's partial chunks when it
 * stops ({@link #flush}).
 */
public final class AudioChunks implements AggregationStrategy {

    private final Duration chunk;
    private final DefaultAggregateController controller = new DefaultAggregateController();
    private final Map<String, Set<String>> groupsByStream = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    /** @param chunk how much audio one chunk holds (the last one of a speaker may hold less) */
    public AudioChunks(Duration chunk) {
        if (chunk.isNegative() || chunk.isZero()) {
            throw new IllegalArgumentException("An audio chunk (rtms.http.audio-chunk, rtms.kafka.audio-chunk) must be positive, not " + chunk);
        }
        this.chunk = chunk;
    }

    public Duration chunk() {
        return chunk;
    }

    /** The aggregator's controller: give it to the aggregate EIP as {@code aggregateController}. */
    public AggregateController controller() {
        return controller;
    }

    /** Correlation key: stream, speaker and PCM format (a format change starts a new chunk). */
    public String group(Exchange exchange) {
        Message m = exchange.getMessage();
        return m.getHeader(RtmsConstants.STREAM_ID, "unknown", String.class) + "|" + speakerKey(m) + "|"
                + m.getHeader(RtmsConstants.AUDIO_SAMPLE_RATE, 16000, Integer.class) + "x"
                + m.getHeader(RtmsConstants.AUDIO_CHANNELS, 1, Integer.class);
    }

    /** Completion predicate: the chunk holds its duration of audio. */
    public boolean isFull(Exchange aggregated) {
        return aggregated.getMessage().getBody() instanceof AudioChunk c && c.isFull();
    }

    /** Completion timeout: a chunk not filled within one chunk duration of silence is sent as it is. */
    public long timeoutMillis() {
        return chunk.toMillis();
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        byte[] pcm = newExchange.getMessage().getBody(byte[].class);
        if (oldExchange == null) {
            Message m = newExchange.getMessage();
            String streamId = m.getHeader(RtmsConstants.STREAM_ID, "unknown", String.class);
            String speaker = speaker(m);
            int rate = m.getHeader(RtmsConstants.AUDIO_SAMPLE_RATE, 16000, Integer.class);
            int channels = m.getHeader(RtmsConstants.AUDIO_CHANNELS, 1, Integer.class);
            String group = group(newExchange);
            groupsByStream.computeIfAbsent(streamId, s -> ConcurrentHashMap.newKeySet()).add(group);
            long seq = sequences.computeIfAbsent(streamId + "|" + speakerKey(m), k -> new AtomicLong()).incrementAndGet();
            int target = (int) Math.min(Integer.MAX_VALUE / 2, (long) rate * channels * 2 * chunk.toMillis() / 1000);
            AudioChunk c = new AudioChunk(streamId, speaker, m.getHeader(RtmsConstants.USER_NAME, String.class), rate, channels,
                    seq, m.getHeader(RtmsConstants.TIMESTAMP, Long.class), target);
            if (pcm != null) {
                c.append(pcm);
            }
            m.setBody(c);
            return newExchange;
        }
        if (pcm != null) {
            oldExchange.getMessage().getBody(AudioChunk.class).append(pcm);
        }
        return oldExchange;
    }

    /**
     * Sends the partial chunks of a stream that stopped, on the calling thread, before its last
     * lifecycle message; and forgets the stream.
     */
    public void flush(String streamId) {
        Set<String> groups = groupsByStream.remove(streamId);
        if (groups != null) {
            for (String g : groups) {
                controller.forceCompletionOfGroup(g);
            }
        }
        String prefix = streamId + "|";
        sequences.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** User id or channel id of per-speaker audio, {@code null} for mixed audio. */
    static String speaker(Message m) {
        String channel = m.getHeader(RtmsConstants.CHANNEL_ID, String.class);
        if (channel != null) {
            return channel;
        }
        if (Boolean.TRUE.equals(m.getHeader(RtmsConstants.AUDIO_PER_SPEAKER, Boolean.class))) {
            String user = m.getHeader(RtmsConstants.USER_ID, String.class);
            return user == null || user.isEmpty() ? "unknown" : user;
        }
        return null;
    }

    private static String speakerKey(Message m) {
        String s = speaker(m);
        return s == null ? "mixed" : s;
    }
}
