package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.sink.delivery.SinkStatistics;
import io.camelrtms.sink.file.RecordingLayout;
import io.camelrtms.sink.s3.S3Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
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
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The s3 sink through the real YAML routes against S3Proxy running as its own process: keys follow
 * the layout, objects are byte-identical to the local files, manifest.json comes last, large files go
 * up in parts, rolling segments are cleaned up; S3 killed mid-meeting and started again gets
 * everything from the spool; a revoked stream's keys are deleted.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, properties = {
        "rtms.sinks.audio=s3",
        "rtms.sinks.transcript=file,s3",
        "rtms.sinks.chat=s3",
        "rtms.sinks.event=s3",
        "rtms.sinks.video=s3",
        "rtms.sinks.deskshare=none",
        "rtms.s3.bucket=" + S3SinkTest.BUCKET,
        "rtms.s3.prefix=/recordings/",
        "rtms.s3.region=us-east-1",
        "rtms.s3.force-path-style=true",
        "rtms.s3.part-size=5MB",
        // on, but only the test calls the rolling upload, so it knows when segments were taken
        "rtms.s3.segment-interval=1h",
        "rtms.delivery.maximum-redeliveries=2",
        "rtms.delivery.redelivery-delay=20ms",
        "rtms.delivery.maximum-redelivery-delay=100ms",
        "rtms.delivery.drain-delay=100ms",
        "rtms.delivery.maximum-drain-delay=500ms",
})
class S3SinkTest {

    static final String BUCKET = "rtms-test";
    static final String PREFIX = "recordings/meeting/ab_c-d/";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final long T0 = 1_738_392_033_000L;
    static final int RATE = 48000;
    static final int CHANNELS = 2;
    /** 100 ms of 48 kHz stereo s16le. */
    static final int PACKET = RATE / 10 * CHANNELS * 2;

    @TempDir
    static Path data;
    @TempDir
    static Path s3dir;

