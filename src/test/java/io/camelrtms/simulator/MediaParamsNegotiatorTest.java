package io.camelrtms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Resolution;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaParamsNegotiatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static MediaParamsNegotiator.Result negotiate(String json, Set<MediaKind> kinds) throws Exception {
        JsonNode n = json == null ? null : MAPPER.readTree(json);
        return MediaParamsNegotiator.negotiate(n, kinds);
    }

    @Test
    void onlyTheConnectionsKindsAreNegotiatedAndEchoed() throws Exception {
        var r = negotiate("{\"audio\":{\"codec\":4,\"sample_rate\":3,\"channel\":2},\"video\":{\"codec\":7,\"fps\":25}}",
                EnumSet.of(MediaKind.AUDIO));
        assertThat(r.ok()).isTrue();
        assertThat(r.params().audio().codec()).isEqualTo(Codec.OPUS);
        assertThat(r.params().video()).isNull();
        assertThat(r.echo().fieldNames()).toIterable().containsExactly("audio");
        assertThat(r.echo().path("audio").path("content_type").asInt()).isEqualTo(2);
    }

    @Test
    void videoDefaultsAndH264() throws Exception {
        var r = negotiate("{\"video\":{\"codec\":7,\"resolution\":3,\"data_opt\":4,\"fps\":30}}", EnumSet.of(MediaKind.VIDEO, MediaKind.DESKSHARE));
        assertThat(r.ok()).isTrue();
        assertThat(r.params().video().codec()).isEqualTo(Codec.H264);
        assertThat(r.params().video().resolution()).isEqualTo(Resolution.FHD);
        assertThat(r.params().video().dataOption()).isEqualTo(DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM);
        assertThat(r.params().deskshare().codec()).isEqualTo(Codec.JPG);
        assertThat(r.echo().path("deskshare").has("data_opt")).isFalse();
    }

    @Test
    void refusalsNameTheProblemAndSayMediaParams() throws Exception {
        String[][] cases = {
            {"{\"audio\":{\"codec\":2,\"sample_rate\":1}}", "G711"},
            {"{\"audio\":{\"codec\":1,\"send_rate\":1020}}", "send_rate"},
            {"{\"audio\":{\"codec\":4,\"sample_rate\":3,\"send_rate\":40}}", "every 20 ms"},
            {"{\"audio\":{\"codec\":\"4\"}}", "unsigned integer"},
            {"{\"audio\":{\"codec\":3}}", "G722"},
            {"{\"audio\":{\"channel\":3}}", "channel"},
            {"{\"audio\":{\"sample_rate\":1,\"send_rate\":20,\"frame_size\":160}}", "frame_size"},
            {"{\"transcript\":{\"content_type\":2}}", "content_type"},
            {"{\"video\":{\"codec\":5,\"fps\":6}}", "fps"},
            {"[1,2]", "object"},
        };
        for (String[] c : cases) {
            var r = negotiate(c[0], EnumSet.allOf(MediaKind.class));
            assertThat(r.ok()).as(c[0]).isFalse();
            assertThat(r.refusal().reason()).as(c[0]).contains("media params").contains(c[1]);
            assertThat(r.refusal().code()).as(c[0]).isPositive();
        }
    }

    @Test
    void legacyTranscriptLanguageKeyIsAccepted() throws Exception {
        var r = negotiate("{\"transcript\":{\"content_type\":5,\"language\":14,\"enable_lid\":false}}", EnumSet.of(MediaKind.TRANSCRIPT));
        assertThat(r.params().transcript().srcLanguage()).isEqualTo(14);
        assertThat(r.params().transcript().enableLid()).isFalse();
        assertThat(r.echo().path("transcript").path("src_language").asInt()).isEqualTo(14);
    }
}
