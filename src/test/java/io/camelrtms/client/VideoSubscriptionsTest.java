package io.camelrtms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.RtmsMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RtmsMessage.EventUpdate event(int type, String json) throws Exception {
        JsonNode e = JSON.readTree(json);
        return new RtmsMessage.EventUpdate(type, null, 0, e);
    }

    private static RtmsMessage.EventUpdate participants(int type, String... ids) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String id : ids) {
            list.append(list.isEmpty() ? "" : ",").append("{\"user_id\":").append(id).append(",\"user_name\":\"user ").append(id).append("\"}");
        }
        return event(type, "{\"participants\":[" + list + "]}");
    }

    private static VideoSubscriptions.Request sub(String id) {
        return new VideoSubscriptions.Request(id, true);
    }

    private static VideoSubscriptions.Request unsub(String id) {
        return new VideoSubscriptions.Request(id, false);
    }

    @Test
    void firstSubscribesTheFirstCamerasUpToTheLimitAndMovesOnWhenOneLeaves() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("first"), 4);
        assertThat(v.onEvent(participants(EventType.PARTICIPANT_VIDEO_ON, "1", "2", "3", "4", "5"))).isTrue();
        assertThat(v.reconcile()).containsExactly(sub("1"), sub("2"), sub("3"), sub("4"));
        assertThat(v.reconcile()).as("nothing new to send").isEmpty();
        v.onEvent(participants(EventType.PARTICIPANT_LEAVE, "2"));
        assertThat(v.reconcile()).containsExactly(unsub("2"), sub("5"));
    }

    @Test
    void aRefusedSubscriptionIsRetriedOnlyOnceTheParticipantsChange() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("first:3"), 4);
        v.onEvent(participants(EventType.PARTICIPANT_VIDEO_ON, "1", "2", "3"));
        v.reconcile();
        v.onAnswer(new RtmsMessage.VideoSubscriptionResponse("3", true, 4, "too many", null));
        assertThat(v.wanted()).containsExactly("1", "2");
        assertThat(v.reconcile()).isEmpty();
        v.onEvent(participants(EventType.PARTICIPANT_VIDEO_OFF, "1"));
        assertThat(v.reconcile()).containsExactly(unsub("1"), sub("3"));
    }

    @Test
    void participantsAreChosenByIdOrByNameAndOlderEventsWithoutAListAreRead() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("2, user 4"), 4);
        v.onEvent(participants(EventType.PARTICIPANT_VIDEO_ON, "1", "2", "3"));
        v.onEvent(event(EventType.PARTICIPANT_VIDEO_ON, "{\"user_id\":4,\"user_name\":\"USER 4\"}"));
        assertThat(v.reconcile()).containsExactly(sub("2"), sub("4"));
    }

    @Test
    void activeSpeakerFollowsTheSpeaker() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("activeSpeaker"), 4);
        assertThat(v.onEvent(event(EventType.ACTIVE_SPEAKER_CHANGE, "{\"user_id\":7,\"user_name\":\"A\"}"))).isTrue();
        assertThat(v.reconcile()).containsExactly(sub("7"));
        v.onEvent(event(EventType.ACTIVE_SPEAKER_CHANGE, "{\"user_id\":8,\"user_name\":\"B\"}"));
        assertThat(v.reconcile()).containsExactly(unsub("7"), sub("8"));
    }

    @Test
    void theRoutesChoicesComeFirstAndRenewedConnectionsAskAgain() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("first"), 2);
        v.onEvent(participants(EventType.PARTICIPANT_VIDEO_ON, "1", "2"));
        v.reconcile();
        v.pin("9");
        v.drop("1");
        assertThat(v.reconcile()).containsExactly(unsub("1"), sub("9"));
        v.connectionsRenewed();
        assertThat(v.reconcile()).containsExactly(sub("9"), sub("2"));
    }

    @Test
    void eventsWithOnlyACodeChangeNothing() throws Exception {
        VideoSubscriptions v = new VideoSubscriptions(VideoSelection.parse("first"), 4);
        assertThat(v.onEvent(new RtmsMessage.EventUpdate(-1, "x.y", 0, JSON.readTree("{\"user_id\":1}")))).isFalse();
        assertThat(v.reconcile()).isEmpty();
    }

    @Test
    void theOptionIsReadOrRefusedClearly() {
        assertThat(VideoSelection.parse(null)).isEqualTo(VideoSelection.NONE);
        assertThat(VideoSelection.parse("none")).isEqualTo(VideoSelection.NONE);
        assertThat(VideoSelection.parse("first:2").first()).isEqualTo(2);
        assertThat(VideoSelection.parse("a, b ,,c").participants()).isEqualTo(List.of("a", "b", "c"));
        assertThatThrownBy(() -> VideoSelection.parse("first:x")).hasMessageContaining("first:N");
    }
}