    static S3ProxyProcess s3;
    static S3Client client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        s3 = S3ProxyProcess.startForBundle(registry, s3dir, data, BUCKET);
        client = s3.client();
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        client.close();
        s3.stopForBundle();
    }

    @Autowired
    CamelContext context;
    @Autowired
    ProducerTemplate template;
    @Autowired
    S3Uploader uploader;
    @Autowired
    SinkStatistics statistics;

    final ObjectMapper json = new ObjectMapper();
    final Map<String, AtomicLong> sequences = new HashMap<>();
    /** Keys of the uploads (PUTs) in the order S3 took them. */
    static final List<String> puts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchUploads() throws Exception {
        if (context.getManagementStrategy().getEventNotifiers().stream().noneMatch(n -> n instanceof PutRecorder)) {
            PutRecorder recorder = new PutRecorder();
            context.getManagementStrategy().addEventNotifier(recorder);
            recorder.start();
        }
    }

    @Test
    void aMeetingIsUploadedUnderTheLayoutByteForByteWithTheManifestLast() throws Exception {
        String stream = "s3-meeting-1";
        lifecycle(stream, "STARTED", null);
        audio(stream, 0, 150);
        text(stream, 3);
        video(stream, 3);
        uploader.uploadSegments(); // a rolling upload mid-meeting
        audio(stream, 150, 150); // 30 s in all, 5.8 MB per speaker: above the 5 MB part size
        lifecycle(stream, "STOPPED", 6);

        Path dir = data.resolve("meeting/ab_c-d/" + stream);
        String key = PREFIX + stream + "/";
        Awaitility.await().atMost(WAIT).until(() -> exists(key + RecordingLayout.MANIFEST) && uploader.delivery().spool().size() == 0);

        Map<String, Path> local = localFiles(dir);
        assertThat(local).containsKeys("audio/16778240.wav", "audio/16779264.wav", "transcript.jsonl", "transcript.vtt",
                "transcript.srt", "chat.jsonl", "events.jsonl", "manifest.json");
        assertThat(local.keySet()).anyMatch(k -> k.startsWith("video/0/") && k.endsWith(".jpg"));
        assertThat(keys(key)).as("every file under the layout's key, nothing else (segments cleaned up)")
                .containsExactlyInAnyOrderElementsOf(local.keySet().stream().map(k -> key + k).toList());
        for (Map.Entry<String, Path> f : local.entrySet()) {
            assertThat(get(key + f.getKey())).as("%s byte for byte", f.getKey()).isEqualTo(Files.readAllBytes(f.getValue()));
        }
        assertThat(Files.size(local.get("audio/16778240.wav"))).isGreaterThan(5L * 1024 * 1024);
        assertThat(client.headObject(b -> b.bucket(BUCKET).key(key + "audio/16778240.wav")).eTag())
                .as("uploaded in parts").contains("-");
        assertThat(client.headObject(b -> b.bucket(BUCKET).key(key + "manifest.json")).contentType()).isEqualTo("application/json");
        List<String> streamPuts = puts.stream().filter(k -> k.startsWith(key) && !k.startsWith(key + "segments/")).toList();
        assertThat(streamPuts.get(streamPuts.size() - 1)).as("the manifest goes last").isEqualTo(key + "manifest.json");
        assertThat(puts).as("segments were taken mid-meeting").anyMatch(k -> k.startsWith(key + "segments/audio/16778240.wav/"));
        JsonNode manifest = json.readTree(get(key + "manifest.json"));
        assertThat(manifest.get("rtms_stream_id").asText()).isEqualTo(stream);
        assertThat(Files.exists(dir)).as("local files are kept by default").isTrue();
    }

    @Test
    void s3KilledMidMeetingAndStartedAgainGetsEverythingFromTheSpool() throws Exception {
        String stream = "s3-outage-1";
        lifecycle(stream, "STARTED", null);
        audio(stream, 0, 30);
        text(stream, 2);
        uploader.uploadSegments();
        String key = PREFIX + stream + "/";
        Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().spool().size() == 0
                && keys(key + "segments/").size() >= 3);
        long spooledBefore = statistics.spooled("s3");

        s3.kill();
        try {
            audio(stream, 30, 30);
            uploader.uploadSegments(); // fails: S3 is gone
            text(stream, 2);
            lifecycle(stream, "STOPPED", 6);
            Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().isDown());
            assertThat(uploader.delivery().spool().size()).as("uploads wait in the spool").isGreaterThanOrEqualTo(7);
            assertThat(statistics.errors("s3")).isPositive();
        } finally {
            s3.start(); // same port, same objects on disk
        }
        Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().spool().size() == 0 && exists(key + "manifest.json"));
        assertThat(statistics.spooled("s3")).isGreaterThan(spooledBefore);
        Map<String, Path> local = localFiles(data.resolve("meeting/ab_c-d/" + stream));
        assertThat(keys(key)).containsExactlyInAnyOrderElementsOf(local.keySet().stream().map(k -> key + k).toList());
        for (Map.Entry<String, Path> f : local.entrySet()) {
            assertThat(get(key + f.getKey())).as("%s byte for byte", f.getKey()).isEqualTo(Files.readAllBytes(f.getValue()));
        }
        assertThat(uploader.delivery().isDown()).isFalse();
    }

    @Test
    void aRevokedStreamIsDeletedFromS3AndFromDisk() throws Exception {
        String stream = "s3-revoked-1";
        lifecycle(stream, "STARTED", null);
        audio(stream, 0, 20);
        text(stream, 2);
        uploader.uploadSegments();
        String key = PREFIX + stream + "/";
        Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().spool().size() == 0 && keys(key).size() >= 4);
        lifecycle(stream, "STOPPED", 8);
        Awaitility.await().atMost(WAIT).until(() -> keys(key).isEmpty());
        assertThat(data.resolve("meeting/ab_c-d/" + stream)).doesNotExist();
        Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().spool().size() == 0);
        assertThat(keys(key)).isEmpty();
    }

    // ---- the meeting

    private void lifecycle(String stream, String kind, Integer reason) {
        Map<String, Object> h = new HashMap<>();
        h.put(RtmsConstants.LIFECYCLE, kind);
        if (reason != null) {
            h.put(RtmsConstants.STOP_REASON, reason);
        }
        send(stream, "LIFECYCLE", "{\"lifecycle\":\"" + kind + "\"}", h);
    }

    /** Two speakers, 48 kHz stereo L16, 100 ms packets. */
    private void audio(String stream, int fromPacket, int packets) {
        for (int p = fromPacket; p < fromPacket + packets; p++) {
            for (String speaker : List.of("16778240", "16779264")) {
                byte[] pcm = new byte[PACKET];
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] = (byte) (i * 31 + p * 17 + speaker.charAt(7));
                }
                Map<String, Object> h = new HashMap<>();
                h.put(RtmsConstants.AUDIO_CODEC, "L16");
                h.put(RtmsConstants.AUDIO_SAMPLE_RATE, RATE);
                h.put(RtmsConstants.AUDIO_CHANNELS, CHANNELS);
                h.put(RtmsConstants.AUDIO_PER_SPEAKER, true);
                h.put(RtmsConstants.USER_ID, speaker);
                h.put(RtmsConstants.TIMESTAMP, T0 + p * 100L);
                send(stream, "AUDIO", pcm, h);
            }
        }
    }

    private void text(String stream, int n) {
        for (int i = 0; i < n; i++) {
            long seq = sequences.computeIfAbsent(stream + "text", k -> new AtomicLong()).incrementAndGet();
            send(stream, "TRANSCRIPT", "line " + seq, Map.of(RtmsConstants.USER_NAME, "Alice", RtmsConstants.TIMESTAMP, T0 + seq * 500));
            send(stream, "CHAT", "chat " + seq, Map.of(RtmsConstants.TIMESTAMP, T0 + seq * 500 + 1));
            send(stream, "EVENT", "{\"event_type\":2}", Map.of(RtmsConstants.EVENT_TYPE, 2, RtmsConstants.EVENT_NAME, "ACTIVE_SPEAKER_CHANGE",
                    RtmsConstants.TIMESTAMP, T0 + seq * 500 + 2));
        }
    }

    private void video(String stream, int frames) {
        for (int i = 0; i < frames; i++) {
            byte[] jpg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) i, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
            send(stream, "VIDEO", jpg, Map.of(RtmsConstants.VIDEO_CODEC, "JPG", RtmsConstants.USER_ID, "0",
                    RtmsConstants.TIMESTAMP, T0 + i * 1000L));
        }
    }

    private void send(String stream, String type, Object body, Map<String, Object> extra) {
        Map<String, Object> h = new HashMap<>(extra);
        h.put(RtmsConstants.MEDIA_TYPE, type);
        h.put(RtmsConstants.PRODUCT, "meeting");
        h.put(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        h.put(RtmsConstants.ENTITY_ID, "ab/c+d==");
        h.put(RtmsConstants.STREAM_ID, stream);
        h.put(RtmsConstants.SEQUENCE, sequences.computeIfAbsent(stream + type, k -> new AtomicLong()).incrementAndGet());
        template.sendBodyAndHeaders("direct:rtms-" + type.toLowerCase(), body, h);
    }

    // ---- looking at S3 and the disk

    private static Map<String, Path> localFiles(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .forEach(p -> out.put(dir.relativize(p).toString().replace('\\', '/'), p));
        }
        return out;
    }

    private static List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
            out.add(o.key());
        }
        return out;
    }

    private static boolean exists(String key) {
        return !keys(key).isEmpty();
    }

    private static byte[] get(String key) {
        return client.getObject(b -> b.bucket(BUCKET).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    /** Records the key of every upload S3 accepted, in order. */
    static final class PutRecorder extends EventNotifierSupport {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().startsWith("aws2-s3")
                    && sent.getExchange().getException() == null
                    && sent.getExchange().getMessage().getHeader("CamelAwsS3Operation") == null) {
                puts.add(sent.getExchange().getMessage().getHeader("CamelAwsS3Key", String.class));
            }
        }
    }
}
