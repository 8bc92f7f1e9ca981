package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.sink.http.HttpSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The spool outlives the application: requests spooled while the receiver was down are delivered,
 * exactly as they were (same idempotency keys) and in order, by the next run on the same data dir.
 */
class HttpSinkRestartTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void theNextRunDeliversWhatThisOneSpooled() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            receiver.stop(); // down for the whole first run
            String[] args = {
                "--server.port=0",
                "--rtms.data-dir=" + data,
                "--rtms.sinks.transcript=http",
                "--rtms.http.url=" + receiver.url("/in"),
                "--rtms.http.connect-timeout=300ms",
                "--rtms.delivery.maximum-redeliveries=1",
                "--rtms.delivery.redelivery-delay=10ms",
                "--rtms.delivery.drain-delay=50ms",
                "--rtms.delivery.maximum-drain-delay=200ms",
            };
            try (ConfigurableApplicationContext first = start(args)) {
                ProducerTemplate template = first.getBean(ProducerTemplate.class);
                for (int i = 1; i <= 10; i++) {
                    template.sendBodyAndHeaders("direct:rtms-transcript", "line " + i, Map.of(RtmsConstants.MEDIA_TYPE, "TRANSCRIPT",
                            RtmsConstants.PRODUCT, "meeting", RtmsConstants.ENTITY_ID, "m1", RtmsConstants.STREAM_ID, "restart-1",
                            RtmsConstants.SEQUENCE, (long) i));
                }
                HttpSink sink = first.getBean(HttpSink.class);
                Awaitility.await().atMost(WAIT).until(() -> sink.delivery().spool().size() == 10);
            }
            List<String> spooledKeys = spooledKeys(data.resolve(".spool/http/pending"));
            assertThat(spooledKeys).hasSize(10);

            receiver.restart();
            try (ConfigurableApplicationContext second = start(args)) {
                Awaitility.await().atMost(WAIT).until(() -> receiver.delivered(r -> true).size() == 10);
                List<HttpReceiver.Received> got = receiver.delivered(r -> true);
                ObjectMapper json = new ObjectMapper();
                List<String> texts = new ArrayList<>();
                for (HttpReceiver.Received r : got) {
                    texts.add(json.readTree(r.body()).get("text").asText());
                }
                assertThat(texts).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8",
                        "line 9", "line 10");
                assertThat(got).extracting(HttpReceiver.Received::key).containsExactlyElementsOf(spooledKeys);
                HttpSink sink = second.getBean(HttpSink.class);
                Awaitility.await().atMost(WAIT).until(() -> sink.delivery().spool().size() == 0);
            }
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(RtmsApplication.class).run(args);
    }

    /** The idempotency keys in the spool, in delivery order. */
    private static List<String> spooledKeys(Path pending) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(pending)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".req")).sorted().toList()) {
                String firstLine = Files.readAllLines(p, StandardCharsets.ISO_8859_1).get(0);
                keys.add(json.readTree(firstLine).get("headers").get("Idempotency-Key").asText());
            }
        }
        return keys;
    }
}
