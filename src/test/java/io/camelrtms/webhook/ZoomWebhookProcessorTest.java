package io.camelrtms.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.Product;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The processor alone, on hand-built exchanges, with a fixed clock. */
class ZoomWebhookProcessorTest {

    private static final String SECRET = "not-a-real-webhook-secret";
    private static final long NOW = 1_700_000_000L;
    private static final int LIMIT = 4096;

    /**
     * The same body and vector as {@code SignaturesTest.ODD_BODY}: signed at timestamp 1700000000 with
     * the secret above, computed with openssl.
     */
    private static final String ODD_BODY = "{\"event\": \"meeting.rtms_started\",\t\"event_ts\":1700000000123 ,\n"
            + "  \"payload\":{ \"meeting_uuid\":\"4Dd3ogm+R5iODe8fgP/dwQ==\", "
            + "\"operator_id\":\"Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \u4f1a\u8bae \ud83c\udfa4\",  "
            + "\"rtms_stream_id\":\"609340fc-8f06-4a2f-8e1b-b6c0b1d0c4e1\", "
            + "\"server_urls\":\"wss://127.0.0.1:1/signaling\"}}\r\n";
    private static final String ODD_BODY_SIGNATURE = "v0=16e361fc06bfe0638b2e35a9f8c6bb1c8b35ab0b45cd82d1834dd06533f8ef8e";

    private static CamelContext context;

