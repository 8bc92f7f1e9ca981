package io.camelrtms.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    final ObjectMapper mapper = new ObjectMapper();

    static SinkRequest request(String stream, String id, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Idempotency-Key", id);
        h.put("Content-Type", "application/octet-stream");
        return SinkRequest.of(stream, id, "AUDIO", h, body);
    }

    @Test
    void requestsComeBackExactlyAndInOrderPerStreamAfterARestart() throws Exception {
        Spool spool = new Spool(dir, mapper);
        byte[] binary = {0, '\n', (byte) 0xff, '\r', '\n', 42};
        spool.append(request("meeting/a+b==", "a1", binary));
        spool.append(request("other", "o1", null));
        spool.append(request("meeting/a+b==", "a2", new byte[0]));
        spool.append(new SinkRequest("other", "o2", "PUT", Map.of("CamelAwsS3Key", "k"), null,
                new SinkRequest.FileSlice(Path.of("/data/x.wav"), 44, 100)));
        assertThat(spool.size()).isEqualTo(4);
        assertThat(spool.has("meeting/a+b==")).isTrue();
        assertThat(spool.has("nobody")).isFalse();

        Spool reopened = new Spool(dir, mapper);
        assertThat(reopened.size()).isEqualTo(4);
        assertThat(reopened.streams()).as("oldest first").containsExactly(Spool.keyOf("meeting/a+b=="), "other");
        Spool.Entry a1 = reopened.peek(Spool.keyOf("meeting/a+b=="));
        assertThat(a1.request().id()).isEqualTo("a1");
        assertThat(a1.request().stream()).isEqualTo("meeting/a+b==");
        assertThat(a1.request().body()).isEqualTo(binary);
        assertThat(a1.request().headers()).containsExactly(Map.entry("Idempotency-Key", "a1"),
                Map.entry("Content-Type", "application/octet-stream"));
        reopened.remove(a1);
        assertThat(reopened.peek(Spool.keyOf("meeting/a+b==")).request().body()).isEmpty();
        Spool.Entry o1 = reopened.peek("other");
        assertThat(o1.request().body()).isNull();
        reopened.remove(o1);
        SinkRequest o2 = reopened.peek("other").request();
        assertThat(o2.file()).isEqualTo(new SinkRequest.FileSlice(Path.of("/data/x.wav"), 44, 100));
        assertThat(o2.header("CamelAwsS3Key")).isEqualTo("k");
        assertThat(reopened.size()).isEqualTo(2);
    }

    @Test
    void appendFirstGoesInFrontAndNewNumbersContinueAfterARestart() throws Exception {
        Spool spool = new Spool(dir, mapper);
        spool.append(request("s", "2", null));
        spool.append(request("s", "3", null));
        spool.appendFirst(request("s", "1", null));
        spool = new Spool(dir, mapper);
        spool.append(request("s", "4", null));
        assertThat(drain(spool, "s")).containsExactly("1", "2", "3", "4");
        assertThat(spool.size()).isZero();
        assertThat(dir.resolve("pending/s")).as("an emptied stream leaves no directory").doesNotExist();
    }

    @Test
    void discardDropsAStreamAndRejectKeepsARequestAside() throws Exception {
        Spool spool = new Spool(dir, mapper);
        spool.append(request("revoked", "r1", null));
        spool.append(request("revoked", "r2", null));
        spool.append(request("kept", "k1", null));
        spool.append(request("kept", "k2", null));
        assertThat(spool.discard("revoked")).isEqualTo(2);
        assertThat(spool.has("revoked")).isFalse();
        spool.reject(spool.peek("kept"));
        assertThat(drain(spool, "kept")).containsExactly("k2");
        try (Stream<Path> rejected = Files.list(dir.resolve("rejected/kept"))) {
            assertThat(rejected.count()).isEqualTo(1);
        }
    }

    @Test
    void aCrashLeavesNoHalfRequestAndAnUnreadableOneIsMovedAside() throws Exception {
        Spool spool = new Spool(dir, mapper);
        spool.append(request("s", "good", null));
        Files.writeString(dir.resolve("pending/s/0000000000000000099.req.tmp"), "{\"format\":1,\"str");
        Files.writeString(dir.resolve("pending/s/0000000000000000050.req"), "not a request");
        Spool reopened = new Spool(dir, mapper);
        assertThat(dir.resolve("pending/s/0000000000000000099.req.tmp")).doesNotExist();
        assertThat(drain(reopened, "s")).containsExactly("good");
        assertThat(dir.resolve("rejected/s/0000000000000000050.req")).exists();
    }

    private static List<String> drain(Spool spool, String key) throws Exception {
        List<String> ids = new ArrayList<>();
        Spool.Entry e;
        while ((e = spool.peek(key)) != null) {
            ids.add(e.request().id());
            spool.remove(e);
        }
        return ids;
    }
}
