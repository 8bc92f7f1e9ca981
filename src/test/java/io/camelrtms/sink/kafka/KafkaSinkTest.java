package io.camelrtms.sink.kafka;

import static io.camelrtms.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.app.RtmsApplication;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.protocol.Product;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import io.camelrtms.testing.CloseAfterApplication;
import io.camelrtms.testing.KafkaBroker;
import io.camelrtms.testing.TopicReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The kafka sink against a real broker, with a meeting played by the Zoom simulator through the whole
 * bundle: the transcript lines arrive on their topic in order, keyed by the stream id, as the http
 * sink's JSON document; the audio records carry the stream's headers and together hold exactly the PCM
 * the file sink recorded; the lifecycle ends with STOPPED after the last audio.
 */
// the broker closes after the application (CloseAfterApplication), which is not one to keep cached
@ExtendWith(CloseAfterApplication.class)
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(classes = RtmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rtms.zoom.client-id=" + KafkaSinkTest.CLIENT_ID,
        "rtms.zoom.client-secret=" + KafkaSinkTest.CLIENT_SECRET,
        "rtms.zoom.webhook-secret-token=" + KafkaSinkTest.WEBHOOK_SECRET,
        "rtms.demo.enabled=false",
        "rtms.sinks.audio=file,kafka",
        "rtms.sinks.transcript=file,kafka",
        "rtms.sinks.event=kafka",
        "rtms.sinks.video=kafka",
        "rtms.sinks.deskshare=none",
        "rtms.kafka.topics.transcript=" + KafkaSinkTest.TRANSCRIPTS,
        // the WAV holds exactly the PCM that arrived (no silence inserted), so it can be compared with the records
        "rtms.audio.fill-gaps=false",
})
class KafkaSinkTest {

    static final String CLIENT_ID = "kafka-sink-client-id";
    static final String CLIENT_SECRET = "kafka-sink-client-secret";
    static final String WEBHOOK_SECRET = "kafka-sink-webhook-secret";
    static final String TRANSCRIPTS = "meeting-transcripts";
    static final String RAW_CHAT = "raw-chat";
    static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaBroker broker;
    private static Path dataDir;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        if (broker == null) {
            broker = KafkaBroker.start(3);
            dataDir = Path.of("target", "test-data", "kafka-sink-" + UUID.randomUUID());
        }
        registry.add("rtms.kafka.brokers", broker::bootstrapServers);
        // the named sink and, next to it, a plain kafka: URI as any Camel endpoint
        registry.add("rtms.sinks.chat", () -> "kafka,kafka:" + RAW_CHAT + "?brokers=" + broker.bootstrapServers());
        registry.add("rtms.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate template;
    @Autowired
    KafkaSink kafkaSink;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aRecordTheBrokersRefuseForGoodIsSetAsideAndTheStreamGoesOn() throws Exception {
        String stream = "too-large-" + UUID.randomUUID();
        // above the producer's max.request.size (1 MB by default)
        byte[] huge = new byte[2 * 1024 * 1024];
        huge[0] = (byte) 0xff;
        huge[1] = (byte) 0xd8;
        sendVideo(stream, huge, 1);
        sendVideo(stream, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}, 2);

        try (TopicReader topics = new TopicReader(broker.bootstrapServers(), List.of("rtms-video"))) {
            Awaitility.await().atMost(WAIT).until(() -> !topics.poll().stream().filter(r -> stream.equals(r.key())).toList().isEmpty());
            assertThat(topics.records(r -> stream.equals(r.key()))).singleElement()
                    .satisfies(r -> assertThat(r.value()).hasSize(4))
                    .satisfies(r -> assertThat(header(r, "Content-Type")).isEqualTo("image/jpeg"));
        }
        try (var rejected = Files.walk(dataDir.resolve(".spool/kafka/rejected"))) {
            assertThat(rejected.filter(f -> f.toString().endsWith(".req")).count()).isEqualTo(1);
        }
        assertThat(kafkaSink.delivery().isDown()).isFalse();
    }

    private void sendVideo(String stream, byte[] frame, long sequence) {
        template.sendBodyAndHeaders("direct:rtms-video", frame, java.util.Map.of(
                RtmsConstants.MEDIA_TYPE, "VIDEO", RtmsConstants.VIDEO_CODEC, "JPG", RtmsConstants.PRODUCT, "meeting",
                RtmsConstants.ENTITY_KEY, "meeting_uuid", RtmsConstants.ENTITY_ID, "too-large",
                RtmsConstants.STREAM_ID, stream, RtmsConstants.SEQUENCE, sequence));
    }

