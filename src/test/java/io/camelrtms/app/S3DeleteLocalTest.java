package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.media.WavHeader;
import io.camelrtms.sink.s3.S3Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * rtms.s3.delete-local-after-upload against S3Proxy: a file S3 holds (same size) is deleted locally,
 * a file of a type also sent to the file sink is kept, and a stream left with nothing locally loses
 * its manifest and directory too, once S3 holds them.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RtmsApplication.class, properties = {
        "rtms.sinks.audio=s3",
        "rtms.sinks.transcript=file,s3",
        "rtms.sinks.chat=s3",
        "rtms.sinks.event=s3",
        "rtms.sinks.video=none",
        "rtms.sinks.deskshare=none",
        "rtms.s3.bucket=" + S3DeleteLocalTest.BUCKET,
        "rtms.s3.prefix=",
        "rtms.s3.region=us-east-1",
        "rtms.s3.force-path-style=true",
        "rtms.s3.delete-local-after-upload=true",
        "rtms.delivery.redelivery-delay=20ms",
})
class S3DeleteLocalTest {

    static final String BUCKET = "rtms-keep";
    static final Duration WAIT = Duration.ofSeconds(30);

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
    ProducerTemplate template;
    @Autowired
    S3Uploader uploader;

    final Map<String, AtomicLong> sequences = new HashMap<>();

    @Test
    void uploadedFilesLeaveTheDiskUnlessTheirTypeAlsoGoesToTheFileSink() throws Exception {
        send("keep-1", "LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STARTED"));
        audio("keep-1");
        send("keep-1", "TRANSCRIPT", "hello", Map.of(RtmsConstants.TIMESTAMP, 1_000L));
        send("keep-1", "LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STOPPED", RtmsConstants.STOP_REASON, 6));

        send("gone-1", "LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STARTED"));
        audio("gone-1");
        send("gone-1", "CHAT", "hi", Map.of(RtmsConstants.TIMESTAMP, 1_000L));
        send("gone-1", "LIFECYCLE", "{}", Map.of(RtmsConstants.LIFECYCLE, "STOPPED", RtmsConstants.STOP_REASON, 6));

        Awaitility.await().atMost(WAIT).until(() -> uploader.delivery().spool().size() == 0
                && exists("meeting/m1/keep-1/manifest.json") && exists("meeting/m1/gone-1/manifest.json"));
        Path keep = data.resolve("meeting/m1/keep-1");
        Awaitility.await().atMost(WAIT).until(() -> !Files.exists(keep.resolve("audio.wav")));
        assertThat(keep.resolve("transcript.jsonl")).as("transcript also goes to file: kept").exists();
        assertThat(keep.resolve("transcript.vtt")).exists();
        assertThat(keep.resolve("manifest.json")).as("kept while files of the stream remain").exists();
        assertThat(get("meeting/m1/keep-1/transcript.jsonl")).isEqualTo(Files.readAllBytes(keep.resolve("transcript.jsonl")));
        assertThat(get("meeting/m1/keep-1/audio.wav")).hasSize(WavHeader.HEADER_SIZE + 50 * 640);

        Path gone = data.resolve("meeting/m1/gone-1");
        Awaitility.await().atMost(WAIT).until(() -> !Files.exists(gone));
        for (String f : new String[] {"audio.wav", "chat.jsonl", "events.jsonl", "manifest.json"}) {
            assertThat(exists("meeting/m1/gone-1/" + f)).as("%s in S3", f).isTrue();
        }
    }

    private void audio(String stream) {
        for (int p = 0; p < 50; p++) {
            send(stream, "AUDIO", new byte[640], Map.of(RtmsConstants.AUDIO_CODEC, "L16", RtmsConstants.AUDIO_SAMPLE_RATE, 16000,
                    RtmsConstants.AUDIO_CHANNELS, 1, RtmsConstants.USER_ID, "0", RtmsConstants.TIMESTAMP, 1_000L + p * 20));
        }
    }

    private void send(String stream, String type, Object body, Map<String, Object> extra) {
        Map<String, Object> h = new HashMap<>(extra);
        h.put(RtmsConstants.MEDIA_TYPE, type);
        h.put(RtmsConstants.PRODUCT, "meeting");
        h.put(RtmsConstants.ENTITY_ID, "m1");
        h.put(RtmsConstants.STREAM_ID, stream);
        h.put(RtmsConstants.SEQUENCE, sequences.computeIfAbsent(stream + type, k -> new AtomicLong()).incrementAndGet());
        template.sendBodyAndHeaders("direct:rtms-" + type.toLowerCase(), body, h);
    }

    private static boolean exists(String key) {
        return client.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).hasContents();
    }

    private static byte[] get(String key) {
        return client.getObject(b -> b.bucket(BUCKET).key(key), ResponseTransformer.toBytes()).asByteArray();
    }
}
