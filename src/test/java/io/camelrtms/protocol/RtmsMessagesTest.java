package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RtmsMessagesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void signalingHandshakeUsesTheProductsKeysAndIntegers() throws Exception {
        JsonNode m = json.readTree(RtmsMessages.signalingHandshake(Product.MEETING, "u/+=", "s1", "sig", 1, false));
        assertThat(m.get("msg_type").isInt()).isTrue();
        assertThat(m.get("msg_type").asInt()).isEqualTo(1);
        assertThat(m.get("protocol_version").asInt()).isEqualTo(1);
        assertThat(m.get("meeting_uuid").asText()).isEqualTo("u/+=");
        assertThat(m.get("rtms_stream_id").asText()).isEqualTo("s1");
        assertThat(m.get("signature").asText()).isEqualTo("sig");
        assertThat(m.get("buffer_data").asBoolean()).isFalse();
    }

    @Test
    void sessionAndWebinarHandshakesAlsoSendMeetingUuid() throws Exception {
        JsonNode s = json.readTree(RtmsMessages.signalingHandshake(Product.SESSION, "sid", "s1", "sig", 1, true));
        assertThat(s.get("session_id").asText()).isEqualTo("sid");
        assertThat(s.get("meeting_uuid").asText()).isEqualTo("sid");
        JsonNode w = json.readTree(RtmsMessages.signalingHandshake(Product.WEBINAR, "wid", "s1", "sig", 1, true));
        assertThat(w.get("webinar_uuid").asText()).isEqualTo("wid");
        assertThat(w.get("meeting_uuid").asText()).isEqualTo("wid");
        JsonNode z = json.readTree(RtmsMessages.signalingHandshake(Product.CONTACT_CENTER, "eng", "s1", "sig", 1, true));
        assertThat(z.get("engagement_id").asText()).isEqualTo("eng");
        assertThat(z.has("meeting_uuid")).isFalse();
    }

    @Test
    void mediaHandshakeCarriesMaskAndParams() throws Exception {
        MediaParams p = new MediaParams(new MediaParams.Audio(ContentType.RAW_AUDIO, Codec.OPUS, SampleRate.SR_48K, 2,
                DataOption.AUDIO_MULTI_STREAMS, 20), null, null, new MediaParams.Transcript(9, false), null);
        JsonNode m = json.readTree(RtmsMessages.mediaHandshake(Product.MEETING, "u", "s", "sig", 2,
                MediaKind.mask(Set.of(MediaKind.AUDIO, MediaKind.TRANSCRIPT)), p));
        assertThat(m.get("msg_type").asInt()).isEqualTo(3);
        assertThat(m.get("media_type").asInt()).isEqualTo(9);
        assertThat(m.get("payload_encryption").asBoolean()).isFalse();
        JsonNode audio = m.get("media_params").get("audio");
        assertThat(audio.get("codec").asInt()).isEqualTo(4);
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(3);
        assertThat(audio.get("channel").asInt()).isEqualTo(2);
        assertThat(audio.get("data_opt").asInt()).isEqualTo(2);
        assertThat(audio.get("send_rate").asInt()).isEqualTo(20);
        assertThat(audio.get("content_type").asInt()).isEqualTo(2);
        JsonNode t = m.get("media_params").get("transcript");
        assertThat(t.get("src_language").asInt()).isEqualTo(9);
        assertThat(t.get("enable_lid").asBoolean()).isFalse();
        assertThat(t.get("content_type").asInt()).isEqualTo(5);
    }

    @Test
    void mediaHandshakeWithoutParamsLeavesThemOut() throws Exception {
        JsonNode m = json.readTree(RtmsMessages.mediaHandshake(Product.MEETING, "u", "s", "sig", 2, 32, null));
        assertThat(m.has("media_params")).isFalse();
        assertThat(m.get("media_type").asInt()).isEqualTo(32);
    }

    @Test
    void smallMessages() throws Exception {
        assertThat(RtmsMessages.clientReady("s")).isEqualTo("{\"msg_type\":7,\"rtms_stream_id\":\"s\"}");
        assertThat(RtmsMessages.streamClose("s")).isEqualTo("{\"msg_type\":21,\"rtms_stream_id\":\"s\"}");
        assertThat(RtmsMessages.eventSubscription(List.of(2, 7)))
                .isEqualTo("{\"msg_type\":5,\"events\":[{\"event_type\":2,\"subscribe\":true},{\"event_type\":7,\"subscribe\":true}]}");
        assertThat(json.readTree(RtmsMessages.videoSubscription(16778240, true, 5)).get("msg_type").asInt()).isEqualTo(28);
    }
}
