package io.camelrtms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.ControlMessage.Kind;
import io.camelrtms.protocol.WebhookEvents.InvalidEventException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ControlMessage parse(String text) {
        return WebhookEvents.parse(json(text)).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "meeting.rtms_started,                   MEETING,        meeting_uuid,  STARTED",
            "meeting.rtms_stopped,                   MEETING,        meeting_uuid,  STOPPED",
            "meeting.rtms_interrupted,               MEETING,        meeting_uuid,  INTERRUPTED",
            "webinar.rtms_started,                   WEBINAR,        webinar_uuid,  STARTED",
            "webinar.rtms_stopped,                   WEBINAR,        webinar_uuid,  STOPPED",
            "webinar.rtms_interrupted,               WEBINAR,        webinar_uuid,  INTERRUPTED",
            "session.rtms_started,                   SESSION,        session_id,    STARTED",
            "session.rtms_stopped,                   SESSION,        session_id,    STOPPED",
            "session.rtms_interrupted,               SESSION,        session_id,    INTERRUPTED",
            "contact_center.voice_rtms_started,      CONTACT_CENTER, engagement_id, STARTED",
            "contact_center.voice_rtms_stopped,      CONTACT_CENTER, engagement_id, STOPPED",
            "contact_center.voice_rtms_interrupted,  CONTACT_CENTER, engagement_id, INTERRUPTED",
    })
    void everyProductsStreamEventsAreNormalised(String event, Product product, String entityKey, Kind kind) {
        String body = "{'event':'" + event + "','event_ts':1700000000123,'payload':{"
                + "'" + entityKey + "':'id+/=" + product.id() + "','rtms_stream_id':'stream-" + event + "',"
                + "'server_urls':'wss://rtms.example.test/sig','stop_reason':6,'account_id':'acc-1'}}";

        ControlMessage m = parse(body);

        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.event()).isEqualTo(event);
        assertThat(m.product()).isEqualTo(product);
        assertThat(m.entityKey()).isEqualTo(entityKey);
        assertThat(m.entityId()).isEqualTo("id+/=" + product.id());
        assertThat(m.streamId()).isEqualTo("stream-" + event);
        assertThat(m.eventTs()).isEqualTo(1700000000123L);
        assertThat(m.attributes()).containsEntry("account_id", "acc-1");
        // server URLs belong to started events, stop reasons to stopped events
        assertThat(m.serverUrls()).isEqualTo(kind == Kind.STARTED ? List.of("wss://rtms.example.test/sig") : List.of());
        assertThat(m.stopReason()).isEqualTo(kind == Kind.STOPPED ? 6 : null);
        assertThat(m.stopReasonName()).isEqualTo(kind == Kind.STOPPED ? "MEETING_ENDED" : null);
    }

    @Test
    void fieldsUnderPayloadObjectAreReadWhenAbsentFromPayload() {
        ControlMessage m = parse("{'event':'meeting.rtms_started','event_ts':5,'payload':{'object':{"
                + "'meeting_uuid':'u1','rtms_stream_id':'s1','server_urls':'wss://a.test/x','operator_id':'op'}}}");

        assertThat(m.entityId()).isEqualTo("u1");
        assertThat(m.streamId()).isEqualTo("s1");
        assertThat(m.serverUrls()).containsExactly("wss://a.test/x");
        assertThat(m.attributes()).containsEntry("operator_id", "op");
    }

    @Test
    void fieldsDirectlyUnderPayloadWinOverPayloadObject() {
        ControlMessage m = parse("{'event':'meeting.rtms_interrupted','payload':{'meeting_uuid':'direct',"
                + "'rtms_stream_id':'s1','object':{'meeting_uuid':'nested'}}}");

        assertThat(m.entityId()).isEqualTo("direct");
    }

    @Test
    void commaSeparatedAndArrayServerUrlsAreSplitAndTheFirstWebSocketUrlIsTheSignalingUrl() {
        ControlMessage csv = parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','rtms_stream_id':'s',"
                + "'server_urls':'https://h.test/x, wss://h.test/sig ,wss://h.test/other'}}");
        ControlMessage array = parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','rtms_stream_id':'s',"
                + "'server_urls':['wss://h.test/sig','wss://h.test/other']}}");

        assertThat(csv.serverUrls()).containsExactly("https://h.test/x", "wss://h.test/sig", "wss://h.test/other");
        assertThat(csv.signalingUrl()).isEqualTo("wss://h.test/sig");
        assertThat(array.serverUrls()).containsExactly("wss://h.test/sig", "wss://h.test/other");
    }

    @Test
    void stopReasonIsReadFromNumbersAndNumericTextAndUnknownCodesKeepTheirNumber() {
        ControlMessage text = parse("{'event':'webinar.rtms_stopped','payload':{'webinar_uuid':'w','rtms_stream_id':'s',"
                + "'stop_reason':'18'}}");
        ControlMessage unknown = parse("{'event':'webinar.rtms_stopped','payload':{'webinar_uuid':'w','rtms_stream_id':'s',"
                + "'stop_reason':999}}");
        ControlMessage missing = parse("{'event':'webinar.rtms_stopped','payload':{'webinar_uuid':'w','rtms_stream_id':'s'}}");

        assertThat(text.stopReason()).isEqualTo(18);
        assertThat(text.stopReasonName()).isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(unknown.stopReasonName()).isEqualTo("UNKNOWN_999");
        assertThat(missing.stopReason()).isNull();
    }

    @Test
    void aWebinarSentUnderMeetingUuidIsAccepted() {
        ControlMessage m = parse("{'event':'webinar.rtms_interrupted','payload':{'meeting_uuid':'m','rtms_stream_id':'s'}}");

        assertThat(m.product()).isEqualTo(Product.WEBINAR);
        assertThat(m.entityKey()).isEqualTo("meeting_uuid");
        assertThat(m.entityId()).isEqualTo("m");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ws://[::1|a server_urls entry that is not a URL with a host",
            "wss://|a server_urls entry that is not a URL with a host",
            "wss:///path-only|a server_urls entry that is not a URL with a host",
            "/relative/sig|a server_urls entry that is not a URL with a host",
            "wss://bad host/sig|a server_urls entry that is not a URL with a host",
            "https://rtms.example.test/sig|no ws:// or wss:// server_urls",
            "file:///etc/passwd|a server_urls entry that is not a URL with a host",
    })
    void aStartWhoseServerUrlsTheClientCouldNotUseIsRefused(String url, String message) {
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u',"
                + "'rtms_stream_id':'s','server_urls':'" + url + "'}}"))
                .isInstanceOf(InvalidEventException.class).hasMessage("meeting.rtms_started has " + message);
    }

    @Test
    void aStartNeedsOneWebSocketUrlAndEveryEntryMustParse() {
        ControlMessage m = parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','rtms_stream_id':'s',"
                + "'server_urls':'https://rtms.example.test/x, wss://rtms.example.test:443/sig,WS://[::1]:9/y'}}");

        assertThat(m.signalingUrl()).isEqualTo("wss://rtms.example.test:443/sig");
        assertThat(m.serverUrls()).hasSize(3);
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','rtms_stream_id':'s',"
                + "'server_urls':'wss://" + "a".repeat(WebhookEvents.MAX_URL_LENGTH) + "'}}"))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void numericIdsAreKeptAsTheirText() {
        ControlMessage m = parse("{'event':'contact_center.voice_rtms_interrupted','event_ts':'42',"
                + "'payload':{'engagement_id':12345,'rtms_stream_id':'s'}}");

        assertThat(m.entityId()).isEqualTo("12345");
        assertThat(m.eventTs()).isEqualTo(42L);
    }

    @Test
    void streamEventsWithoutTheirEssentialFieldsAreRejected() {
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','server_urls':'wss://a'}}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("rtms_stream_id");
        assertThatThrownBy(() -> parse("{'event':'session.rtms_stopped','payload':{'rtms_stream_id':'s'}}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("session_id");
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'u','rtms_stream_id':'s'}}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("server_urls");
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':'',"
                + "'rtms_stream_id':'s','server_urls':'wss://a'}}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("meeting_uuid");
        assertThatThrownBy(() -> parse("{'event':'meeting.rtms_started','payload':{'meeting_uuid':{'x':1},"
                + "'rtms_stream_id':'s','server_urls':'wss://a'}}"))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void accountLevelEventsNeedNoStream() {
        ControlMessage near = parse("{'event':'rtms.concurrency_near_limit','event_ts':7,'payload':{"
                + "'concurrency_limit':2000,'concurrency_number':1700,'percentage':85}}");
        ControlMessage limited = parse("{'event':'rtms.concurrency_limited','payload':{'operator_id':'op',"
                + "'concurrency_number':2000,'id_field':'{meeting_uuid}','meeting_uuid':'u'}}");
        ControlMessage failed = parse("{'event':'rtms.start_failed','payload':{}}");

        assertThat(near.kind()).isEqualTo(Kind.CONCURRENCY_NEAR_LIMIT);
        assertThat(near.product()).isNull();
        assertThat(near.streamId()).isNull();
        assertThat(near.attributes()).containsEntry("concurrency_limit", "2000").containsEntry("percentage", "85");
        assertThat(limited.kind()).isEqualTo(Kind.CONCURRENCY_LIMITED);
        assertThat(limited.product()).isEqualTo(Product.MEETING);
        assertThat(limited.entityId()).isEqualTo("u");
        assertThat(failed.kind()).isEqualTo(Kind.START_FAILED);
        assertThat(Kind.CONCURRENCY_LIMITED.isStreamEvent()).isFalse();
    }

    @Test
    void eventsTheBundleDoesNotActOnGiveNothing() {
        assertThat(WebhookEvents.parse(json("{'event':'endpoint.url_validation','payload':{'plainToken':'t'}}"))).isEmpty();
        assertThat(WebhookEvents.parse(json("{'event':'meeting.started','payload':{}}"))).isEmpty();
        assertThat(WebhookEvents.parse(json("{'event':'meeting.rtms_paused','payload':{}}"))).isEmpty();
        assertThat(WebhookEvents.parse(json("{'payload':{}}"))).isEmpty();
        assertThat(WebhookEvents.parse(json("[1,2]"))).isEmpty();
    }

    @Test
    void toStringNamesTheStreamAndNothingElse() {
        ControlMessage m = parse("{'event':'meeting.rtms_stopped','event_ts':9,'payload':{'meeting_uuid':'u',"
                + "'rtms_stream_id':'s','stop_reason':6,'operator_id':'op'}}");

        assertThat(m.toString())
                .isEqualTo("ControlMessage[STOPPED meeting.rtms_stopped stream=s meeting_uuid=u stopReason=6(MEETING_ENDED) eventTs=9]");
        Optional<ControlMessage> none = WebhookEvents.parse(json("{}"));
        assertThat(none).isEmpty();
    }
}
