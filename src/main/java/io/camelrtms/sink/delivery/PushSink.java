package io.camelrtms.sink.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.sink.SinkDocuments;
import io.camelrtms.sink.VideoFormats;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that pushes each message as it comes, through its {@link SinkDelivery} (ordered per stream,
 * redelivered, spooled): the {@code http} sink and the {@code kafka} sink. Each TRANSCRIPT, CHAT,
 * EVENT and LIFECYCLE exchange becomes one request with its JSON document ({@link SinkDocuments}),
 * VIDEO and DESKSHARE payloads go as they are, and decoded AUDIO as chunks of PCM (gathered by
 * {@link AudioChunks}). Every request carries the same headers (stream, type, sequence, timestamp,
 * audio format; {@link #IDEMPOTENCY_KEY} the same across retries and spool redelivery, so a receiver
 * can drop a repeat); the subclass says how one is sent.
 *
 * <p>The sink's route calls {@link #document}, {@link #message} and {@link #audioChunk}.
 */
public abstract class PushSink {

    /** Exchange property: the sequence number {@link #document} gave a message, which {@link #message} keeps. */
    public static final String PROPERTY_SEQUENCE = "RtmsHttpSequence";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String H_STREAM_ID = "X-Rtms-Stream-Id";
    public static final String H_PRODUCT = "X-Rtms-Product";
    public static final String H_TYPE = "X-Rtms-Type";
    public static final String H_SEQUENCE = "X-Rtms-Sequence";
    public static final String H_TIMESTAMP = "X-Rtms-Timestamp";
    public static final String H_USER_ID = "X-Rtms-User-Id";
    public static final String H_SPEAKER = "X-Rtms-Speaker";
    public static final String H_SPEAKER_NAME = "X-Rtms-Speaker-Name";
    public static final String H_AUDIO_FORMAT = "X-Rtms-Audio-Format";
    public static final String H_SAMPLE_RATE = "X-Rtms-Sample-Rate";
    public static final String H_CHANNELS = "X-Rtms-Channels";
    public static final String H_DURATION = "X-Rtms-Duration-Ms";

    private static final Logger LOG = LoggerFactory.getLogger(PushSink.class);

    private final String name;
    private final ObjectMapper mapper;
    private final AudioChunks chunks;
    private final boolean deleteOnRevoke;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong unsequenced = new AtomicLong();
    private volatile SinkDelivery delivery;

    /**
     * @param name           the sink's name in {@code rtms.sinks}
     * @param deleteOnRevoke drop what waits for a stream whose data Zoom revoked (stop reason 8)
     */
    protected PushSink(String name, ObjectMapper mapper, AudioChunks chunks, boolean deleteOnRevoke) {
        this.name = name;
        this.mapper = mapper;
        this.chunks = chunks;
        this.deleteOnRevoke = deleteOnRevoke;
    }

    /** Connects the sink to its delivery; until then (the sink is not in use) requests are refused. */
    public void setDelivery(SinkDelivery delivery) {
        this.delivery = delivery;
    }

    public SinkDelivery delivery() {
        return delivery;
    }

    public AudioChunks chunks() {
        return chunks;
    }

    // ---- building requests (on the media threads)

    /**
     * The JSON document ({@link SinkDocuments}) of a TRANSCRIPT, CHAT, EVENT or LIFECYCLE exchange, which the
     * route marshals with Camel's JSON data format before {@link #message}; it numbers the message
     * ({@link #PROPERTY_SEQUENCE}: Zoom's sequence, else the sink's own count).
     */
    public ObjectNode document(Exchange exchange) {
        Message m = exchange.getMessage();
        String type = m.getHeader(RtmsConstants.MEDIA_TYPE, "EVENT", String.class);
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, String.class);
        long seq = sequence(m);
        exchange.setProperty(PROPERTY_SEQUENCE, seq);
        return SinkDocuments.of(mapper, m, type, streamId == null || streamId.isEmpty() ? "account" : streamId, seq);
    }

    /** Whether a media type is pushed as a JSON document (not a media payload). */
    public static boolean isDocument(String type) {
        return !("VIDEO".equals(type) || "DESKSHARE".equals(type) || "AUDIO".equals(type));
    }

    private long sequence(Message m) {
        Long seqHeader = m.getHeader(RtmsConstants.SEQUENCE, Long.class);
        return seqHeader != null ? seqHeader : unsequenced.incrementAndGet();
    }

    /**
     * A TRANSCRIPT, CHAT, EVENT or LIFECYCLE exchange (its JSON document, see {@link #document}), or a VIDEO
     * or DESKSHARE exchange becomes one request.
     */
    public void message(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        String type = m.getHeader(RtmsConstants.MEDIA_TYPE, "EVENT", String.class);
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, String.class);
        String stream = streamId == null || streamId.isEmpty() ? "account" : streamId;
        if ("LIFECYCLE".equals(type)) {
            String lifecycle = m.getHeader(RtmsConstants.LIFECYCLE, String.class);
            if (streamId != null && StreamEnded.isEnd(lifecycle)) {
                // the stream's last partial audio chunks go out before its last lifecycle message
                chunks.flush(streamId);
                Integer reason = m.getHeader(RtmsConstants.STOP_REASON, Integer.class);
                if (deleteOnRevoke && reason != null && reason == StopReason.STREAM_REVOKED.code()) {
                    int dropped = require().discard(streamId);
                    if (dropped > 0) {
                        LOG.warn("Stream {} was revoked: {} requests not yet delivered to the {} sink were dropped",
                                streamId, dropped, name);
                    }
                }
            }
        }
        byte[] document = null;
        if (isDocument(type) && exchange.getProperty(PROPERTY_SEQUENCE) == null) {
            // called without the route's document and marshal steps
            document = mapper.writeValueAsBytes(document(exchange));
        }
        Long numbered = exchange.getProperty(PROPERTY_SEQUENCE, Long.class);
        long seq = numbered != null ? numbered : sequence(m);
        String id = stream + ":" + type.toLowerCase(Locale.ROOT) + ":" + run + "." + seq;
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body;
        if ("VIDEO".equals(type) || "DESKSHARE".equals(type)) {
            body = m.getBody(byte[].class);
            if (body == null) {
                return;
            }
            String format = VideoFormats.of(m.getHeader(RtmsConstants.VIDEO_CODEC, String.class), body);
            h.put(Exchange.CONTENT_TYPE, switch (format) {
                case "jpg" -> "image/jpeg";
                case "png" -> "image/png";
                default -> "video/h264";
            });
            putIfPresent(h, H_USER_ID, m.getHeader(RtmsConstants.USER_ID, String.class));
        } else if ("AUDIO".equals(type)) {
            // an Opus packet kept as Zoom sent it (rtms.recording.opus: keep): one request per packet
            body = m.getBody(byte[].class);
            if (body == null) {
                return;
            }
            h.put(Exchange.CONTENT_TYPE, "audio/opus");
            int rate = m.getHeader(RtmsConstants.AUDIO_SAMPLE_RATE, 48000, Integer.class);
            int channels = m.getHeader(RtmsConstants.AUDIO_CHANNELS, 1, Integer.class);
            h.put(H_AUDIO_FORMAT, "opus;rate=" + rate + ";channels=" + channels);
            h.put(H_SAMPLE_RATE, Integer.toString(rate));
            h.put(H_CHANNELS, Integer.toString(channels));
            String speaker = m.getHeader(RtmsConstants.USER_ID, String.class);
            h.put(H_SPEAKER, speaker == null ? "mixed" : speaker);
        } else {
            // the document, turned into JSON by the route (marshal: json) unless built just above
            body = document != null ? document : m.getBody(byte[].class);
            if (body == null) {
                return;
            }
            h.put(Exchange.CONTENT_TYPE, "application/json");
        }
        h.put(IDEMPOTENCY_KEY, id);
        h.put(H_STREAM_ID, stream);
        putIfPresent(h, H_PRODUCT, m.getHeader(RtmsConstants.PRODUCT, String.class));
        h.put(H_TYPE, type);
        h.put(H_SEQUENCE, Long.toString(seq));
        Long ts = m.getHeader(RtmsConstants.TIMESTAMP, Long.class);
        if (ts != null) {
            h.put(H_TIMESTAMP, ts.toString());
        }
        require().submit(SinkRequest.of(stream, id, type, h, body));
    }

    /** An aggregated chunk of one speaker's PCM becomes one request. */
    public void audioChunk(Exchange exchange) throws IOException {
        AudioChunk c = exchange.getMessage().getBody(AudioChunk.class);
        if (c == null || c.length() == 0) {
            return;
        }
        Message m = exchange.getMessage();
        String speaker = c.speaker() == null ? "mixed" : c.speaker();
        String id = c.streamId() + ":audio:" + speaker + ":" + run + "." + c.sequence();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(Exchange.CONTENT_TYPE, "application/octet-stream");
        h.put(IDEMPOTENCY_KEY, id);
        h.put(H_STREAM_ID, c.streamId());
        putIfPresent(h, H_PRODUCT, m.getHeader(RtmsConstants.PRODUCT, String.class));
        h.put(H_TYPE, "AUDIO");
        h.put(H_SPEAKER, speaker);
        if (c.userName() != null) {
            h.put(H_SPEAKER_NAME, URLEncoder.encode(c.userName(), StandardCharsets.UTF_8));
        }
        h.put(H_AUDIO_FORMAT, "pcm_s16le;rate=" + c.sampleRate() + ";channels=" + c.channels());
        h.put(H_SAMPLE_RATE, Integer.toString(c.sampleRate()));
        h.put(H_CHANNELS, Integer.toString(c.channels()));
        h.put(H_SEQUENCE, Long.toString(c.sequence()));
        h.put(H_DURATION, Long.toString(c.durationMillis()));
        if (c.firstTimestamp() != null) {
            h.put(H_TIMESTAMP, c.firstTimestamp().toString());
        }
        require().submit(SinkRequest.of(c.streamId(), id, "AUDIO", h, c.pcm()));
    }

    private SinkDelivery require() {
        SinkDelivery d = delivery;
        if (d == null) {
            throw new IllegalStateException("The " + name + " sink is not in use: name it in rtms.sinks and set "
                    + notInUseHint());
        }
        return d;
    }

    /** The setting a sink needs before it can deliver, for the error of a sink that is not in use. */
    protected abstract String notInUseHint();

    private static void putIfPresent(Map<String, String> h, String name, String value) {
        if (value != null) {
            h.put(name, value);
        }
    }
}
