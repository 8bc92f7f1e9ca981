package io.camelrtms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camelrtms.protocol.FuzzInputs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated and mutated webhook requests through the processor, half of them correctly
 * signed so the parser behind the signature is reached: every one is answered 2xx or 4xx, nothing
 * escapes, only a correctly signed event is ever handed on, and no body is read past the limit.
 */
class ZoomWebhookProcessorFuzzTest {

    /** -Dfuzz.seed=… replays or varies a run. */
    static final long SEED = Long.getLong("fuzz.seed", 0x2026_1205L);
    static final int REQUESTS = 20_000;
    private static final String SECRET = "fuzz-webhook-secret";
    private static final long NOW = 1_800_000_000L;
    private static final int LIMIT = 64 * 1024;
    private static final List<String> CONTENT_TYPES = java.util.Arrays.asList(null, "application/json",
            "application/json; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "text/plain", "application/xml", "", ";;;", "application/json; charset=\u00ff", "*/*");
    private static final List<byte[]> SEEDS = Stream.of(
            "{\"event\":\"meeting.rtms_started\",\"event_ts\":1,\"payload\":{\"meeting_uuid\":\"u==\",\"operator_id\":\"o\","
                    + "\"rtms_stream_id\":\"s1\",\"server_urls\":\"ws://127.0.0.1:9/sig\"}}",
            "{\"event\":\"webinar.rtms_stopped\",\"event_ts\":2,\"payload\":{\"webinar_uuid\":\"w\",\"rtms_stream_id\":\"s2\",\"stop_reason\":6}}",
            "{\"event\":\"session.rtms_interrupted\",\"payload\":{\"object\":{\"session_id\":\"x\",\"rtms_stream_id\":\"s3\"}}}",
            "{\"event\":\"contact_center.voice_rtms_started\",\"payload\":{\"engagement_id\":\"e\",\"rtms_stream_id\":\"s4\","
                    + "\"server_urls\":[\"ws://127.0.0.1:9/a\",\"https://127.0.0.1/b\"]}}",
            "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1}",
            "{\"event\":\"rtms.concurrency_near_limit\",\"event_ts\":77,\"payload\":{\"concurrency_limit\":2000}}",
            "{\"event\":\"meeting.participant_joined\",\"payload\":{}}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private static CamelContext context;

    @BeforeAll
    static void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stopContext() {
        context.stop();
    }

    @Test
    void everyRequestIsAnsweredWithA2xxOr4xxAndOnlyCorrectlySignedEventsAreHandedOn() {
        ZoomWebhookProcessor processor = new ZoomWebhookProcessor(SECRET, Duration.ofSeconds(300), LIMIT,
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        FuzzInputs inputs = new FuzzInputs(SEED);
        Random random = inputs.random();
        Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        int handedOn = 0;
        for (int i = 0; i < REQUESTS; i++) {
            byte[] body = inputs.next(SEEDS);
            Map<String, Object> headers = new HashMap<>();
            String contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            boolean validlySigned = false;
            long timestamp = switch (random.nextInt(6)) {
                case 0 -> NOW - 301;
                case 1 -> NOW + random.nextInt(300);
                case 2 -> random.nextLong();
                default -> NOW - random.nextInt(300);
            };
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    headers.put("x-zm-signature", ZoomSigner.sign(SECRET, timestamp, body));
                    headers.put("x-zm-request-timestamp", Long.toString(timestamp));
                    validlySigned = Math.abs(NOW - timestamp) <= 300;
                }
                case 2 -> {
                    headers.put("x-zm-signature", random.nextBoolean() ? ZoomSigner.sign("another-secret", timestamp, body)
                            : new String(inputs.randomBytes(random.nextInt(80)), StandardCharsets.ISO_8859_1));
                    headers.put("x-zm-request-timestamp", random.nextBoolean() ? Long.toString(timestamp) : "x" + timestamp);
                }
                default -> {
                    // unsigned
                }
            }
            if (random.nextInt(20) == 0) {
                headers.put("Content-Length", random.nextBoolean() ? Integer.toString(random.nextInt()) : "not a number");
            }
            Object payload = switch (random.nextInt(8)) {
                case 0 -> new ByteArrayInputStream(body);
                case 1 -> new LinkedHashMap<>(Map.of(new String(body, StandardCharsets.UTF_8), ""));
                default -> body;
            };
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(payload);
            exchange.getIn().setHeaders(headers);
            try {
                processor.process(exchange);
            } catch (Exception | StackOverflowError e) {
                fail("seed " + SEED + ", request " + i + " escaped with " + e, e);
            }
            int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            byStatus.merge(status, 1, Integer::sum);
            assertThat(status).as("seed %d, request %d", SEED, i).isIn(200, 400, 401, 413, 415);
            if (WebhookOutcome.CONTROL.name().equals(exchange.getProperty(ZoomWebhookConstants.OUTCOME))) {
                handedOn++;
                assertThat(validlySigned).as("seed %d, request %d handed on without a valid signature", SEED, i).isTrue();
            }
        }
        // every branch was reached: refusals of each kind, and events handed on
        assertThat(byStatus).containsKeys(200, 400, 401, 415);
        assertThat(handedOn).isPositive();
    }

    @Test
    void noBodyIsReadPastTheLimitHoweverItArrives() throws Exception {
        ZoomWebhookProcessor processor = new ZoomWebhookProcessor(SECRET, Duration.ofSeconds(300), LIMIT, Clock.systemUTC());
        Random random = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            long size = LIMIT + 1 + (long) random.nextInt(64 * LIMIT);
            CountingStream stream = new CountingStream(size);
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(stream);
            exchange.getIn().setHeader("Content-Type", "application/json");
            processor.process(exchange);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(413);
            assertThat(stream.read).isLessThanOrEqualTo(LIMIT + 1);
        }
    }

    /** An endless-looking stream of '{' that counts what was read of it. */
    private static final class CountingStream extends InputStream {
        private final long size;
        long read;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return '{';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            java.util.Arrays.fill(b, off, off + n, (byte) '{');
            read += n;
            return n;
        }
    }
}
