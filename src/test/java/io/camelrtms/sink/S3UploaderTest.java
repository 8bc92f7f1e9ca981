package io.camelrtms.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class S3UploaderTest {

    static S3Uploader uploader(String prefix) {
        return new S3Uploader(new S3Uploader.Settings(Path.of("/data"), prefix, Duration.ZERO, false, true,
                Set.of("audio"), Set.of(), "aws2-s3://b"));
    }

    @Test
    void keysAreTheLayoutUnderThePrefix() {
        Path dir = RecordingLayout.streamDir(Path.of("/data"), "MEETING", "ab/c+d==", "s/1");
        assertThat(uploader("/recordings/").streamKey(dir)).isEqualTo("recordings/meeting/ab_c-d/s_1");
        assertThat(uploader("a/b").streamKey(dir)).isEqualTo("a/b/meeting/ab_c-d/s_1");
        assertThat(uploader("").streamKey(dir)).isEqualTo("meeting/ab_c-d/s_1");
    }

    @Test
    void filesOfTheLayoutKnowTheirMediaTypeAndContentType() {
        assertThat(S3Uploader.mediaTypeOf("audio.wav")).isEqualTo("audio");
        assertThat(S3Uploader.mediaTypeOf("audio/16778240.wav")).isEqualTo("audio");
        assertThat(S3Uploader.mediaTypeOf("transcript.srt")).isEqualTo("transcript");
        assertThat(S3Uploader.mediaTypeOf("chat.jsonl")).isEqualTo("chat");
        assertThat(S3Uploader.mediaTypeOf("events.jsonl")).isEqualTo("event");
        assertThat(S3Uploader.mediaTypeOf("video/0/1-2.jpg")).isEqualTo("video");
        assertThat(S3Uploader.mediaTypeOf("deskshare/0.h264")).isEqualTo("deskshare");
        assertThat(S3Uploader.mediaTypeOf("audio.opus")).isEqualTo("audio");
        assertThat(S3Uploader.mediaTypeOf("audio/16778240.opus")).isEqualTo("audio");
        assertThat(S3Uploader.mediaTypeOf("video/16778240.mp4")).isEqualTo("video");
        assertThat(S3Uploader.mediaTypeOf("manifest.json")).isNull();
        assertThat(S3Uploader.contentTypeOf("a.wav")).isEqualTo("audio/wav");
        assertThat(S3Uploader.contentTypeOf("transcript.vtt")).isEqualTo("text/vtt");
        assertThat(S3Uploader.contentTypeOf("x.h264")).isEqualTo("video/h264");
        assertThat(S3Uploader.contentTypeOf("x.mp4")).isEqualTo("video/mp4");
        assertThat(S3Uploader.contentTypeOf("audio.opus")).isEqualTo("audio/ogg");
        assertThat(S3Uploader.contentTypeOf("x.bin")).isEqualTo("application/octet-stream");
    }
}
