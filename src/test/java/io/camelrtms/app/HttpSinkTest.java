package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.media.TestSignals;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.http.HttpSink;
import io.camelrtms.sink.routing.RtmsSinks;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The http sink through the real YAML routes and application.yaml, against a real HTTP server on
 * 127.0.0.1: order per stream, audio chunks, retries on 500 and on timeouts, the spool through an
 * outage, idempotency keys. The sinks are chosen by configuration alone, in every form: a sink name
 * (http), a list (file,http), a plain Camel URI (mock:) and a custom sink made from the
 * rtms-custom-sink route template.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, properties = {
        "rtms.sinks.audio=http",
        "rtms.sinks.transcript=http",
        "rtms.sinks.chat=file,http",
        "rtms.sinks.event=http",
        "rtms.sinks.video=mock:video-by-uri",
        "rtms.sinks.deskshare=mine",
        "camel.main.routes-include-pattern=file:routes/*.yaml,classpath:routes-test/custom-sink.yaml",
        "rtms.http.audio-chunk=1s",
        "rtms.http.auth-header-value=" + HttpSinkTest.SECRET,
        "rtms.http.connect-timeout=500ms",
        "rtms.http.response-timeout=400ms",
        "rtms.delivery.maximum-redeliveries=2",
        "rtms.delivery.redelivery-delay=20ms",
        "rtms.delivery.maximum-redelivery-delay=100ms",
        "rtms.delivery.drain-delay=50ms",
        "rtms.delivery.maximum-drain-delay=200ms",
})
class HttpSinkTest {

    static final String SECRET = "Bearer not-to-be-logged-4711";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final long T0 = 1_738_392_033_000L;

    static HttpReceiver receiver;

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        receiver = HttpReceiver.start();
        registry.add("rtms.data-dir", () -> data.toString());
        registry.add("rtms.http.url", () -> receiver.url("/rtms"));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Autowired
    CamelContext context;
    @Autowired
    ProducerTemplate template;
    @Autowired
    SinkStatistics statistics;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HttpSink httpSink;
    @Autowired
    RtmsSinks sinks;

    final ObjectMapper json = new ObjectMapper();
    final Map<String, AtomicInteger> sequences = new HashMap<>();

    @BeforeEach
    void answerOk() {
        receiver.answer(r -> HttpReceiver.Answer.ok());
    }

    @Test
    void theSinksAreChosenByConfigurationAlone() {
        assertThat(sinks.transcript()).as("a sink name").isEqualTo("direct:rtms-sink-http");
        assertThat(sinks.chat()).as("a list").isEqualTo("direct:rtms-sink-file,direct:rtms-sink-http");
        assertThat(sinks.video()).as("a plain Camel URI").isEqualTo("mock:video-by-uri");
        assertThat(sinks.deskshare()).as("a custom sink from the route template").isEqualTo("direct:rtms-sink-mine");
        assertThat(sinks.lifecycle()).isEqualTo("direct:rtms-sink-http,mock:video-by-uri,direct:rtms-sink-mine");
        assertThat(context.getRoute("rtms-sink-mine")).isNotNull();
    }

    @Test
    void messagesArriveAsJsonInOrderPerStreamWithIdempotencyKeysAndTheAuthHeader() throws Exception {
        MockEndpoint.resetMocks(context); // other tests' lifecycle exchanges reach the mock sinks too
        MockEndpoint video = context.getEndpoint("mock:video-by-uri", MockEndpoint.class);
        MockEndpoint custom = context.getEndpoint("mock:custom-sink", MockEndpoint.class);
        video.expectedMessageCount(1);
        custom.expectedMessageCount(1);
        for (int i = 0; i < 20; i++) {
            for (String stream : List.of("order-a", "order-b")) {
                send(stream, "TRANSCRIPT", "line " + i, Map.of(RtmsConstants.USER_NAME, "Alice",
                        RtmsConstants.TIMESTAMP, T0 + i, RtmsConstants.TRANSCRIPT_START, T0 + i));
            }
        }
        send("order-a", "CHAT", "{\"text\":\"hi\",\"to\":\"all\"}", Map.of(RtmsConstants.USER_NAME, "Bob", RtmsConstants.TIMESTAMP, T0 + 50));
        send("order-a", "EVENT", "{\"event_type\":2}", Map.of(RtmsConstants.EVENT_TYPE, 2, RtmsConstants.EVENT_NAME, "ACTIVE_SPEAKER_CHANGE",
                RtmsConstants.EVENT_CODE, "code-2"));
        send("order-a", "VIDEO", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}, Map.of(RtmsConstants.VIDEO_CODEC, "JPG"));
        send("order-a", "DESKSHARE", new byte[] {(byte) 0xff, (byte) 0xd8, 3, 4}, Map.of(RtmsConstants.VIDEO_CODEC, "JPG"));

