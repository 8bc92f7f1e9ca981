package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.RtmsHeadersMap;
import io.camelrtms.component.RtmsHeadersMapFactory;
import io.camelrtms.media.Pcm;
import io.camelrtms.media.TestSignals;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real {@code routes/*.yaml} and {@code application.yaml}, fed with exchanges shaped like those
 * of {@code from: rtms:engagement}: the consumer is replaced by a direct endpoint, the transcript
 * sink is swapped for a mock with AdviceWith, and the chat sink is swapped by configuration alone.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, properties = "rtms.sinks.chat=mock:chat-by-config")
@UseAdviceWith
class MediaRoutesTest {

    private static final long T0 = 1_738_392_033_000L;
    private static final String IN = "direct:rtms-test-in";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("rtms.data-dir", () -> data.toString());
    }

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    TranscriptFeed liveTranscripts;

    @EndpointInject("mock:transcript")
    MockEndpoint transcripts;

    @Test
    void opusPerSpeakerAudioTextAndLifecycleFlowThroughTheYamlRoutes() throws Exception {
        AdviceWith.adviceWith(context, "rtms-media", a -> a.replaceFromWith(IN));
        AdviceWith.adviceWith(context, "rtms-transcript",
                a -> a.weaveById("rtms-transcript-sink").replace().to("mock:transcript"));
        context.start();
        MockEndpoint chats = context.getEndpoint("mock:chat-by-config", MockEndpoint.class);
        transcripts.expectedBodiesReceived("Hello everyone.");
        chats.expectedMessageCount(3); // the chat line, and STARTED and STOPPED: every sink in use hears the lifecycle

        List<String> live = new CopyOnWriteArrayList<>();
        AtomicBoolean liveEnded = new AtomicBoolean();
        TranscriptFeed.Subscription watching = liveTranscripts.watch("stream-9", live::add, () -> liveEnded.set(true));

        send("LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STARTED"));
        short[] alice = TestSignals.tones(48000, 1, 48000);
        short[] bob = TestSignals.tones(48000, 1, 48000);
        for (int i = 0; i < bob.length; i++) {
            bob[i] = (short) -bob[i];
        }
        List<byte[]> aPackets = TestSignals.opusPackets(alice, 48000, 1, 20);
        List<byte[]> bPackets = TestSignals.opusPackets(bob, 48000, 1, 20);
        for (int p = 0; p < 50; p++) {
            sendAudio(aPackets.get(p), "16778240", "Alice", T0 + p * 20L);
            sendAudio(bPackets.get(p), "16779264", "Bob", T0 + p * 20L);
        }
        send("TRANSCRIPT", "Hello everyone.", Map.of(RtmsConstants.USER_NAME, "Alice", RtmsConstants.TIMESTAMP, T0 + 100));
        send("CHAT", "hi", Map.of(RtmsConstants.USER_NAME, "Bob", RtmsConstants.TIMESTAMP, T0 + 200));
        send("EVENT", "{\"event_type\":2,\"user_id\":16778240}",
                Map.of(RtmsConstants.EVENT_TYPE, 2, RtmsConstants.EVENT_NAME, "ACTIVE_SPEAKER_CHANGE"));
        send("LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STOPPED", RtmsConstants.STOP_REASON, 6,
                RtmsConstants.STOP_REASON_NAME, "MEETING_ENDED"));

        MockEndpoint.assertIsSatisfied(context);
        // the bundle's messages carry our headers map (RtmsComponentConfiguration)
        assertThat(context.getCamelContextExtension().getHeadersMapFactory()).isInstanceOf(RtmsHeadersMapFactory.class);
        assertThat(transcripts.getReceivedExchanges().get(0).getIn().getHeaders()).isInstanceOf(RtmsHeadersMap.class);
        watching.close();
        assertThat(live).singleElement().asString().contains("Hello everyone.");
        assertThat(liveEnded).isTrue();
        Path dir = data.resolve("meeting/ab_c-d/stream-9");
        for (String[] speaker : new String[][] {{"16778240", "a"}, {"16779264", "b"}}) {
            short[] decoded = read(dir.resolve("audio/" + speaker[0] + ".wav"));
            short[] source = speaker[1].equals("a") ? alice : bob;
            assertThat(decoded).hasSize(48000);
            double snr = TestSignals.snrDb(source, decoded, 1, 4800, 38400, 480);
            assertThat(snr).as("SNR of %s's file against the source PCM", speaker[0]).isGreaterThan(20);
        }
        assertThat(dir.resolve("transcript.jsonl")).as("the transcript went to the mock instead").doesNotExist();
        assertThat(dir.resolve("chat.jsonl")).doesNotExist();
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).contains("ACTIVE_SPEAKER_CHANGE");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("stop_reason_name").asText()).isEqualTo("MEETING_ENDED");
        assertThat(manifest.get("audio_decode_errors").asLong()).isZero();
        assertThat(manifest.get("files")).hasSize(3);
    }

    @Test
    void theMediaPathRunsWithoutStreamCachingAndTheWebhookKeepsIt() {
        for (String id : List.of("rtms-media", "rtms-audio", "rtms-transcript", "rtms-lifecycle", "rtms-sinks-audio",
                "rtms-sinks-lifecycle", "rtms-sink-file")) {
            assertThat(context.getRoute(id).isStreamCaching()).as("stream caching of %s", id).isFalse();
        }
        // the webhook verifies Zoom's signature over the raw body and then reads it again
        assertThat(context.getRoutes()).filteredOn(r -> r.getEndpoint().getEndpointUri().startsWith("platform-http:"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.isStreamCaching()).isTrue());
    }

    private void sendAudio(byte[] packet, String user, String name, long ts) {
        Map<String, Object> h = new HashMap<>();
        h.put(RtmsConstants.AUDIO_CODEC, "OPUS");
        h.put(RtmsConstants.AUDIO_SAMPLE_RATE, 48000);
        h.put(RtmsConstants.AUDIO_CHANNELS, 1);
        h.put(RtmsConstants.AUDIO_PER_SPEAKER, true);
        h.put(RtmsConstants.AUDIO_SEND_RATE, 20);
        h.put(RtmsConstants.USER_ID, user);
        h.put(RtmsConstants.USER_NAME, name);
        h.put(RtmsConstants.TIMESTAMP, ts);
        send("AUDIO", packet, h);
    }

    private void send(String type, Object body, Map<String, Object> extra) {
        Map<String, Object> h = new HashMap<>(extra);
        h.put(RtmsConstants.MEDIA_TYPE, type);
        h.put(RtmsConstants.PRODUCT, "meeting");
        h.put(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        h.put(RtmsConstants.ENTITY_ID, "ab/c+d==");
        h.put(RtmsConstants.STREAM_ID, "stream-9");
        template.sendBodyAndHeaders(IN, body, h);
    }

    private static short[] read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return Pcm.toShorts(out.toByteArray());
        }
    }
}
