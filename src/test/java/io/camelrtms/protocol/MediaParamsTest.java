package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaParamsTest {

    private static MediaParams.Audio audio(Codec codec, SampleRate rate, int channels, int sendRate) {
        return new MediaParams.Audio(ContentType.RAW_AUDIO, codec, rate, channels, DataOption.AUDIO_MIXED_STREAM, sendRate);
    }

    @Test
    void wireDefaultIsValid() {
        assertThat(MediaParams.Audio.WIRE_DEFAULT.problems()).isEmpty();
    }

    @Test
    void sdkRulesAreEnforced() {
        assertThat(audio(Codec.OPUS, SampleRate.SR_16K, 1, 20).problems()).anyMatch(p -> p.contains("48000"));
        assertThat(audio(Codec.G711, SampleRate.SR_16K, 1, 20).problems()).anyMatch(p -> p.contains("8000"));
        assertThat(audio(Codec.L16, SampleRate.SR_16K, 1, 30).problems()).anyMatch(p -> p.contains("multiple of 20"));
        assertThat(audio(Codec.L16, SampleRate.SR_16K, 1, 1000).problems()).isEmpty();
        assertThat(audio(Codec.OPUS, SampleRate.SR_48K, 2, 40).problems()).anyMatch(p -> p.contains("20 ms"));
        assertThat(audio(Codec.L16, SampleRate.SR_16K, 3, 20).problems()).anyMatch(p -> p.contains("channels"));
        assertThat(audio(Codec.JPG, SampleRate.SR_16K, 1, 20).problems()).isNotEmpty();
        assertThat(new MediaParams.Video(ContentType.RAW_VIDEO, Codec.JPG, Resolution.HD, null, 6).problems("video"))
                .anyMatch(p -> p.contains("1 to 5"));
        assertThat(new MediaParams.Video(ContentType.RAW_VIDEO, Codec.H264, Resolution.HD, null, 30).problems("video")).isEmpty();
        assertThat(new MediaParams.Video(ContentType.RAW_VIDEO, Codec.H264, Resolution.HD, null, 31).problems("video")).isNotEmpty();
    }

    @Test
    void onlyKeepsTheKindsOfOneConnection() {
        MediaParams all = new MediaParams(MediaParams.Audio.WIRE_DEFAULT, null, null, new MediaParams.Transcript(-1, true), new MediaParams.Chat());
        MediaParams audioOnly = all.only(Set.of(MediaKind.AUDIO));
        assertThat(audioOnly.audio()).isNotNull();
        assertThat(audioOnly.transcript()).isNull();
        assertThat(audioOnly.chat()).isNull();
    }

    @Test
    void negotiatedEchoWinsWhereItSpeaks() throws Exception {
        MediaParams requested = new MediaParams(audio(Codec.L16, SampleRate.SR_16K, 1, 20), null, null, null, null);
        MediaParams n = MediaParams.negotiated(new ObjectMapper().readTree(
                "{\"audio\":{\"codec\":4,\"sample_rate\":3,\"channel\":2}}"), requested);
        assertThat(n.audio().codec()).isEqualTo(Codec.OPUS);
        assertThat(n.audio().sampleRate().hertz()).isEqualTo(48000);
        assertThat(n.audio().channels()).isEqualTo(2);
        assertThat(n.audio().sendRate()).isEqualTo(20);
        assertThat(n.audio().dataOption()).isEqualTo(DataOption.AUDIO_MIXED_STREAM);
        assertThat(MediaParams.negotiated(null, requested)).isEqualTo(requested);
    }
}