    private final ZoomWebhookProcessor processor = new ZoomWebhookProcessor(SECRET, Duration.ofSeconds(300), LIMIT,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @BeforeAll
    static void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stopContext() {
        context.stop();
    }

    private static Exchange request(Object body, Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeaders(new java.util.HashMap<>(headers));
        return exchange;
    }

    private static Exchange signed(String body, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return request(bytes, Map.of("x-zm-signature", ZoomSigner.sign(SECRET, timestamp, bytes),
                "x-zm-request-timestamp", Long.toString(timestamp)));
    }

    private Exchange run(Exchange exchange) throws Exception {
        processor.process(exchange);
        return exchange;
    }

    private static void assertAnswer(Exchange exchange, int status, String json) {
        assertThat(exchange.getProperty(ZoomWebhookConstants.OUTCOME)).isEqualTo("ANSWERED");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    private static final String STARTED = "{\"event\":\"meeting.rtms_started\",\"event_ts\":5,\"payload\":"
            + "{\"meeting_uuid\":\"u\",\"rtms_stream_id\":\"s\",\"server_urls\":\"wss://h.test/x\"}}";

    @Test
    void aSignedEventWithOddBytesVerifiesAgainstTheExternallyComputedVector() throws Exception {
        byte[] bytes = ODD_BODY.getBytes(StandardCharsets.UTF_8);
        Exchange exchange = run(request(new ByteArrayInputStream(bytes),
                Map.of("X-Zm-Signature", ODD_BODY_SIGNATURE, "X-Zm-Request-Timestamp", "1700000000",
                        "Content-Length", Integer.toString(bytes.length), "Accept", "*/*")));

        assertThat(exchange.getProperty(ZoomWebhookConstants.OUTCOME)).isEqualTo("CONTROL");
        assertThat(exchange.getProperty(ZoomWebhookConstants.DEDUPE_KEY))
                .isEqualTo("meeting.rtms_started|609340fc-8f06-4a2f-8e1b-b6c0b1d0c4e1|1700000000123");
        ControlMessage m = exchange.getMessage().getBody(ControlMessage.class);
        assertThat(m.kind()).isEqualTo(ControlMessage.Kind.STARTED);
        assertThat(m.product()).isEqualTo(Product.MEETING);
        assertThat(m.entityId()).isEqualTo("4Dd3ogm+R5iODe8fgP/dwQ==");
        assertThat(m.serverUrls()).containsExactly("wss://127.0.0.1:1/signaling");
        assertThat(m.attributes()).containsEntry("operator_id", "Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \u4f1a\u8bae \ud83c\udfa4");
        // request headers (the signature among them) do not travel on, nor go back out as response headers
        assertThat(exchange.getMessage().getHeaders().keySet())
                .containsExactlyInAnyOrder(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void urlValidationIsAnsweredWithTheExternallyComputedToken() throws Exception {
        String body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1}";
        String expected = "{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\","
                + "\"encryptedToken\":\"571bdc2fc0a66a285ed13dd28162b5175bc9f083550513df275c3154d33c5341\"}";

        assertAnswer(run(request(body.getBytes(StandardCharsets.UTF_8), Map.of())), 200, expected);
        assertAnswer(run(signed(body, NOW)), 200, expected);
    }

    @Test
    void urlValidationWithoutAPlainTokenIsABadRequest() throws Exception {
        assertAnswer(run(request("{\"event\":\"endpoint.url_validation\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8),
                Map.of())), 400, "{\"error\":\"missing plainToken\"}");
        assertAnswer(run(request("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":{}}}"
                .getBytes(StandardCharsets.UTF_8), Map.of())), 400, "{\"error\":\"missing plainToken\"}");
    }

    @Test
    void anUnsignedEventOtherThanUrlValidationIsUnauthorized() throws Exception {
        assertAnswer(run(request(STARTED.getBytes(StandardCharsets.UTF_8), Map.of())), 401, "{\"error\":\"missing signature\"}");
    }

    @Test
    void aWrongSignatureIsUnauthorized() throws Exception {
        byte[] bytes = STARTED.getBytes(StandardCharsets.UTF_8);
        String good = ZoomSigner.sign(SECRET, NOW, bytes);
        for (String bad : List.of(ZoomSigner.sign("another-secret", NOW, bytes), good.toUpperCase(),
                good.substring(0, good.length() - 2), good.substring(3), "", "v0=")) {
            Exchange exchange = run(request(bytes, Map.of("x-zm-signature", bad, "x-zm-request-timestamp", Long.toString(NOW))));
            assertAnswer(exchange, 401, "{\"error\":\"invalid signature\"}");
        }
        // a signature over other bytes (the body re-serialised without spaces) does not verify this body
        byte[] spaced = STARTED.replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertAnswer(run(request(spaced, Map.of("x-zm-signature", good, "x-zm-request-timestamp", Long.toString(NOW)))),
                401, "{\"error\":\"invalid signature\"}");
        // the header twice arrives as a list
        assertAnswer(run(request(bytes, Map.of("x-zm-signature", List.of(good, good),
                "x-zm-request-timestamp", Long.toString(NOW)))), 401, "{\"error\":\"invalid signature\"}");
    }

    @Test
    void theTimestampMustLieWithinTheWindowEitherWay() throws Exception {
        assertThat(run(signed(STARTED, NOW - 300)).getProperty(ZoomWebhookConstants.OUTCOME)).isEqualTo("CONTROL");
        assertThat(run(signed(STARTED, NOW + 300)).getProperty(ZoomWebhookConstants.OUTCOME)).isEqualTo("CONTROL");
        assertAnswer(run(signed(STARTED, NOW - 301)), 401, "{\"error\":\"timestamp outside the accepted window\"}");
        assertAnswer(run(signed(STARTED, NOW + 301)), 401, "{\"error\":\"timestamp outside the accepted window\"}");
    }

    @Test
    void aMissingOrMalformedTimestampIsUnauthorized() throws Exception {
        byte[] bytes = STARTED.getBytes(StandardCharsets.UTF_8);
        String sig = ZoomSigner.sign(SECRET, NOW, bytes);
        assertAnswer(run(request(bytes, Map.of("x-zm-signature", sig))), 401, "{\"error\":\"missing or invalid timestamp\"}");
        for (String ts : List.of("", "17e8", "-1700000000", "1700000000.5", "1700000000000000")) {
            assertAnswer(run(request(bytes, Map.of("x-zm-signature", sig, "x-zm-request-timestamp", ts))),
                    401, "{\"error\":\"missing or invalid timestamp\"}");
        }
    }

    @Test
    void signedButMalformedJsonIsABadRequest() throws Exception {
        for (String body : List.of("{\"event\":", "[1,2]", "\"text\"", "{} {}", "", "{\"event\":\"x\"} trailing")) {
            assertAnswer(run(signed(body, NOW)), 400, "{\"error\":\"malformed JSON\"}");
        }
        assertAnswer(run(request("not json".getBytes(StandardCharsets.UTF_8), Map.of())), 400, "{\"error\":\"malformed JSON\"}");
    }

    @Test
    void theSignatureIsCheckedBeforeTheJson() throws Exception {
        assertAnswer(run(request("{broken".getBytes(StandardCharsets.UTF_8),
                Map.of("x-zm-signature", "v0=00", "x-zm-request-timestamp", Long.toString(NOW)))),
                401, "{\"error\":\"invalid signature\"}");
    }

    @Test
    void aStreamEventWithoutItsStreamIdIsABadRequestNamingTheField() throws Exception {
        assertAnswer(run(signed("{\"event\":\"meeting.rtms_started\",\"payload\":{\"meeting_uuid\":\"u\",\"server_urls\":\"wss://x\"}}", NOW)),
                400, "{\"error\":\"meeting.rtms_started has no rtms_stream_id\"}");
    }

    @Test
    void aSignedStartWithAServerUrlThatDoesNotParseIsABadRequest() throws Exception {
        Exchange exchange = run(signed("{\"event\":\"meeting.rtms_started\",\"payload\":{\"meeting_uuid\":\"u\","
                + "\"rtms_stream_id\":\"s\",\"server_urls\":\"ws://[::1\"}}", NOW));

        assertAnswer(exchange, 400, "{\"error\":\"meeting.rtms_started has a server_urls entry that is not a URL with a host\"}");
    }

    @Test
    void onlyJsonOrNoContentTypeIsReadAndAFormIsRefusedWith415() throws Exception {
        byte[] body = STARTED.getBytes(StandardCharsets.UTF_8);
        String signature = ZoomSigner.sign(SECRET, NOW, body);
        for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/cloudevents+json", "")) {
            Exchange exchange = run(request(body, Map.of("Content-Type", type, "x-zm-signature", signature,
                    "x-zm-request-timestamp", Long.toString(NOW))));
            assertThat(exchange.getProperty(ZoomWebhookConstants.OUTCOME)).as(type).isEqualTo("CONTROL");
        }
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
                "application/xml", "json")) {
            assertAnswer(run(request(body, Map.of("Content-Type", type, "x-zm-signature", signature,
                    "x-zm-request-timestamp", Long.toString(NOW)))),
                    415, "{\"error\":\"unsupported content type: send application/json\"}");
        }
        // what the web layer makes of a form: its fields, the signed bytes gone
        assertAnswer(run(request(new java.util.LinkedHashMap<>(Map.of("{\"event\":\"x\"}", "")), Map.of(
                "x-zm-signature", signature, "x-zm-request-timestamp", Long.toString(NOW)))),
                415, "{\"error\":\"unsupported content type: send application/json\"}");
    }

    @Test
    void aSignedEventTheBundleDoesNotActOnIsAcknowledgedAndIgnored() throws Exception {
        assertAnswer(run(signed("{\"event\":\"meeting.participant_joined\",\"payload\":{}}", NOW)),
                200, "{\"status\":\"ignored\"}");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() throws Exception {
        byte[] small = STARTED.getBytes(StandardCharsets.UTF_8);
        // a Content-Length over the limit is enough, whatever the body
        assertAnswer(run(request(small, Map.of("Content-Length", Integer.toString(LIMIT + 1), "x-zm-signature", "v0=00"))),
                413, "{\"error\":\"body too large\"}");
        // so is a body over the limit without a Content-Length
        assertAnswer(run(request(new byte[LIMIT + 1], Map.of())), 413, "{\"error\":\"body too large\"}");
        // an endless stream is read no further than one byte past the limit
        assertAnswer(run(request(endless(), Map.of())), 413, "{\"error\":\"body too large\"}");
        // exactly at the limit the size is fine (and the rest is checked)
        assertAnswer(run(request(new byte[LIMIT], Map.of())), 400, "{\"error\":\"malformed JSON\"}");
    }

    @Test
    void withoutASecretEveryRequestIsServiceUnavailable() throws Exception {
        for (String secret : new String[] {null, "", "  "}) {
            ZoomWebhookProcessor unconfigured = new ZoomWebhookProcessor(secret, Duration.ofSeconds(300), LIMIT, Clock.systemUTC());
            assertThat(unconfigured.isSecretConfigured()).isFalse();

            Exchange validation = request("{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"t\"}}"
                    .getBytes(StandardCharsets.UTF_8), Map.of());
            unconfigured.process(validation);
            assertAnswer(validation, 503, "{\"error\":\"webhook secret not configured\"}");

            Exchange event = signed(STARTED, NOW);
            unconfigured.process(event);
            assertAnswer(event, 503, "{\"error\":\"webhook secret not configured\"}");
        }
        assertThat(processor.isSecretConfigured()).isTrue();
    }

    @Test
    void accountEventsAreDeduplicatedOnEventAndTime() throws Exception {
        Exchange exchange = run(signed("{\"event\":\"rtms.concurrency_near_limit\",\"event_ts\":77,"
                + "\"payload\":{\"concurrency_limit\":2000,\"concurrency_number\":1700,\"percentage\":85}}", NOW));

        assertThat(exchange.getProperty(ZoomWebhookConstants.OUTCOME)).isEqualTo("CONTROL");
        assertThat(exchange.getProperty(ZoomWebhookConstants.DEDUPE_KEY)).isEqualTo("rtms.concurrency_near_limit|-|77");
    }

    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
    }
}
