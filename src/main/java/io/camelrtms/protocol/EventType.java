package io.camelrtms.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code event_type} values of EVENT_UPDATE (msg 6). The numbers are product-scoped: 8 to 14 mean
 * different things in Contact Center than in meetings (docs/protocol.md#events), so names are looked up per product.
 * Sources: 1–9 and the Contact Center numbering are on Zoom's reference pages (data types, Contact
 * Center event reference) and in its SDK header; 10–14 (chat groups) are named by the June 2026
 * changelog, their numbers come from Zoom's sample library only. Since November 2026 events may
 * carry a global {@code event_code} instead ({@link RtmsMessage.EventUpdate}); its table was not
 * published, so codes are passed on unnamed.
 */
public final class EventType {

    public static final int FIRST_PACKET_TIMESTAMP = 1;
    public static final int ACTIVE_SPEAKER_CHANGE = 2;
    public static final int PARTICIPANT_JOIN = 3;
    public static final int PARTICIPANT_LEAVE = 4;
    public static final int SHARING_START = 5;
    public static final int SHARING_STOP = 6;
    public static final int MEDIA_CONNECTION_INTERRUPTED = 7;
    public static final int PARTICIPANT_VIDEO_ON = 8;
    public static final int PARTICIPANT_VIDEO_OFF = 9;

    private static final String[] MEETING_NAMES = {
        "UNDEFINED", "FIRST_PACKET_TIMESTAMP", "ACTIVE_SPEAKER_CHANGE", "PARTICIPANT_JOIN",
        "PARTICIPANT_LEAVE", "SHARING_START", "SHARING_STOP", "MEDIA_CONNECTION_INTERRUPTED",
        "PARTICIPANT_VIDEO_ON", "PARTICIPANT_VIDEO_OFF", "CHAT_GROUP_CREATE", "CHAT_GROUP_DELETE",
        "CHAT_GROUP_MEMBERS_ADD", "CHAT_GROUP_MEMBERS_DELETE", "CHAT_GROUP_MEMBER_STATUS_UPDATE"
    };

    private static final String[] CONTACT_CENTER_NAMES = {
        "UNDEFINED", "FIRST_PACKET_TIMESTAMP", "ACTIVE_SPEAKER_CHANGE", "PARTICIPANT_JOIN",
        "PARTICIPANT_LEAVE", "SHARING_START", "SHARING_STOP", "MEDIA_CONNECTION_INTERRUPTED",
        "CONSUMER_ANSWERED", "CONSUMER_END", "USER_ANSWERED", "USER_END", "USER_HOLD", "USER_UNHOLD",
        "MONITOR_STARTED", "MONITOR_TRANSITIONED", "MONITOR_ENDED", "TAKEOVER_STARTED",
        "TRANSFER_INITIATED", "TRANSFER_CANCELED", "TRANSFER_ACCEPTED", "TRANSFER_COMPLETED",
        "TRANSFER_REJECTED", "TRANSFER_TIMEOUT", "CONFERENCE_CANCELED",
        "CONFERENCE_PARTICIPANT_CANCELED", "CONFERENCE_PARTICIPANT_INVITED",
        "CONFERENCE_PARTICIPANT_REJECTED", "CONFERENCE_PARTICIPANT_TIMEOUT"
    };

    private EventType() {
    }

    /**
     * The event types worth subscribing to by default: participants, speakers, sharing, media
     * interruptions and video on/off for meetings, webinars and sessions; every call event for
     * Contact Center. Chat-group events (10–14) need chat scopes and are left to explicit choice.
     */
    public static List<Integer> defaultSubscriptions(Product product) {
        List<Integer> types = new ArrayList<>();
        if (product == Product.CONTACT_CENTER) {
            types.add(MEDIA_CONNECTION_INTERRUPTED);
            for (int t = 8; t < CONTACT_CENTER_NAMES.length; t++) {
                types.add(t);
            }
        } else {
            for (int t = ACTIVE_SPEAKER_CHANGE; t <= PARTICIPANT_VIDEO_OFF; t++) {
                types.add(t);
            }
        }
        return types;
    }

    /** The name of an event type in a product's numbering, or {@code UNKNOWN_<n>}. */
    public static String name(Product product, int eventType) {
        String[] names = product == Product.CONTACT_CENTER ? CONTACT_CENTER_NAMES : MEETING_NAMES;
        return eventType >= 0 && eventType < names.length ? names[eventType] : "UNKNOWN_" + eventType;
    }

    /** Whether an event type is one this version knows in a product's numbering (0, UNDEFINED, is not). */
    public static boolean isKnown(Product product, int eventType) {
        String[] names = product == Product.CONTACT_CENTER ? CONTACT_CENTER_NAMES : MEETING_NAMES;
        return eventType > 0 && eventType < names.length;
    }

    /** The event type number of a name in a product's numbering, or -1. */
    public static int code(Product product, String name) {
        String[] names = product == Product.CONTACT_CENTER ? CONTACT_CENTER_NAMES : MEETING_NAMES;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
