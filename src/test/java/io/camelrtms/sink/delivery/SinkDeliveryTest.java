package io.camelrtms.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lanes, the spool fallback and the probe, against a plain Camel route standing in for a sink. */
class SinkDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String DELIVER = "direct:rtms-sink-test-deliver";

    @TempDir
    Path dir;

    final List<String> delivered = new CopyOnWriteArrayList<>();
    final SinkStatistics statistics = new SinkStatistics();
    volatile boolean down;
    volatile CountDownLatch gate = new CountDownLatch(0);
    CamelContext camel;
    SinkDelivery delivery;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(DELIVER).process(ex -> {
                    gate.await(20, TimeUnit.SECONDS);
                    String body = new String(ex.getIn().getBody(byte[].class), StandardCharsets.UTF_8);
                    if (down) {
                        throw new SinkDeliveryException("down");
                    }
                    if (body.startsWith("poison")) {
                        ex.setProperty(SinkDelivery.PROPERTY_REJECTED, "refused");
                        return;
                    }
                    delivered.add(ex.getIn().getHeader("stream") + ":" + body);
                });
            }
        });
        camel.start();
        delivery = newDelivery(3);
    }

    private SinkDelivery newDelivery(int capacity) throws Exception {
        SinkDelivery d = new SinkDelivery("test", new Spool(dir, new ObjectMapper()), camel, DELIVER,
                new SinkDelivery.Settings(2, capacity, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(300)),
                statistics);
        d.start();
        return d;
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        delivery.stop();
        camel.close();
    }

    private void submit(String stream, String body) throws Exception {
        delivery.submit(SinkRequest.of(stream, stream + ":" + body, "TEST", Map.of("stream", stream),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullMemoryQueueSpillsIntoTheSpoolWithoutBreakingTheOrder() throws Exception {
        gate = new CountDownLatch(1); // the sink is slow: the first request hangs
        for (int i = 0; i < 10; i++) {
            submit("a", "m" + i);
        }
        assertThat(statistics.spooled("test")).as("beyond 3 queued, requests went to disk").isPositive();
        assertThat(delivered).isEmpty();
        gate.countDown();
        Awaitility.await().atMost(WAIT).until(() -> delivered.size() == 10);
        assertThat(delivered).containsExactly("a:m0", "a:m1", "a:m2", "a:m3", "a:m4", "a:m5", "a:m6", "a:m7", "a:m8", "a:m9");
        Awaitility.await().atMost(WAIT).until(() -> delivery.spool().size() == 0);
        assertThat(delivery.isDown()).isFalse();
    }

    @Test
    void whileTheSinkIsDownEverythingWaitsInTheSpoolAndArrivesInOrderAfterwards() throws Exception {
        down = true;
        for (int i = 0; i < 5; i++) {
            submit("a", "m" + i);
            submit("b", "m" + i);
        }
        Awaitility.await().atMost(WAIT).until(() -> delivery.isDown() && delivery.spool().size() == 10 && delivery.queued() == 0);
        assertThat(statistics.errors("test")).isPositive();
        assertThat(statistics.pending("test")).isEqualTo(10);
        down = false;
        Awaitility.await().atMost(WAIT).until(() -> delivered.size() == 10);
        assertThat(delivered.stream().filter(d -> d.startsWith("a:")).toList()).containsExactly("a:m0", "a:m1", "a:m2", "a:m3", "a:m4");
        assertThat(delivered.stream().filter(d -> d.startsWith("b:")).toList()).containsExactly("b:m0", "b:m1", "b:m2", "b:m3", "b:m4");
        assertThat(delivery.isDown()).isFalse();
        assertThat(delivery.spool().size()).isZero();
    }

    @Test
    void whatIsQueuedAtStopIsSpooledAndTheNextStartDeliversIt() throws Exception {
        gate = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            submit("a", "m" + i);
        }
        delivery.stop(); // m0 hangs in the sink until the stop gives up on it; m1 and m2 are queued
        assertThat(delivery.spool().size()).isEqualTo(3);
        gate.countDown();
        delivery = newDelivery(3);
        Awaitility.await().atMost(WAIT).until(() -> delivered.size() == 3);
        assertThat(delivered).containsExactly("a:m0", "a:m1", "a:m2");
    }

    @Test
    void aRefusedRequestIsSetAsideAndARevokedStreamIsDropped() throws Exception {
        submit("a", "poison");
        submit("a", "fine");
        Awaitility.await().atMost(WAIT).until(() -> delivered.contains("a:fine"));
        try (var rejected = Files.list(dir.resolve("rejected/a"))) {
            assertThat(rejected.count()).isEqualTo(1);
        }
        assertThat(statistics.errors("test")).isEqualTo(1);

        down = true;
        submit("c", "x1");
        Awaitility.await().atMost(WAIT).until(() -> delivery.isDown());
        submit("c", "x2");
        assertThat(delivery.discard("c")).isEqualTo(2);
        assertThat(delivery.spool().has("c")).isFalse();
        down = false;
        submit("d", "y1");
        Awaitility.await().atMost(WAIT).until(() -> delivered.contains("d:y1"));
        assertThat(delivered).noneMatch(d -> d.startsWith("c:"));
    }
}
