package io.camelrtms.sink.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.delivery.AudioChunks;
import io.camelrtms.sink.delivery.PushSink;
import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.delivery.SinkDeliveryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The {@code http} sink: pushes each TRANSCRIPT, CHAT, EVENT and LIFECYCLE exchange as a JSON POST,
 * VIDEO and DESKSHARE payloads as they are, and decoded AUDIO as chunks of PCM (gathered by
 * {@link AudioChunks}), to the configured URL, the requests built by {@link PushSink} (headers as they
 * are sent). Every request carries an {@code Idempotency-Key} that stays the same across retries and
 * spool redelivery, so the receiver can drop a repeat.
 *
 * <p>The delivery route calls {@link #prepare} (endpoint and auth header, added here at send time so the
 * secret is never spooled) and {@link #checkResponse}.
 */
public class HttpSink extends PushSink {

    /** The sink's name: {@code rtms.sinks.<type>: http}. */
    public static final String NAME = "http";
    /** Exchange property holding the camel-http endpoint URI of a request. */
    public static final String PROPERTY_ENDPOINT = "RtmsHttpEndpoint";

    /** Receiver answers that mean "this request will never be accepted": kept aside, not retried. */
    private static final Set<Integer> REJECTIONS = Set.of(400, 413, 415, 422);

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
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    public HttpSink(Settings settings, ObjectMapper mapper, AudioChunks chunks, boolean deleteOnRevoke) {
        super(NAME, mapper, chunks, deleteOnRevoke);
        this.settings = settings;
    }

    @Override
    protected String notInUseHint() {
        return "rtms.http.url";
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

}
