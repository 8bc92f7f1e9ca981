package io.camelrtms.sink.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.sink.SinkDocuments;
import io.camelrtms.sink.VideoFormats;
import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.delivery.SinkDeliveryException;
import io.camelrtms.sink.delivery.SinkRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} sink: pushes each TRANSCRIPT, CHAT, EVENT and LIFECYCLE exchange as a JSON POST,
 * VIDEO and DESKSHARE payloads as they are, and decoded AUDIO as chunks of PCM (gathered by
 * {@link AudioChunks}), to the configured URL. Every request carries an {@code Idempotency-Key}
 * that stays the same across retries and spool redelivery, so the receiver can drop a repeat.
 *
 * <p>The route calls {@link #message} or {@link #audioChunk}, which build a {@link SinkRequest} and
 * hand it to the sink's {@link SinkDelivery} (ordered per stream, redelivered, spooled). The
 * delivery route calls {@link #prepare} (endpoint and auth header, added here at send time so the
 * secret is never spooled) and {@link #checkResponse}.
 */
public class HttpSink {

    /** The sink's name: {@code rtms.sinks.<type>: http}. */
    public static final String NAME = "http";
    /** Exchange property holding the camel-http endpoint URI of a request. */
    public static final String PROPERTY_ENDPOINT = "RtmsHttpEndpoint";
    /** Exchange property: the sequence number {@link #document} gave a message, which {@link #message} keeps. */
    public static final String PROPERTY_SEQUENCE = "RtmsHttpSequence";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String H_STREAM_ID = "X-Rtms-Stream-Id";
    public static final String H_PRODUCT = "X-Rtms-Product";
    public static final String H_TYPE = "X-Rtms-Type";
    public static final String H_SEQUENCE = "X-Rtms-Sequence";
    public static final String H_TIMESTAMP = "X-Rtms-Timestamp";
    public static final String H_SPEAKER = "X-Rtms-Speaker";
    public static final String H_SPEAKER_NAME = "X-Rtms-Speaker-Name";
    public static final String H_AUDIO_FORMAT = "X-Rtms-Audio-Format";
    public static final String H_SAMPLE_RATE = "X-Rtms-Sample-Rate";
    public static final String H_CHANNELS = "X-Rtms-Channels";
    public static final String H_DURATION = "X-Rtms-Duration-Ms";

    /** Receiver answers that mean "this request will never be accepted": kept aside, not retried. */
    private static final Set<Integer> REJECTIONS = Set.of(400, 413, 415, 422);
    private static final Logger LOG = LoggerFactory.getLogger(HttpSink.class);

    /**
     * @param url             where requests go
     * @param urlByType       per media type (lower case) override of {@code url}
     * @param authHeaderName  e.g. {@code Authorization}; none when empty
     * @param authHeaderValue its value, read from the environment at send time; none when empty
     * @param connectTimeout  connection timeout of one attempt
     * @param responseTimeout how long one attempt waits for the answer
     */
    public record Settings(String url, Map<String, String> urlByType, String authHeaderName, Supplier<String> authHeaderValue,
                           Duration connectTimeout, Duration responseTimeout) {
    }

    private final Settings settings;
    private final ObjectMapper mapper;
    private final AudioChunks chunks;
    private final boolean deleteOnRevoke;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong unsequenced = new AtomicLong();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private volatile SinkDelivery delivery;

    public HttpSink(Settings settings, ObjectMapper mapper, AudioChunks chunks, boolean deleteOnRevoke) {
        this.settings = settings;
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

    /** The camel-http endpoint URI for a media type: its URL plus the timeouts. */
    public String endpointFor(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        synchronized (endpoints) {
            return endpoints.computeIfAbsent(t, k -> {
                String url = settings.urlByType().getOrDefault(k, settings.url());
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("rtms.http.url is not set");
                }
                return url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false"
                        + "&connectTimeout=" + settings.connectTimeout().toMillis()
                        + "&connectionRequestTimeout=" + settings.connectTimeout().toMillis()
                        + "&responseTimeout=" + settings.responseTimeout().toMillis()
                        + "&soTimeout=" + settings.responseTimeout().toMillis();
            });
        }
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

    /** Whether a media type is posted as a JSON document (not a media payload). */
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
                        LOG.warn("Stream {} was revoked: {} requests not yet delivered to the HTTP sink were dropped",
                                streamId, dropped);
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
            putIfPresent(h, "X-Rtms-User-Id", m.getHeader(RtmsConstants.USER_ID, String.class));
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
            throw new IllegalStateException("The http sink is not in use: name it in rtms.sinks and set rtms.http.url");
        }
        return d;
    }

    // ---- sending (on the delivery threads, inside the delivery route)

    /** Before each attempt: the endpoint of the request's type and the auth header (never spooled, never logged). */
    public void prepare(Exchange exchange) {
        Message m = exchange.getMessage();
        exchange.setProperty(PROPERTY_ENDPOINT, endpointFor(m.getHeader(H_TYPE, String.class)));
        m.setHeader(Exchange.HTTP_METHOD, "POST");
        String name = settings.authHeaderName();
        String value = settings.authHeaderValue() == null ? null : settings.authHeaderValue().get();
        if (name != null && !name.isBlank() && value != null && !value.isEmpty()) {
            m.setHeader(name, value);
        }
    }

    /**
     * After each attempt: a 2xx answer is a delivery; 400, 413, 415 and 422 say the request will never
     * be taken (it is set aside, see {@link SinkDelivery#PROPERTY_REJECTED}); any other answer is
     * thrown as a failure so Camel redelivers it.
     *
     * @throws SinkDeliveryException for an answer worth retrying (5xx, 408, 429, 401, …)
     */
    public void checkResponse(Exchange exchange) {
        Message m = exchange.getMessage();
        int code = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        m.setBody(null);
        if (settings.authHeaderName() != null && !settings.authHeaderName().isBlank()) {
            m.removeHeader(settings.authHeaderName());
        }
        if (code >= 200 && code < 300) {
            return;
        }
        if (REJECTIONS.contains(code)) {
            exchange.setProperty(SinkDelivery.PROPERTY_REJECTED, "HTTP " + code);
            return;
        }
        throw new SinkDeliveryException("the HTTP sink answered " + code);
    }


    private static void putIfPresent(Map<String, String> h, String name, String value) {
        if (value != null) {
            h.put(name, value);
        }
    }
}
