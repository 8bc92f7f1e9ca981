package io.camelrtms.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.Signatures;
import io.camelrtms.protocol.WebhookEvents;
import io.camelrtms.protocol.WebhookEvents.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of the Zoom webhook endpoint: decides, from the raw request, whether a webhook is answered
 * right here or handed on as a verified {@link ControlMessage}.
 *
 * <p>Checks, in this order, each refusal answered with a short JSON error and nothing processed:
 * <ol>
 *   <li>content type: anything but JSON (or none) → 415, before the body is read: a form would already
 *       have been parsed by the web layer, its exact bytes (which the signature covers) lost;</li>
 *   <li>size: a {@code Content-Length} over the limit, then the real length over the limit → 413;</li>
 *   <li>no webhook secret configured → 503 (never accept what cannot be verified);</li>
 *   <li>with {@code x-zm-signature}: the request timestamp within the window, then the HMAC over the
 *       exact received bytes, compared in constant time → 401; then the JSON → 400;</li>
 *   <li>without a signature: the JSON → 400; an {@code endpoint.url_validation} is answered (400 without
 *       a {@code plainToken}), any other event → 401;</li>
 *   <li>a stream event lacking its stream id or entity id, or a start without a usable {@code ws://} or
 *       {@code wss://} server URL → 400.</li>
 * </ol>
 * {@code endpoint.url_validation} is answered 200 with {@code plainToken} and {@code encryptedToken};
 * events the bundle does not act on are answered 200 {@code {"status":"ignored"}} with one INFO line,
 * because Zoom retries anything but a 2xx. Everything else becomes the body, as a {@link ControlMessage},
 * with {@link ZoomWebhookConstants#OUTCOME} {@code CONTROL}, a 200 status and the
 * {@link ZoomWebhookConstants#DEDUPE_KEY} property; the route deduplicates it, hands it on asynchronously
 * and sets the final body.
 *
 * <p>All request headers are dropped first thing, so the signature never travels further down the route,
 * into a log line or back out as a response header. Neither the secret nor a signature is ever logged
 * or written into a response.
 *
 * <p>The body must arrive as bytes (a byte array or a stream, e.g. platform-http with
 * {@code useStreaming=true}): a body already decoded into text may not re-encode to the bytes Zoom signed.
 */
public class ZoomWebhookProcessor implements Processor {

    public static final String BODY_TOO_LARGE = "body too large";
    public static final String NOT_CONFIGURED = "webhook secret not configured";
    public static final String BAD_TIMESTAMP = "missing or invalid timestamp";
    public static final String STALE_TIMESTAMP = "timestamp outside the accepted window";
    public static final String BAD_SIGNATURE = "invalid signature";
    public static final String MISSING_SIGNATURE = "missing signature";
    public static final String MALFORMED_JSON = "malformed JSON";
    public static final String MISSING_PLAIN_TOKEN = "missing plainToken";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported content type: send application/json";

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWebhookProcessor.class);
    private static final String APPLICATION_JSON = "application/json";
    private static final int MAX_EVENT_NAME_IN_LOG = 100;

    private final String webhookSecret;
    private final Duration timestampTolerance;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param webhookSecret      Zoom's webhook Secret Token; {@code null} or blank makes every request a 503
     * @param timestampTolerance how far {@code x-zm-request-timestamp} may lie from now, either way
     * @param maxBodyBytes       the largest body accepted, in bytes
     * @param clock              the time source for the timestamp window
     */
    private volatile BiConsumer<Integer, String> outcomeObserver = (status, reason) -> { };

    public ZoomWebhookProcessor(String webhookSecret, Duration timestampTolerance, long maxBodyBytes, Clock clock) {
        if (timestampTolerance == null || timestampTolerance.isNegative()) {
            throw new IllegalArgumentException("The timestamp tolerance must be zero or positive, was " + timestampTolerance);
        }
        if (maxBodyBytes < 1 || maxBodyBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The body limit must be between 1 byte and 2 GiB, was " + maxBodyBytes);
        }
        this.webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        this.timestampTolerance = timestampTolerance;
        this.maxBodyBytes = (int) maxBodyBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a webhook secret is configured; without one every request is refused with 503. */
    /**
     * Hears the outcome of every request, for metrics: {@code (status, reason)} with reason one of
     * {@code accepted}, {@code ignored}, {@code url_validation} or the refusal's fixed text
     * ({@code invalid event} for a signed event that lacks a field). Called on the HTTP thread.
     */
    public void setOutcomeObserver(BiConsumer<Integer, String> observer) {
        this.outcomeObserver = observer == null ? (status, reason) -> { } : observer;
    }

    public boolean isSecretConfigured() {
        return webhookSecret != null;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Object signature = in.getHeader(ZoomWebhookConstants.SIGNATURE_HEADER);
        Object timestamp = in.getHeader(ZoomWebhookConstants.TIMESTAMP_HEADER);
        Object contentLength = in.getHeader("Content-Length");
        Object contentType = in.getHeader(Exchange.CONTENT_TYPE);
        in.removeHeaders("*");

        if (!isAcceptedContentType(contentType) || !isRaw(in.getBody())) {
            refuse(exchange, 415, UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        if (declaredLength(contentLength) > maxBodyBytes) {
            refuse(exchange, 413, BODY_TOO_LARGE);
            return;
        }
        byte[] body = readAtMost(in, maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            refuse(exchange, 413, BODY_TOO_LARGE);
            return;
        }
        if (webhookSecret == null) {
            refuse(exchange, 503, NOT_CONFIGURED);
            return;
        }

        if (signature != null) {
            String refusal = verify(signature, timestamp, body);
            if (refusal != null) {
                refuse(exchange, 401, refusal);
                return;
            }
        }
        JsonNode envelope = parse(body);
        if (envelope == null) {
            refuse(exchange, 400, MALFORMED_JSON);
            return;
        }
        boolean urlValidation = WebhookEvents.URL_VALIDATION.equals(envelope.path("event").asText());
        if (signature == null && !urlValidation) {
            // Zoom's own helpers do not require a signature on url_validation; everything else must have one
            refuse(exchange, 401, MISSING_SIGNATURE);
            return;
        }
        if (urlValidation) {
            answerUrlValidation(exchange, envelope);
            return;
        }

        Optional<ControlMessage> control;
        try {
            control = WebhookEvents.parse(envelope);
        } catch (InvalidEventException e) {
            refuse(exchange, 400, e.getMessage(), "invalid event");
            return;
        }
        if (control.isEmpty()) {
            LOG.info("Ignoring Zoom webhook event '{}': not an event this bundle acts on",
                    printable(envelope.path("event").asText()));
            answer(exchange, 200, Map.of("status", "ignored"));
            outcomeObserver.accept(200, "ignored");
            return;
        }

        Message out = exchange.getMessage();
        out.setBody(control.get());
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, APPLICATION_JSON);
        exchange.setProperty(ZoomWebhookConstants.DEDUPE_KEY, WebhookDedupeKey.of(control.get()));
        exchange.setProperty(ZoomWebhookConstants.OUTCOME, WebhookOutcome.CONTROL.name());
        outcomeObserver.accept(200, "accepted");
    }

    /** The reason to refuse the signed request, or {@code null} when timestamp and signature are good. */
    private String verify(Object signature, Object timestamp, byte[] body) {
        if (!(timestamp instanceof String ts) || !ts.matches("\\d{1,12}")) {
            return BAD_TIMESTAMP;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(ts));
        if (skew > timestampTolerance.toSeconds()) {
            return STALE_TIMESTAMP;
        }
        if (!(signature instanceof String received)) {
            // a repeated header arrives as a list: Zoom sends exactly one
            return BAD_SIGNATURE;
        }
        String expected = Signatures.webhook(webhookSecret, ts, body);
        return Signatures.matches(expected, received) ? null : BAD_SIGNATURE;
    }

    private void answerUrlValidation(Exchange exchange, JsonNode envelope) {
        JsonNode plainToken = envelope.path("payload").path("plainToken");
        if (!plainToken.isTextual() || plainToken.asText().isEmpty()) {
            refuse(exchange, 400, MISSING_PLAIN_TOKEN);
            return;
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("plainToken", plainToken.asText());
        answer.put("encryptedToken", Signatures.urlValidation(webhookSecret, plainToken.asText()));
        LOG.info("Answered Zoom endpoint.url_validation");
        answer(exchange, 200, answer);
        outcomeObserver.accept(200, "url_validation");
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void refuse(Exchange exchange, int status, String reason) {
        refuse(exchange, status, reason, reason);
    }

    /** @param metricReason the reason as metrics see it: a fixed text, so tags stay few */
    private void refuse(Exchange exchange, int status, String reason, String metricReason) {
        // the reason is one of the fixed texts above or names a missing field: never a secret or signature
        if (status == 401 || status == 503) {
            LOG.warn("Refused Zoom webhook with {}: {}", status, reason);
        } else {
            LOG.info("Refused Zoom webhook with {}: {}", status, reason);
        }
        answer(exchange, status, Map.of("error", reason));
        outcomeObserver.accept(status, metricReason);
    }

    private void answer(Exchange exchange, int status, Map<String, String> document) {
        Message out = exchange.getMessage();
        try {
            out.setBody(json.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, APPLICATION_JSON);
        exchange.setProperty(ZoomWebhookConstants.OUTCOME, WebhookOutcome.ANSWERED.name());
    }

    /**
     * Whether a request of this {@code Content-Type} is read: none at all, or JSON ({@code application/json}
     * or a {@code +json} type, any parameters). Zoom sends {@code application/json}; anything else, above
     * all a form, may have been decoded on the way and no longer be the bytes that were signed.
     */
    public static boolean isAcceptedContentType(Object header) {
        if (header == null) {
            return true;
        }
        if (!(header instanceof String value)) {
            return false;
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.equals(APPLICATION_JSON)
                || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * A body still in its received form: bytes, a stream of them, text from a consumer that decodes, or a
     * server's own buffer type (Vert.x's, behind camel-platform-http-main) — not already parsed into a
     * form's map, whose bytes are gone.
     */
    private static boolean isRaw(Object body) {
        return !(body instanceof Map<?, ?>) && !(body instanceof Collection<?>);
    }

    private static long declaredLength(Object header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads the body as bytes, stopping after {@code limit} bytes so an oversized body is never held whole. */
    private static byte[] readAtMost(Message in, int limit) throws IOException {
        Object body = in.getBody();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof InputStream stream) {
            return stream.readNBytes(limit);
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        // a server's buffer: its HTTP server has already bounded it
        byte[] converted = body == null ? null : in.getBody(byte[].class);
        return converted != null ? converted : new byte[0];
    }

    /** An event name fit for a log line: no control characters, bounded length. */
    private static String printable(String event) {
        String clean = event.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > MAX_EVENT_NAME_IN_LOG ? clean.substring(0, MAX_EVENT_NAME_IN_LOG) + "…" : clean;
    }
}
