package io.camelrtms.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.StatusCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The individual videos one stream is subscribed to (msg 28/29), kept in line with the
 * {@link VideoSelection}, the route's own requests and the participants as they come and go. It
 * only decides: {@link #reconcile()} says which requests to send, and the {@link StreamSession}
 * sends them when it can. Used on the session's event loop only.
 *
 * <p>What Zoom documents (reference page "Video single stream" and the November 2026 changelog):
 * individual video needs {@code data_opt} 4 on the video handshake, nothing is sent before a
 * subscription, user ids come from PARTICIPANT_VIDEO_ON events, and a stream may hold up to four
 * concurrent subscriptions by default. From Zoom's samples only: the msg 28/29 field names
 * ({@code user_id}, {@code subscribe}, {@code timestamp}, {@code status_code}, {@code reason}).
 * How a subscription binds to a data connection was not published, so this client keeps one video
 * connection and tells participants apart by the {@code user_id} every video message carries.
 */
final class VideoSubscriptions {

    /** One msg 28 to send. */
    record Request(String userId, boolean subscribe) {
    }

    private final VideoSelection selection;
    private final int limit;
    /** Participants whose camera is on, in the order it came on: user id to user name. */
    private final Map<String, String> videoOn = new LinkedHashMap<>();
    private String activeSpeaker;
    /** Asked for by the route: subscribed whatever the selection says, first. */
    private final Set<String> pinned = new LinkedHashSet<>();
    /** Dropped by the route: never subscribed by the selection. */
    private final Set<String> dropped = new HashSet<>();
    /** Refused by the server; tried again once the participants change. */
    private final Set<String> refused = new HashSet<>();
    /** Subscription requests sent and not refused. */
    private final Set<String> subscribed = new LinkedHashSet<>();

    VideoSubscriptions(VideoSelection selection, int limit) {
        this.selection = selection;
        this.limit = Math.max(1, limit);
    }

    /** Follows participants and speakers; returns whether anything that may change the subscriptions happened. */
    boolean onEvent(RtmsMessage.EventUpdate e) {
        if (!e.hasEventType()) {
            return false; // an event with only a code: Zoom's code table is unknown, so it cannot be read here
        }
        JsonNode ev = e.event();
        switch (e.eventType()) {
            case EventType.PARTICIPANT_VIDEO_ON -> forEachParticipant(ev, videoOn::put);
            case EventType.PARTICIPANT_VIDEO_OFF, EventType.PARTICIPANT_LEAVE -> forEachParticipant(ev, (id, name) -> {
                videoOn.remove(id);
                if (id.equals(activeSpeaker)) {
                    activeSpeaker = null;
                }
            });
            case EventType.PARTICIPANT_JOIN -> {
                // nothing to subscribe yet (no camera known on), but a refused request may fit now
            }
            case EventType.ACTIVE_SPEAKER_CHANGE -> {
                String id = text(ev.get("user_id"));
                if (id == null || id.equals(activeSpeaker)) {
                    return false;
                }
                activeSpeaker = id;
                return selection.mode() == VideoSelection.Mode.ACTIVE_SPEAKER;
            }
            default -> {
                return false;
            }
        }
        refused.clear();
        return true;
    }

    /** A msg 29: a refused subscription is given up until the participants change. */
    void onAnswer(RtmsMessage.VideoSubscriptionResponse r) {
        if (r.userId() != null && r.subscribe() && r.statusCode() != StatusCode.OK) {
            subscribed.remove(r.userId());
            refused.add(r.userId());
        }
    }

    /** The route asks for a participant's video. */
    void pin(String userId) {
        dropped.remove(userId);
        refused.remove(userId);
        pinned.add(userId);
    }

    /** The route drops a participant's video. */
    void drop(String userId) {
        pinned.remove(userId);
        dropped.add(userId);
    }

    /** The server forgot every subscription (new connections): all are requested again by the next {@link #reconcile()}. */
    void connectionsRenewed() {
        subscribed.clear();
    }

    /**
     * The requests that bring the subscriptions to what is wanted now, unsubscriptions first so
     * their slots are free, and never more than the limit at once. Marks them as sent.
     */
    List<Request> reconcile() {
        Set<String> wanted = wanted();
        List<Request> out = new ArrayList<>();
        for (String id : List.copyOf(subscribed)) {
            if (!wanted.contains(id)) {
                subscribed.remove(id);
                out.add(new Request(id, false));
            }
        }
        for (String id : wanted) {
            if (subscribed.add(id)) {
                out.add(new Request(id, true));
            }
        }
        return out;
    }

    /** The participants to be subscribed now, pinned ones first, at most the limit. */
    Set<String> wanted() {
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : pinned) {
            if (wanted.size() < limit && !refused.contains(id)) {
                wanted.add(id);
            }
        }
        List<String> picked = new ArrayList<>();
        switch (selection.mode()) {
            case ACTIVE_SPEAKER -> {
                if (activeSpeaker != null) {
                    picked.add(activeSpeaker);
                }
            }
            case FIRST -> videoOn.keySet().stream().limit(selection.first()).forEach(picked::add);
            case PARTICIPANTS -> videoOn.forEach((id, name) -> {
                if (selection.names(id, name)) {
                    picked.add(id);
                }
            });
            case NONE -> {
            }
        }
        for (String id : picked) {
            if (wanted.size() < limit && !dropped.contains(id) && !refused.contains(id)) {
                wanted.add(id);
            }
        }
        return wanted;
    }

    /** Events name participants in a {@code participants} array or, in older samples, directly: both are read. */
    private static void forEachParticipant(JsonNode event, java.util.function.BiConsumer<String, String> action) {
        JsonNode list = event.get("participants");
        if (list != null && list.isArray()) {
            for (JsonNode p : list) {
                String id = text(p.get("user_id"));
                if (id != null) {
                    action.accept(id, text(p.get("user_name")));
                }
            }
            return;
        }
        String id = text(event.get("user_id"));
        if (id != null) {
            action.accept(id, text(event.get("user_name")));
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() || n.asText().isEmpty() ? null : n.asText();
    }
}
