package io.camelrtms.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.sink.file.RecordingLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SafeNamesTest {

    @Test
    void zoomUuidsBecomeTheirBase64UrlSpelling() {
        assertThat(SafeNames.of("4444AAAiAAAAAiAiAiiAii==")).isEqualTo("4444AAAiAAAAAiAiAiiAii");
        assertThat(SafeNames.of("ab/c+d/e==")).isEqualTo("ab_c-d_e");
        assertThat(SafeNames.of("/+/+")).isEqualTo("_-_-");
    }

    @Test
    void otherCharactersBecomeUnderscores() {
        assertThat(SafeNames.of("a b:c\\d*e?f\"g<h>i|j")).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(SafeNames.of("ünï")).isEqualTo("_n_");
        assertThat(SafeNames.of("keep.these_-")).isEqualTo("keep.these_-");
    }

    @Test
    void neverNamesTheDirectoryItselfOrItsParent() {
        assertThat(SafeNames.of(".")).isEqualTo("_");
        assertThat(SafeNames.of("..")).isEqualTo("__");
        assertThat(SafeNames.of("==")).isEqualTo("_");
        assertThat(SafeNames.of("../../etc")).isEqualTo(".._.._etc");
        Path root = Path.of("/data");
        assertThat(root.resolve(SafeNames.of("../x")).normalize().startsWith(root)).isTrue();
    }

    @Test
    void longIdsAreCutWithAHashSoTheyStayUnique() {
        String a = "x".repeat(300) + "a";
        String b = "x".repeat(300) + "b";
        assertThat(SafeNames.of(a)).hasSize(SafeNames.MAX_LENGTH);
        assertThat(SafeNames.of(a)).isNotEqualTo(SafeNames.of(b));
        assertThat(SafeNames.of(a)).isEqualTo(SafeNames.of(a));
    }

    @Test
    void anIdIsRequired() {
        assertThatThrownBy(() -> SafeNames.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafeNames.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutPlacesStreamsUnderProductAndEntity() {
        Path dir = RecordingLayout.streamDir(Path.of("data"), "meeting", "ab/c+d==", "stream-1");
        assertThat(dir).isEqualTo(Path.of("data", "meeting", "ab_c-d", "stream-1"));
        assertThat(RecordingLayout.audioFile(null)).isEqualTo("audio.wav");
        assertThat(RecordingLayout.audioFile("16778240")).isEqualTo("audio/16778240.wav");
    }
}