    @Test
    void aMeetingArrivesOnTheTopicsKeyedByStreamInOrderWithTheRecordedAudio() throws Exception {
        MeetingScript script = MeetingScript.standard();
        SimulatedStream s;
        try (ZoomSimulator zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(4)
                .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), WEBHOOK_SECRET).build())) {
            s = zoom.launch(Product.MEETING, script);
            s.awaitState(StreamPhase.ENDED, WAIT);
        }
        String stream = s.streamId();
        Path dir = RecordingLayout.streamDir(dataDir, "meeting", s.entityId(), stream);
        Awaitility.await().atMost(WAIT).until(() -> Files.isRegularFile(dir.resolve(RecordingLayout.MANIFEST)));

        try (TopicReader topics = new TopicReader(broker.bootstrapServers(),
                List.of(TRANSCRIPTS, "rtms-audio", "rtms-chat", "rtms-event", "rtms-lifecycle", RAW_CHAT))) {
            Awaitility.await().atMost(WAIT).until(() -> {
                topics.poll();
                return topics.records(r -> r.topic().equals("rtms-lifecycle") && stream.equals(r.key())
                        && field(r, "lifecycle").equals("STOPPED")).size() == 1;
            });
            topics.poll();

            // transcript: the script's lines, in order, keyed by the stream, the http sink's document
            List<ConsumerRecord<String, byte[]>> lines = topics.records(r -> r.topic().equals(TRANSCRIPTS));
            assertThat(lines).isNotEmpty().allSatisfy(r -> assertThat(r.key()).isEqualTo(stream));
            List<String> texts = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : lines) {
                JsonNode doc = json.readTree(r.value());
                assertThat(doc.fieldNames()).toIterable().startsWith("type", "rtms_stream_id", "product");
                assertThat(doc.path("type").asText()).isEqualTo("TRANSCRIPT");
                assertThat(doc.path("rtms_stream_id").asText()).isEqualTo(stream);
                assertThat(r.value()).as("compact JSON, as marshalled").isEqualTo(json.writeValueAsBytes(doc));
                assertThat(header(r, "Content-Type")).isEqualTo("application/json");
                assertThat(header(r, "X-Rtms-Stream-Id")).isEqualTo(stream);
                assertThat(header(r, "X-Rtms-Type")).isEqualTo("TRANSCRIPT");
                assertThat(header(r, "Idempotency-Key")).startsWith(stream + ":transcript:");
                assertThat(r.headers().toArray()).noneMatch(h -> h.key().startsWith("Camel") || h.key().startsWith("kafka."));
                texts.add(doc.path("text").asText());
            }
            assertThat(texts).containsExactlyElementsOf(script.transcriptLines().stream().map(MeetingScript.TranscriptLine::text).toList());
            assertThat(lines).extracting(ConsumerRecord::partition).as("one stream, one partition").containsOnly(lines.get(0).partition());

            assertThat(topics.records(r -> r.topic().equals("rtms-chat"))).hasSize(script.chat().size())
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(stream));
            assertThat(topics.records(r -> r.topic().equals("rtms-event"))).isNotEmpty();
            // the plain URI got the chat exchanges as the rtms: component made them, its headers included
            Awaitility.await().atMost(WAIT).until(() -> topics.poll().stream().filter(r -> r.topic().equals(RAW_CHAT)
                    && stream.equals(header(r, "RtmsStreamId"))).count() >= script.chat().size());
            assertThat(topics.records(r -> r.topic().equals(RAW_CHAT) && stream.equals(header(r, "RtmsStreamId"))
                    && "CHAT".equals(header(r, "RtmsMediaType")))).hasSize(script.chat().size());

            // audio: PCM chunks with the stream's headers, together the recorded WAV's samples
            List<ConsumerRecord<String, byte[]>> chunks = topics.records(r -> r.topic().equals("rtms-audio"));
            assertThat(chunks).isNotEmpty().allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(stream);
                assertThat(header(r, "X-Rtms-Stream-Id")).isEqualTo(stream);
                assertThat(header(r, "X-Rtms-Type")).isEqualTo("AUDIO");
                assertThat(header(r, "X-Rtms-Speaker")).isEqualTo("mixed");
                assertThat(header(r, "X-Rtms-Audio-Format")).isEqualTo("pcm_s16le;rate=16000;channels=1");
                assertThat(header(r, "X-Rtms-Sample-Rate")).isEqualTo("16000");
                assertThat(header(r, "X-Rtms-Channels")).isEqualTo("1");
                assertThat(header(r, "X-Rtms-Timestamp")).isNotBlank();
                assertThat(header(r, "X-Rtms-Product")).isEqualTo("meeting");
                assertThat(header(r, "Content-Type")).isEqualTo("application/octet-stream");
            });
            assertThat(chunks).extracting(r -> header(r, "X-Rtms-Sequence"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, chunks.size()).mapToObj(Integer::toString).toList());
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            for (ConsumerRecord<String, byte[]> r : chunks) {
                pcm.write(r.value());
            }
            assertThat(pcm.toByteArray()).as("the audio records, byte for byte the recorded PCM")
                    .isEqualTo(wavSamples(dir.resolve(RecordingLayout.audioFile(null))));

            // lifecycle: the stream's status, STOPPED last and after the last audio chunk
            List<ConsumerRecord<String, byte[]>> lifecycle = topics.records(r -> r.topic().equals("rtms-lifecycle") && stream.equals(r.key()));
            assertThat(json.readTree(lifecycle.get(lifecycle.size() - 1).value()).path("stop_reason_name").asText()).isNotBlank();
            assertThat(lifecycle.get(lifecycle.size() - 1).timestamp()).isGreaterThanOrEqualTo(chunks.get(chunks.size() - 1).timestamp());
        }
    }

    private String field(ConsumerRecord<String, byte[]> record, String name) {
        try {
            return json.readTree(record.value()).path(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] wavSamples(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(16000);
            assertThat(f.getChannels()).isEqualTo(1);
            return in.readAllBytes();
        }
    }
}
