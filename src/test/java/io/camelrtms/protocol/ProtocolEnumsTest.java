package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ProtocolEnumsTest {

    @Test
    void mediaKindMasksAndLists() {
        assertThat(MediaKind.mask(EnumSet.of(MediaKind.AUDIO, MediaKind.TRANSCRIPT))).isEqualTo(9);
        assertThat(MediaKind.fromMask(32)).isEqualTo(EnumSet.allOf(MediaKind.class));
        assertThat(MediaKind.parseList("audio, Transcript")).containsExactly(MediaKind.AUDIO, MediaKind.TRANSCRIPT);
        assertThat(MediaKind.parseList("share")).containsExactly(MediaKind.DESKSHARE);
        assertThat(MediaKind.parseList("all")).hasSize(5);
        assertThatThrownBy(() -> MediaKind.parseList("audio,smell")).hasMessageContaining("smell");
        assertThatThrownBy(() -> MediaKind.parseList(" ")).hasMessageContaining("No RTMS media type");
    }

    @Test
    void productsFromEventNames() {
        assertThat(Product.ofEvent("meeting.rtms_started")).isEqualTo(Product.MEETING);
        assertThat(Product.ofEvent("contact_center.voice_rtms_stopped")).isEqualTo(Product.CONTACT_CENTER);
        assertThat(Product.ofEvent("session.rtms_interrupted")).isEqualTo(Product.SESSION);
        assertThat(Product.ofEvent("meeting.started")).isNull();
    }

    @Test
    void stopReasonsAndStatusCodesNeverFailOnUnknownCodes() {
        assertThat(StopReason.nameOf(8)).isEqualTo("STREAM_REVOKED");
        assertThat(StopReason.nameOf(99)).isEqualTo("UNKNOWN_99");
        assertThat(StatusCode.describe(15)).contains("INVALID_SIGNATURE").contains("MEDIA_DATA_ALL_CONNECTION_EXIST");
        assertThat(StatusCode.describe(500)).contains("UNKNOWN");
        assertThat(StatusCode.classify(8, "duplicate signal request")).isEqualTo(StatusCode.Category.DUPLICATE);
        assertThat(StatusCode.classify(3, "Invalid signature")).isEqualTo(StatusCode.Category.AUTHENTICATION);
        assertThat(StatusCode.classify(17, "invalid media params")).isEqualTo(StatusCode.Category.INVALID_REQUEST);
        assertThat(StatusCode.classify(8, "")).isEqualTo(StatusCode.Category.OTHER);
    }

    @Test
    void serverRegionFromUrls() {
        assertThat(ServerRegion.of("wss://rtms-sjc1.zoom.us/signaling")).isEqualTo("sjc");
        assertThat(ServerRegion.of("wss://zoomiad168-135-112-4rtms.iad.zoom.us:443")).isEqualTo("iad");
        assertThat(ServerRegion.of("ws://127.0.0.1:8080/x")).isNull();
        assertThat(ServerRegion.of("not a url at all ::")).isNull();
        assertThat(ServerRegion.of(null)).isNull();
    }

    @Test
    void sampleRatesAndCodecs() {
        assertThat(SampleRate.ofHertz(48000)).isEqualTo(SampleRate.SR_48K);
        assertThatThrownBy(() -> SampleRate.ofHertz(44100)).hasMessageContaining("44100");
        assertThat(Codec.parse("opus")).isEqualTo(Codec.OPUS);
        assertThat(Codec.parse("pcma")).isEqualTo(Codec.G711);
        assertThat(MessageType.of(14)).isEqualTo(MessageType.MEDIA_DATA_AUDIO);
        assertThat(MessageType.of(99)).isNull();
    }
}