        for (String stream : List.of("order-a", "order-b")) {
            Awaitility.await().atMost(WAIT).until(() -> transcripts(stream).size() == 20);
            List<String> texts = new ArrayList<>();
            for (HttpReceiver.Received r : transcripts(stream)) {
                texts.add(json.readTree(r.body()).get("text").asText());
            }
            assertThat(texts).as("the transcript of %s, in order", stream)
                    .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(20).map(i -> "line " + i).toList());
        }
        HttpReceiver.Received first = transcripts("order-a").get(0);
        assertThat(first.path()).isEqualTo("/rtms");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("Authorization")).isEqualTo(SECRET);
        assertThat(first.header("X-Rtms-Stream-Id")).isEqualTo("order-a");
        assertThat(first.header("X-Rtms-Product")).isEqualTo("meeting");
        assertThat(first.header("X-Rtms-Sequence")).isEqualTo("1");
        assertThat(first.key()).startsWith("order-a:transcript:").endsWith(".1");
        assertThat(first.header("RtmsStreamId")).as("no Camel header leaks into the request").isNull();
        JsonNode line = json.readTree(first.body());
        // the route marshals the document (marshal: json): compact, in the document's field order, as before
        assertThat(first.body()).isEqualTo(json.writeValueAsBytes(line));
        assertThat(line.fieldNames()).toIterable().startsWith("type", "rtms_stream_id", "product");
        assertThat(line.get("type").asText()).isEqualTo("TRANSCRIPT");
        assertThat(line.get("user_name").asText()).isEqualTo("Alice");
        assertThat(line.get("entity_id").asText()).isEqualTo("ab/c+d==");
        assertThat(line.get("start_time").asLong()).isEqualTo(T0);

        Awaitility.await().atMost(WAIT).until(() -> of("order-a", "CHAT").size() == 1 && of("order-a", "EVENT").size() == 1);
        JsonNode chat = json.readTree(of("order-a", "CHAT").get(0).body());
        assertThat(chat.get("message").get("to").asText()).isEqualTo("all");
        JsonNode event = json.readTree(of("order-a", "EVENT").get(0).body());
        assertThat(event.get("event_name").asText()).isEqualTo("ACTIVE_SPEAKER_CHANGE");
        assertThat(event.get("event_code").asText()).isEqualTo("code-2");
        assertThat(event.get("event").get("event_type").asInt()).isEqualTo(2);
        // chat: "file,http" fans out; video: a plain Camel URI; deskshare: the custom sink of the template
        Path chatFile = data.resolve("meeting/ab_c-d/order-a/chat.jsonl");
        Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(chatFile));
        assertThat(Files.readString(chatFile)).contains("\"to\":\"all\"");
        MockEndpoint.assertIsSatisfied(context);
        assertThat(of("order-a", "VIDEO")).isEmpty();
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.key()).isNotBlank());
    }

    @Test
    void audioArrivesInChunksOfTheConfiguredDurationWithHeadersNamingStreamSpeakerAndFormat() throws Exception {
        String stream = "audio-1";
        send(stream, "LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STARTED"));
        Map<String, ByteArrayOutputStream> sent = new HashMap<>();
        // 2.5 s per speaker in 20 ms packets of 48 kHz mono s16le: two full 1 s chunks, then half a one
        for (int p = 0; p < 125; p++) {
            for (String speaker : List.of("16778240", "16779264")) {
                byte[] pcm = new byte[960 * 2];
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] = (byte) (p * 7 + i + speaker.hashCode());
                }
                sent.computeIfAbsent(speaker, s -> new ByteArrayOutputStream()).write(pcm);
                Map<String, Object> h = new HashMap<>();
                h.put(RtmsConstants.AUDIO_CODEC, "L16");
                h.put(RtmsConstants.AUDIO_SAMPLE_RATE, 48000);
                h.put(RtmsConstants.AUDIO_CHANNELS, 1);
                h.put(RtmsConstants.AUDIO_PER_SPEAKER, true);
                h.put(RtmsConstants.USER_ID, speaker);
                h.put(RtmsConstants.USER_NAME, speaker.endsWith("40") ? "Zoë" : "Bob");
                h.put(RtmsConstants.TIMESTAMP, T0 + p * 20L);
                send(stream, "AUDIO", pcm, h);
            }
        }
        send(stream, "LIFECYCLE", "{\"rtms_stream_id\":\"audio-1\"}", Map.of(RtmsConstants.LIFECYCLE, "STOPPED",
                RtmsConstants.STOP_REASON, 6, RtmsConstants.STOP_REASON_NAME, "MEETING_ENDED"));

        Awaitility.await().atMost(WAIT).until(() -> of(stream, "LIFECYCLE").size() == 2);
        for (String speaker : List.of("16778240", "16779264")) {
            List<HttpReceiver.Received> chunks = receiver.delivered(r -> stream.equals(r.header("X-Rtms-Stream-Id"))
                    && "AUDIO".equals(r.header("X-Rtms-Type")) && speaker.equals(r.header("X-Rtms-Speaker")));
            assertThat(chunks).extracting(r -> r.header("X-Rtms-Sequence")).containsExactly("1", "2", "3");
            assertThat(chunks).extracting(r -> r.body().length).containsExactly(96000, 96000, 48000);
            assertThat(chunks).extracting(r -> r.header("X-Rtms-Duration-Ms")).containsExactly("1000", "1000", "500");
            assertThat(chunks).extracting(r -> r.header("X-Rtms-Timestamp"))
                    .containsExactly(String.valueOf(T0), String.valueOf(T0 + 1000), String.valueOf(T0 + 2000));
            HttpReceiver.Received c = chunks.get(0);
            assertThat(c.header("X-Rtms-Audio-Format")).isEqualTo("pcm_s16le;rate=48000;channels=1");
            assertThat(c.header("X-Rtms-Sample-Rate")).isEqualTo("48000");
            assertThat(c.header("X-Rtms-Channels")).isEqualTo("1");
            assertThat(c.header("X-Rtms-Product")).isEqualTo("meeting");
            assertThat(c.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(c.key()).startsWith(stream + ":audio:" + speaker + ":").endsWith(".1");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (HttpReceiver.Received r : chunks) {
                got.write(r.body());
            }
            assertThat(got.toByteArray()).as("the PCM of %s, byte for byte", speaker).isEqualTo(sent.get(speaker).toByteArray());
        }
        assertThat(receiver.delivered(r -> "16778240".equals(r.header("X-Rtms-Speaker"))).get(0).header("X-Rtms-Speaker-Name"))
                .isEqualTo("Zo%C3%AB");
        // the last partial chunks went out before the stream's STOPPED
        List<HttpReceiver.Received> all = receiver.delivered(r -> stream.equals(r.header("X-Rtms-Stream-Id")));
        assertThat(all.get(all.size() - 1).header("X-Rtms-Type")).isEqualTo("LIFECYCLE");
        assertThat(json.readTree(all.get(all.size() - 1).body()).get("stop_reason_name").asText()).isEqualTo("MEETING_ENDED");
    }

    @Test
    void opusPacketsKeptUndecodedArriveOnePerRequestAsZoomSentThem() throws Exception {
        String stream = "opus-1";
        List<byte[]> packets = TestSignals.opusPackets(TestSignals.tones(48000, 1, 5 * 960), 48000, 1, 20);
        for (int p = 0; p < packets.size(); p++) {
            Map<String, Object> h = new HashMap<>();
            h.put(RtmsConstants.AUDIO_CODEC, "OPUS");
            h.put(RtmsConstants.AUDIO_SAMPLE_RATE, 48000);
            h.put(RtmsConstants.AUDIO_CHANNELS, 1);
            h.put(RtmsConstants.AUDIO_KEEP_OPUS, true);
            h.put(RtmsConstants.USER_ID, "16778240");
            h.put(RtmsConstants.TIMESTAMP, T0 + p * 20L);
            send(stream, "AUDIO", packets.get(p), h);
        }
        Awaitility.await().atMost(WAIT).until(() -> of(stream, "AUDIO").size() == packets.size());
        List<HttpReceiver.Received> got = of(stream, "AUDIO");
        for (int p = 0; p < packets.size(); p++) {
            HttpReceiver.Received r = got.get(p);
            assertThat(r.body()).as("packet %d as Zoom sent it", p).isEqualTo(packets.get(p));
            assertThat(r.header("Content-Type")).isEqualTo("audio/opus");
            assertThat(r.header("X-Rtms-Audio-Format")).isEqualTo("opus;rate=48000;channels=1");
            assertThat(r.header("X-Rtms-Timestamp")).isEqualTo(String.valueOf(T0 + p * 20L));
        }
    }

    @Test
    void retriesOn500AndOnTimeoutsKeepTheOrderAndTheIdempotencyKey() throws Exception {
        String stream = "retry-1";
        Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        receiver.answer(r -> {
            if (!stream.equals(r.header("X-Rtms-Stream-Id")) || !failedOnce.add(r.text())) {
                return HttpReceiver.Answer.ok();
            }
            String text = r.text();
            if (text.contains("slow")) {
                return new HttpReceiver.Answer(200, 1500); // past the 400 ms response timeout
            }
            return text.contains("flaky") ? new HttpReceiver.Answer(500, 0) : HttpReceiver.Answer.ok();
        });
        long retriesBefore = statistics.retries("http");
        send(stream, "TRANSCRIPT", "first", Map.of());
        send(stream, "TRANSCRIPT", "flaky second", Map.of());
        send(stream, "TRANSCRIPT", "slow third", Map.of());
        send(stream, "TRANSCRIPT", "fourth", Map.of());

        Awaitility.await().atMost(WAIT).until(() -> transcripts(stream).size() >= 4
                && texts(receiver.delivered(r -> stream.equals(r.header("X-Rtms-Stream-Id")))).contains("fourth"));
        List<HttpReceiver.Received> got = receiver.received(r -> stream.equals(r.header("X-Rtms-Stream-Id")));
        // what the receiver saw: "flaky second" refused once then taken, "slow third" answered too late then again
        assertThat(texts(got)).containsExactly("first", "flaky second", "flaky second", "slow third", "slow third", "fourth");
        assertThat(got.get(1).answered()).isEqualTo(500);
        assertThat(got.get(1).key()).isEqualTo(got.get(2).key());
        assertThat(got.get(3).key()).isEqualTo(got.get(4).key());
        assertThat(Set.of(got.get(0).key(), got.get(2).key(), got.get(4).key(), got.get(5).key())).hasSize(4);
        assertThat(statistics.retries("http") - retriesBefore).isGreaterThanOrEqualTo(2);
        assertThat(meters.find("rtms.sink.retries").tag("sink", "http").functionCounter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anOutageSpoolsTheRequestsAndTheyArriveInOrderOnceTheReceiverIsBack() throws Exception {
        String stream = "outage-1";
        send(stream, "TRANSCRIPT", "before", Map.of());
        Awaitility.await().atMost(WAIT).until(() -> transcripts(stream).size() == 1);
        long spooledBefore = statistics.spooled("http");
        receiver.stop();
        try {
            for (int i = 0; i < 30; i++) {
                send(stream, "TRANSCRIPT", "during " + i, Map.of());
                send("outage-2", "CHAT", "chat " + i, Map.of());
            }
            Path spool = data.resolve(".spool/http/pending");
            Awaitility.await().atMost(WAIT).until(() -> statistics.spooled("http") - spooledBefore >= 60
                    && httpSink.delivery().spool().size() == 60);
            assertThat(httpSink.delivery().isDown()).isTrue();
            try (Stream<Path> files = Files.walk(spool)) {
                List<Path> reqs = files.filter(p -> p.toString().endsWith(".req")).toList();
                assertThat(reqs).hasSize(60);
                for (Path p : reqs) {
                    String content = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(content).contains("Idempotency-Key").doesNotContain("not-to-be-logged");
                }
            }
            assertThat(meters.find("rtms.sink.spool.pending").tag("sink", "http").gauge().value()).isEqualTo(60);
        } finally {
            receiver.restart();
        }
        send(stream, "TRANSCRIPT", "after", Map.of());
        Awaitility.await().atMost(WAIT).until(() -> transcripts(stream).size() == 32 && of("outage-2", "CHAT").size() == 30);
        List<String> expected = new ArrayList<>();
        expected.add("before");
        for (int i = 0; i < 30; i++) {
            expected.add("during " + i);
        }
        expected.add("after");
        assertThat(texts(transcripts(stream))).containsExactlyElementsOf(expected);
        List<String> chats = new ArrayList<>();
        for (HttpReceiver.Received r : of("outage-2", "CHAT")) {
            chats.add(json.readTree(r.body()).get("text").asText());
        }
        assertThat(chats).containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(30).map(i -> "chat " + i).toList());
        Awaitility.await().atMost(WAIT).until(() -> httpSink.delivery().spool().size() == 0);
        assertThat(httpSink.delivery().isDown()).isFalse();
        assertNoDuplicateWithoutTheSameKey();
    }

    @Test
    void aRequestTheReceiverRefusesIsSetAsideAndTheStreamGoesOn() throws Exception {
        String stream = "refused-1";
        receiver.answer(r -> r.text().contains("poison") ? new HttpReceiver.Answer(400, 0) : HttpReceiver.Answer.ok());
        long errorsBefore = statistics.errors("http");
        send(stream, "TRANSCRIPT", "poison", Map.of());
        send(stream, "TRANSCRIPT", "fine", Map.of());
        Awaitility.await().atMost(WAIT).until(() -> texts(receiver.delivered(r -> stream.equals(r.header("X-Rtms-Stream-Id"))))
                .contains("fine"));
        assertThat(receiver.received(r -> r.text().contains("poison"))).as("not retried").hasSize(1);
        assertThat(statistics.errors("http") - errorsBefore).isEqualTo(1);
        try (Stream<Path> files = Files.walk(data.resolve(".spool/http/rejected"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".req")).count()).isEqualTo(1);
        }
    }

    private void assertNoDuplicateWithoutTheSameKey() {
        // every distinct request body came with exactly one key, and every key with one body
        Map<String, Set<String>> keysByBody = receiver.delivered(r -> true).stream()
                .collect(Collectors.groupingBy(r -> r.header("X-Rtms-Stream-Id") + "|" + r.text(),
                        Collectors.mapping(HttpReceiver.Received::key, Collectors.toCollection(LinkedHashSet::new))));
        assertThat(keysByBody.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
    }

    private List<HttpReceiver.Received> transcripts(String stream) {
        return of(stream, "TRANSCRIPT");
    }

    private List<HttpReceiver.Received> of(String stream, String type) {
        return receiver.delivered(r -> stream.equals(r.header("X-Rtms-Stream-Id")) && type.equals(r.header("X-Rtms-Type")));
    }

    private List<String> texts(List<HttpReceiver.Received> requests) throws IOException {
        List<String> out = new ArrayList<>();
        for (HttpReceiver.Received r : requests) {
            out.add(json.readTree(r.body()).path("text").asText());
        }
        return out;
    }

    private void send(String stream, String type, Object body, Map<String, Object> extra) {
        Map<String, Object> h = new HashMap<>(extra);
        h.put(RtmsConstants.MEDIA_TYPE, type);
        h.put(RtmsConstants.PRODUCT, "meeting");
        h.put(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        h.put(RtmsConstants.ENTITY_ID, "ab/c+d==");
        h.put(RtmsConstants.STREAM_ID, stream);
        h.put(RtmsConstants.SEQUENCE, (long) sequences.computeIfAbsent(stream + type, k -> new AtomicInteger()).incrementAndGet());
        template.sendBodyAndHeaders("direct:rtms-" + type.toLowerCase(), body, h);
    }
}
