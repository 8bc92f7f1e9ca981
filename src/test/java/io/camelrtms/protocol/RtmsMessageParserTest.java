package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RtmsMessageParserTest {

    private final RtmsMessageParser parser = new RtmsMessageParser();

    @Test
    void signalingHandshakeResponseCarriesMediaUrlsByKind() throws Exception {
        RtmsMessage m = parser.parse("{\"msg_type\":2,\"protocol_version\":1,\"sequence\":0,\"status_code\":0,\"reason\":\"\","
                + "\"media_server\":{\"server_urls\":{\"audio\":\"wss://a\",\"all\":\"wss://all\",\"sharescreen\":\"wss://s\"}}}");
        assertThat(m).isInstanceOf(RtmsMessage.SignalingHandshakeResponse.class);
        RtmsMessage.SignalingHandshakeResponse r = (RtmsMessage.SignalingHandshakeResponse) m;
        assertThat(r.statusCode()).isZero();
        assertThat(r.mediaUrls()).containsEntry("audio", "wss://a").containsEntry("all", "wss://all").containsEntry("sharescreen", "wss://s");
    }

    @Test
    void audioIsBase64DecodedFromTextOrBinaryFrames() throws Exception {
        byte[] pcm = {1, 2, 3, 4, -1, -128};
        String json = "{\"msg_type\":14,\"content\":{\"user_id\":16778240,\"user_name\":\"Ann\",\"data\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\",\"timestamp\":1738392033699}}";
        MediaData fromText = (MediaData) parser.parse(json);
        MediaData fromBinary = (MediaData) parser.parse(json.getBytes(StandardCharsets.UTF_8));
        for (MediaData m : new MediaData[] {fromText, fromBinary}) {
            assertThat(m.kind()).isEqualTo(MediaKind.AUDIO);
            assertThat(m.data()).containsExactly(pcm);
            assertThat(m.userId()).isEqualTo("16778240");
            assertThat(m.userName()).isEqualTo("Ann");
            assertThat(m.timestamp()).isEqualTo(1738392033699L);
            assertThat(m.speakerKey()).isEqualTo("16778240");
        }
    }

    @Test
    void contactCenterAudioIsKeyedByChannel() throws Exception {
        MediaData m = (MediaData) parser.parse("{\"msg_type\":14,\"content\":{\"channel_id\":\"ch-1\",\"data\":\"AAA=\",\"timestamp\":5}}");
        assertThat(m.userId()).isNull();
        assertThat(m.channelId()).isEqualTo("ch-1");
        assertThat(m.speakerKey()).isEqualTo("ch-1");
    }

    @Test
    void transcriptIsPlainTextWithTimes() throws Exception {
        MediaData m = (MediaData) parser.parse("{\"msg_type\":17,\"content\":{\"user_id\":7,\"user_name\":\"Bo\",\"data\":\"Hello, world\","
                + "\"timestamp\":100,\"start_time\":90,\"end_time\":100,\"language\":9,\"attribute\":\"x\"}}");
        assertThat(m.text()).isEqualTo("Hello, world");
        assertThat(m.data()).isNull();
        assertThat(m.startTime()).isEqualTo(90);
        assertThat(m.endTime()).isEqualTo(100);
        assertThat(m.language()).isEqualTo(9);
        assertThat(m.attribute()).isEqualTo("x");
    }

    @Test
    void chatAcceptsPlainTextAndJsonPayloads() throws Exception {
        MediaData plain = (MediaData) parser.parse("{\"msg_type\":18,\"content\":{\"user_id\":1,\"data\":\"hi all\",\"timestamp\":1}}");
        MediaData json = (MediaData) parser.parse("{\"msg_type\":18,\"content\":{\"user_id\":1,\"data\":{\"message_id\":\"m1\",\"operation_type\":1},\"timestamp\":1}}");
        assertThat(plain.text()).isEqualTo("hi all");
        assertThat(json.text()).isEqualTo("{\"message_id\":\"m1\",\"operation_type\":1}");
    }

    @Test
    void shareStripsADataUrlPrefix() throws Exception {
        MediaData m = (MediaData) parser.parse("{\"msg_type\":16,\"content\":{\"user_id\":1,\"data\":\"data:image/jpeg;base64,/9j/\",\"timestamp\":1}}");
        assertThat(m.data()).containsExactly((byte) 0xff, (byte) 0xd8, (byte) 0xff);
    }

    @Test
    void keepAliveKeepsTheTimestampValueAsSent() throws Exception {
        RtmsMessage.KeepAliveRequest k = (RtmsMessage.KeepAliveRequest) parser.parse("{\"msg_type\":12,\"timestamp\":1738392033699}");
        assertThat(RtmsMessages.keepAliveResponse(k.timestamp())).isEqualTo("{\"msg_type\":13,\"timestamp\":1738392033699}");
        RtmsMessage.KeepAliveRequest s = (RtmsMessage.KeepAliveRequest) parser.parse("{\"msg_type\":12,\"timestamp\":\"17\"}");
        assertThat(RtmsMessages.keepAliveResponse(s.timestamp())).isEqualTo("{\"msg_type\":13,\"timestamp\":\"17\"}");
    }

    @Test
    void stateUpdatesAcceptBothReasonSpellings() throws Exception {
        RtmsMessage.StreamStateUpdate s = (RtmsMessage.StreamStateUpdate) parser.parse("{\"msg_type\":8,\"state\":4,\"reason\":6,\"timestamp\":9}");
        assertThat(s.state()).isEqualTo(4);
        assertThat(s.reason()).isEqualTo(6);
        RtmsMessage.SessionStateUpdate a = (RtmsMessage.SessionStateUpdate) parser.parse("{\"msg_type\":9,\"rtms_session_id\":\"x\",\"state\":5,\"stop_reason\":3}");
        RtmsMessage.SessionStateUpdate b = (RtmsMessage.SessionStateUpdate) parser.parse("{\"msg_type\":9,\"rtms_session_id\":\"x\",\"state\":5,\"reason\":3}");
        assertThat(a.stopReason()).isEqualTo(3);
        assertThat(b.stopReason()).isEqualTo(3);
    }

    @Test
    void contactCenterEventsUseEventTs() throws Exception {
        RtmsMessage.EventUpdate e = (RtmsMessage.EventUpdate) parser.parse(
                "{\"msg_type\":6,\"event\":{\"event_type\":8,\"event_ts\":42,\"paticipant_info\":{\"channel_id\":\"c\"}}}");
        assertThat(e.eventType()).isEqualTo(8);
        assertThat(e.timestamp()).isEqualTo(42);
        assertThat(EventType.name(Product.CONTACT_CENTER, 8)).isEqualTo("CONSUMER_ANSWERED");
        assertThat(EventType.name(Product.MEETING, 8)).isEqualTo("PARTICIPANT_VIDEO_ON");
    }

    @Test
    void unknownTypesAreKeptNotRefused() throws Exception {
        RtmsMessage unknown = parser.parse("{\"msg_type\":99,\"x\":1}");
        assertThat(unknown).isInstanceOf(RtmsMessage.Other.class);
        assertThat(((RtmsMessage.Other) unknown).knownType()).isFalse();
        assertThat(((RtmsMessage.Other) unknown).raw().path("x").asInt()).isEqualTo(1);
        RtmsMessage meta = parser.parse("{\"msg_type\":23,\"content\":{}}");
        assertThat(meta.msgType()).isEqualTo(23);
        assertThat(((RtmsMessage.Other) meta).knownType()).isTrue();
    }

    @Test
    void eventCodeIsReadAsTextWhetherANumberOrAStringAndEventTypeIsKept() throws Exception {
        RtmsMessage.EventUpdate both = (RtmsMessage.EventUpdate) parser.parse(
                "{\"msg_type\":6,\"event\":{\"event_type\":3,\"event_code\":1003,\"timestamp\":5}}");
        assertThat(both.eventType()).isEqualTo(3);
        assertThat(both.eventCode()).isEqualTo("1003");
        RtmsMessage.EventUpdate codeOnly = (RtmsMessage.EventUpdate) parser.parse(
                "{\"msg_type\":6,\"event\":{\"event_code\":\"phone.call_hold\",\"timestamp\":6}}");
        assertThat(codeOnly.hasEventType()).isFalse();
        assertThat(codeOnly.eventCode()).isEqualTo("phone.call_hold");
        assertThat(codeOnly.timestamp()).isEqualTo(6);
        RtmsMessage.EventUpdate typeOnly = (RtmsMessage.EventUpdate) parser.parse(
                "{\"msg_type\":6,\"event\":{\"event_type\":2,\"timestamp\":7}}");
        assertThat(typeOnly.eventCode()).isNull();
    }

    @Test
    void contentFieldsThisVersionDoesNotKnowAreKeptWithTheirValuesOnBothPaths() throws Exception {
        String known = "{\"msg_type\":14,\"content\":{\"user_id\":1,\"data\":\"AAAA\",\"timestamp\":5,\"length\":3}}";
        String extra = "{\"msg_type\":14,\"content\":{\"user_id\":1,\"data\":\"AAAA\",\"timestamp\":5,\"future\":{\"a\":[1,2]}}}";
        assertThat(((MediaData) parser.parse(known)).unknownFields()).isNull();
        assertThat(((MediaData) parser.parse(known.getBytes(StandardCharsets.UTF_8))).unknownFields()).isNull();
        for (MediaData m : new MediaData[] {(MediaData) parser.parse(extra), (MediaData) parser.parse(extra.getBytes(StandardCharsets.UTF_8))}) {
            assertThat(m.unknownFields().toString()).isEqualTo("{\"future\":{\"a\":[1,2]}}");
            assertThat(m.data()).hasSize(3);
        }
    }

    @Test
    void videoSubscriptionAnswersCarryTheUserAndStatus() throws Exception {
        RtmsMessage.VideoSubscriptionResponse r = (RtmsMessage.VideoSubscriptionResponse) parser.parse(
                "{\"msg_type\":29,\"user_id\":16778240,\"subscribe\":true,\"status_code\":4,\"reason\":\"too many\",\"timestamp\":9}");
        assertThat(r.userId()).isEqualTo("16778240");
        assertThat(r.subscribe()).isTrue();
        assertThat(r.statusCode()).isEqualTo(4);
        assertThat(r.reason()).isEqualTo("too many");
    }

    @Test
    void malformedFramesAreRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse("{not json")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> parser.parse("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"msg_type\":\"14\"}")).hasMessageContaining("msg_type");
        assertThatThrownBy(() -> parser.parse("{\"msg_type\":14}")).hasMessageContaining("content");
        assertThatThrownBy(() -> parser.parse("{\"msg_type\":14,\"content\":{\"data\":\"***\"}}")).hasMessageContaining("base64");
        assertThatThrownBy(() -> parser.parse("{\"msg_type\":17,\"content\":{\"data\":5}}")).hasMessageContaining("text");
        assertThatThrownBy(() -> parser.parse("{\"msg_type\":6}")).hasMessageContaining("event");
    }

    /**
     * Data messages given as bytes take a streaming fast path; given as a String they take the
     * general (tree) path. Both must agree on every message, odd shapes and errors included.
     */
    @Test
    void theBytesFastPathAndTheGeneralPathAgree() throws Exception {
        String pcm = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, -1, -128, 7});
        String[] messages = {
                "{\"msg_type\":14,\"content\":{\"user_id\":0,\"user_name\":\"\",\"data\":\"" + pcm + "\",\"timestamp\":1738392033000}}",
                "{\"msg_type\":14,\"content\":{\"user_id\":16778240,\"user_name\":\"Ann\",\"data\":\"" + pcm + "\",\"timestamp\":1}}",
                // field order, unknown fields, nested unknowns, values of other types
                "{\"content\":{\"data\":\"" + pcm + "\",\"timestamp\":5},\"msg_type\":14}",
                "{\"x\":[1,{\"y\":2}],\"msg_type\":14,\"rtms_stream_id\":\"s\",\"content\":{\"z\":{\"a\":[1]},\"user_id\":\"u\","
                        + "\"data\":\"" + pcm + "\",\"timestamp\":7,\"extra\":null}}",
                "{\"msg_type\":14,\"content\":{\"user_id\":{\"nested\":1},\"user_name\":null,\"data\":\"" + pcm + "\"}}",
                "{\"msg_type\":14,\"content\":{\"user_id\":true,\"data\":\"" + pcm + "\",\"timestamp\":\"12\"}}",
                "{\"msg_type\":14,\"content\":{\"user_id\":1.5,\"data\":\"" + pcm + "\",\"timestamp\":12.7}}",
                "{\"msg_type\":14,\"msg_type\":17,\"content\":{\"data\":\"text\"}}",
                "{\"msg_type\":14,\"content\":{\"channel_id\":\"ch-1\",\"data\":\"AAA=\",\"timestamp\":5}}",
                // base64: missing padding, a data: URL, empty, not base64
                "{\"msg_type\":14,\"content\":{\"data\":\"AQID\"}}",
                "{\"msg_type\":14,\"content\":{\"data\":\"AQI\"}}",
                "{\"msg_type\":16,\"content\":{\"user_id\":1,\"data\":\"data:image/jpeg;base64,/9j/\",\"timestamp\":1}}",
                "{\"msg_type\":15,\"content\":{\"data\":\"\"}}",
                "{\"msg_type\":14,\"content\":{\"data\":\"***\"}}",
                "{\"msg_type\":14,\"content\":{\"data\":\"A\"}}",
                "{\"msg_type\":14,\"content\":{\"data\":null}}",
                "{\"msg_type\":14,\"content\":{\"timestamp\":3}}",
                "{\"msg_type\":14,\"content\":[1]}",
                "{\"msg_type\":14}",
                // transcript and chat
                "{\"msg_type\":17,\"content\":{\"user_id\":7,\"user_name\":\"Bo\",\"data\":\"Hello, \\\"world\\\" \\u00e9\",\"timestamp\":100,"
                        + "\"start_time\":90,\"end_time\":100,\"language\":9,\"attribute\":\"x\"}}",
                "{\"msg_type\":17,\"content\":{\"data\":\"hi\",\"language\":null}}",
                "{\"msg_type\":17,\"content\":{\"data\":\"hi\",\"language\":\"9\"}}",
                "{\"msg_type\":17,\"content\":{\"data\":5}}",
                "{\"msg_type\":18,\"content\":{\"user_id\":1,\"data\":\"hi all\",\"timestamp\":1}}",
                "{\"msg_type\":18,\"content\":{\"user_id\":1,\"data\":{\"message_id\":\"m1\",\"operation_type\":1},\"timestamp\":1}}",
                // not data messages at all
                "{\"msg_type\":12,\"timestamp\":1738392033699}",
                "{\"msg_type\":\"14\",\"content\":{\"data\":\"AQID\"}}",
                "{\"msg_type\":4294967310,\"content\":{\"data\":\"AQID\"}}",
                "[14]",
                "{\"msg_type\":14,\"content\":{\"data\":\"AQID\"}",
                "",
        };
        for (String json : messages) {
            Object general = outcome(() -> parser.parse(json));
            Object fast = outcome(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(fast).as(json).isEqualTo(general);
        }
        MediaData m = (MediaData) parser.parse(messages[0].getBytes(StandardCharsets.UTF_8));
        assertThat(m.data()).containsExactly(1, 2, 3, 4, -1, -128, 7);
        // a message in the middle of a larger array
        byte[] framed = ("xx" + messages[1] + "yy").getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> parser.parse(framed, 2, framed.length - 4))).isEqualTo(outcome(() -> parser.parse(messages[1])));
    }

    private interface Parse {
        RtmsMessage run() throws MalformedMessageException;
    }

    /** A comparable view of a parse: the message's fields (byte arrays as lists), or the error. */
    private static Object outcome(Parse parse) {
        try {
            RtmsMessage m = parse.run();
            if (m instanceof MediaData d) {
                return Arrays.asList(d.kind(), d.userId(), d.userName(), d.channelId(), d.timestamp(),
                        d.data() == null ? null : Arrays.toString(d.data()), d.text(), d.startTime(), d.endTime(),
                        d.language(), d.attribute());
            }
            return m.getClass().getSimpleName() + ":" + m.msgType();
        } catch (MalformedMessageException e) {
            return "error:" + e.getMessage().replaceAll("at \\[Source.*", "");
        }
    }
}
