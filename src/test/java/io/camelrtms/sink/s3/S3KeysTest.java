package io.camelrtms.sink.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.sink.file.RecordingLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class S3KeysTest {

    static S3Keys keys(String prefix) {
        return new S3Keys(Path.of("/data"), prefix);
    }

    @Test
    void keysAreTheLayoutUnderThePrefix() {
        Path dir = RecordingLayout.streamDir(Path.of("/data"), "MEETING", "ab/c+d==", "s/1");
        assertThat(keys("/recordings/").streamKey(dir)).isEqualTo("recordings/meeting/ab_c-d/s_1");
        assertThat(keys("a/b").streamKey(dir)).isEqualTo("a/b/meeting/ab_c-d/s_1");
        assertThat(keys("").streamKey(dir)).isEqualTo("meeting/ab_c-d/s_1");
    }

    @Test
    void filesOfTheLayoutKnowTheirMediaTypeAndContentType() {
        assertThat(S3Keys.mediaTypeOf("audio.wav")).isEqualTo("audio");
        assertThat(S3Keys.mediaTypeOf("audio/16778240.wav")).isEqualTo("audio");
        assertThat(S3Keys.mediaTypeOf("transcript.srt")).isEqualTo("transcript");
        assertThat(S3Keys.mediaTypeOf("chat.jsonl")).isEqualTo("chat");
        assertThat(S3Keys.mediaTypeOf("events.jsonl")).isEqualTo("event");
        assertThat(S3Keys.mediaTypeOf("video/0/1-2.jpg")).isEqualTo("video");
        assertThat(S3Keys.mediaTypeOf("deskshare/0.h264")).isEqualTo("deskshare");
        assertThat(S3Keys.mediaTypeOf("audio.opus")).isEqualTo("audio");
        assertThat(S3Keys.mediaTypeOf("audio/16778240.opus")).isEqualTo("audio");
        assertThat(S3Keys.mediaTypeOf("video/16778240.mp4")).isEqualTo("video");
        assertThat(S3Keys.mediaTypeOf("manifest.json")).isNull();
        assertThat(S3Keys.contentTypeOf("a.wav")).isEqualTo("audio/wav");
        assertThat(S3Keys.contentTypeOf("transcript.vtt")).isEqualTo("text/vtt");
        assertThat(S3Keys.contentTypeOf("x.h264")).isEqualTo("video/h264");
        assertThat(S3Keys.contentTypeOf("x.mp4")).isEqualTo("video/mp4");
        assertThat(S3Keys.contentTypeOf("audio.opus")).isEqualTo("audio/ogg");
        assertThat(S3Keys.contentTypeOf("x.bin")).isEqualTo("application/octet-stream");
    }
}
