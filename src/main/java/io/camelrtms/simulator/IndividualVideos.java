package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.camelrtms.protocol.DataOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Individual participant video (video data_opt 4) on the server side: which users' videos a client
 * has subscribed to with msg 28, within Zoom's limit, and which video messages that lets through.
 * Confined to the stream's context.
 */
final class IndividualVideos {

    private final MeetingScript script;
    private final int limit;
    private final Violations violations;
    /** Timeline time for answers. */
    private final LongSupplier timeline;
    /** Users whose individual video is subscribed, in the order of subscription. */
    private final Set<Integer> subscribed = new LinkedHashSet<>();

    IndividualVideos(MeetingScript script, int limit, Violations violations, LongSupplier timeline) {
        this.script = script;
        this.limit = limit;
        this.violations = violations;
        this.timeline = timeline;
    }

    static boolean isIndividual(Connection c) {
        return c != null && c.params != null && c.params.video() != null
                && c.params.video().dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM;
    }

    /** Individual video carries only the subscribed users, and nothing before msg 28. */
    boolean wanted(Track.Message m, Connection videoConnection) {
        return !isIndividual(videoConnection) || subscribed.contains(m.userId);
    }

    /** A participant who left has no video to subscribe to: the slot is free again. */
    void left(Collection<Integer> userIds) {
        userIds.forEach(subscribed::remove);
    }

    /**
     * Answers a msg 28 received on {@code c}.
     *
     * @param connected whether a video connection negotiated with data_opt 4 is up
     */
    void onRequest(Connection c, JsonNode msg, boolean connected) {
        JsonNode user = msg.get("user_id");
        JsonNode on = msg.get("subscribe");
        boolean subscribe = on == null || on.asBoolean(true);
        if (user == null || !user.canConvertToInt()) {
            violations.record(Violation.Kind.MALFORMED_MESSAGE, c, "msg 28 without an integer user_id");
            c.send(ServerMessages.videoSubscriptionResponse(user == null ? NullNode.getInstance() : user, subscribe,
                    ServerStatus.INVALID_PAYLOAD, "user_id is missing or not an integer", timeline.getAsLong()), true);
            return;
        }
        if (!connected) {
            violations.record(Violation.Kind.UNEXPECTED_MESSAGE, c, "msg 28 without a video connection negotiated with data_opt 4");
            c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.INVALID_PAYLOAD,
                    "no individual video connection (video data_opt 4) for this stream", timeline.getAsLong()), true);
            return;
        }
        int id = user.asInt();
        boolean known = script.speakers().stream().anyMatch(s -> s.userId() == id);
        if (!known) {
            c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.INVALID_PAYLOAD,
                    "unknown user_id " + id, timeline.getAsLong()), true);
            return;
        }
        // Zoom's November 2026 release: several individual videos per stream, up to a limit (4 by
        // default). What a request over the limit is answered with was not published: the simulator
        // refuses it with INVALID_PAYLOAD and a reason naming the limit.
        if (subscribe && !subscribed.contains(id) && subscribed.size() >= limit) {
            violations.record(Violation.Kind.VIDEO_SUBSCRIPTION_LIMIT, c, "msg 28 for user " + id + " beyond the limit of "
                    + limit + " concurrent individual videos");
            c.send(ServerMessages.videoSubscriptionResponse(user, true, ServerStatus.INVALID_PAYLOAD,
                    "too many video subscriptions: at most " + limit, timeline.getAsLong()), true);
            return;
        }
        if (subscribe) {
            subscribed.add(id);
        } else {
            subscribed.remove(id);
        }
        c.send(ServerMessages.videoSubscriptionResponse(user, subscribe, ServerStatus.OK, "", timeline.getAsLong()), true);
    }
}
