package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.ContentType;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.SampleRate;
import org.junit.jupiter.api.Test;

class AudioBatchTest {

    static final MediaParams L16_16K = params(Codec.L16, SampleRate.SR_16K, 1);
    static final MediaParams L16_16K_STEREO = params(Codec.L16, SampleRate.SR_16K, 2);
    static final MediaParams G711 = params(Codec.G711, SampleRate.SR_8K, 1);
    static final MediaParams OPUS = params(Codec.OPUS, SampleRate.SR_48K, 1);

    static MediaParams params(Codec codec, SampleRate rate, int channels) {
        return new MediaParams(new MediaParams.Audio(ContentType.RAW_AUDIO, codec, rate, channels, DataOption.AUDIO_MIXED_STREAM, 20),
                null, null, null, null);
    }

    /** {@code bytes} bytes of audio from {@code user} at {@code ts}, every byte {@code fill}. */
    static MediaData audio(String user, long ts, int bytes, int fill) {
        byte[] data = new byte[bytes];
        java.util.Arrays.fill(data, (byte) fill);
        return new MediaData(MediaKind.AUDIO, user, user == null ? null : "User " + user, null, ts, data, null, -1, -1, null, null, null);
    }

    @Test
    void contiguousAudioOfOneSpeakerIsJoinedUntilItCoversTheTarget() {
        AudioBatch b = new AudioBatch(100);
        assertThat(b.isEmpty()).isTrue();
        for (int i = 0; i < 5; i++) {
            MediaData m = audio("7", 1000 + 20 * i, 640, i);
            assertThat(b.continues(m, L16_16K)).isTrue();
            assertThat(b.add(m, L16_16K)).isEqualTo(i == 0);
            assertThat(b.full()).as("after %d messages", i + 1).isEqualTo(i == 4);
        }
        AudioBatch.Taken t = b.take();
        assertThat(t.messages()).isEqualTo(5);
        assertThat(t.first().timestamp()).isEqualTo(1000);
        assertThat(t.first().userId()).isEqualTo("7");
        assertThat(t.negotiated()).isSameAs(L16_16K);
        assertThat(t.body()).hasSize(5 * 640);
        for (int i = 0; i < 5; i++) {
            assertThat(t.body()[i * 640]).isEqualTo((byte) i);
            assertThat(t.body()[i * 640 + 639]).isEqualTo((byte) i);
        }
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.take()).isNull();
    }

    @Test
    void theDurationComesFromTheLengthAndTheNegotiatedFormat() {
        // 20 ms is 640 bytes of 16 kHz mono L16, 1280 in stereo, 160 of 8 kHz G.711
        assertThat(AudioBatch.durationMicros(640, L16_16K.audio())).isEqualTo(20_000);
        assertThat(AudioBatch.durationMicros(1280, L16_16K_STEREO.audio())).isEqualTo(20_000);
        assertThat(AudioBatch.durationMicros(160, G711.audio())).isEqualTo(20_000);

        AudioBatch b = new AudioBatch(40);
        b.add(audio(null, 0, 1280, 0), L16_16K_STEREO);
        assertThat(b.continues(audio(null, 20, 1280, 0), L16_16K_STEREO)).isTrue();
        assertThat(b.continues(audio(null, 40, 1280, 0), L16_16K_STEREO)).isFalse();
        b.add(audio(null, 20, 1280, 0), L16_16K_STEREO);
        assertThat(b.full()).isTrue();
    }

    @Test
    void aGapOrAnOverlapBeyondTheToleranceStartsANewBatch() {
        AudioBatch b = new AudioBatch(1000);
        b.add(audio("7", 1000, 640, 0), L16_16K);
        // jitter within the tolerance either way continues the batch
        assertThat(b.continues(audio("7", 1020 + AudioBatch.TOLERANCE_MILLIS, 640, 0), L16_16K)).isTrue();
        assertThat(b.continues(audio("7", 1020 - AudioBatch.TOLERANCE_MILLIS, 640, 0), L16_16K)).isTrue();
        // a gap the recorder would fill with silence, a message that overlaps, a repeated one: not
        assertThat(b.continues(audio("7", 1020 + AudioBatch.TOLERANCE_MILLIS + 1, 640, 0), L16_16K)).isFalse();
        assertThat(b.continues(audio("7", 1040, 640, 0), L16_16K)).isFalse();
        assertThat(b.continues(audio("7", 1020 - AudioBatch.TOLERANCE_MILLIS - 1, 640, 0), L16_16K)).isFalse();
        assertThat(b.continues(audio("7", 1000, 640, 0), L16_16K)).isFalse();
        // the expected start follows the last message, not the first
        b.add(audio("7", 1022, 640, 0), L16_16K);
        assertThat(b.continues(audio("7", 1042, 640, 0), L16_16K)).isTrue();
        assertThat(b.continues(audio("7", 1060, 640, 0), L16_16K)).isFalse();
    }

    @Test
    void anotherSpeakerOrOtherParametersStartANewBatch() {
        AudioBatch b = new AudioBatch(1000);
        b.add(audio("7", 1000, 640, 0), L16_16K);
        assertThat(b.continues(audio("8", 1020, 640, 0), L16_16K)).isFalse();
        assertThat(b.continues(audio(null, 1020, 640, 0), L16_16K)).isFalse();
        assertThat(b.continues(audio("7", 1020, 640, 0), L16_16K_STEREO)).isFalse();
        assertThat(b.continues(audio("7", 1020, 640, 0), L16_16K)).isTrue();

        // Contact Center audio: the channel is the speaker
        AudioBatch cc = new AudioBatch(1000);
        cc.add(new MediaData(MediaKind.AUDIO, null, null, "1", 0, new byte[640], null, -1, -1, null, null, null), L16_16K);
        assertThat(cc.continues(new MediaData(MediaKind.AUDIO, null, null, "1", 20, new byte[640], null, -1, -1, null, null, null), L16_16K))
                .isTrue();
        assertThat(cc.continues(new MediaData(MediaKind.AUDIO, null, null, "2", 20, new byte[640], null, -1, -1, null, null, null), L16_16K))
                .isFalse();
    }

    @Test
    void onlyAudioInASampleCodecIsBatched() {
        assertThat(AudioBatch.batchable(audio(null, 0, 640, 0), L16_16K)).isTrue();
        assertThat(AudioBatch.batchable(audio(null, 0, 160, 0), G711)).isTrue();
        // before the server confirmed parameters: Zoom's wire default, L16
        assertThat(AudioBatch.batchable(audio(null, 0, 640, 0), null)).isTrue();
        // an Opus packet is a frame its decoder needs whole; G.722 keeps state across packets
        assertThat(AudioBatch.batchable(audio(null, 0, 80, 0), OPUS)).isFalse();
        assertThat(AudioBatch.batchable(audio(null, 0, 160, 0), params(Codec.G722, SampleRate.SR_16K, 1))).isFalse();
        // other media, and audio without a payload
        assertThat(AudioBatch.batchable(audio(null, 0, 0, 0), L16_16K)).isFalse();
        MediaData video = new MediaData(MediaKind.VIDEO, "7", null, null, 0, new byte[10], null, -1, -1, null, null, null);
        assertThat(AudioBatch.batchable(video, L16_16K)).isFalse();
        MediaData transcript = new MediaData(MediaKind.TRANSCRIPT, "7", null, null, 0, null, "hi", 0, 10, 9, null, null);
        assertThat(AudioBatch.batchable(transcript, L16_16K)).isFalse();
    }

    @Test
    void aMessageLongerThanTheTargetIsABatchOfOne() {
        AudioBatch b = new AudioBatch(20);
        MediaData m = audio(null, 0, 3200, 1); // 100 ms at a send rate of 100
        b.add(m, L16_16K);
        assertThat(b.full()).isTrue();
        AudioBatch.Taken t = b.take();
        assertThat(t.messages()).isEqualTo(1);
        assertThat(t.body()).isSameAs(m.data());
    }

    @Test
    void eachOpenedBatchIsToldApartForItsTimer() {
        AudioBatch b = new AudioBatch(100);
        b.add(audio(null, 0, 640, 0), L16_16K);
        long first = b.opened();
        b.add(audio(null, 20, 640, 0), L16_16K);
        assertThat(b.opened()).isEqualTo(first);
        b.take();
        b.add(audio(null, 40, 640, 0), L16_16K);
        assertThat(b.opened()).isNotEqualTo(first);
    }

    @Test
    void aTargetMustBePositive() {
        assertThatThrownBy(() -> new AudioBatch(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
