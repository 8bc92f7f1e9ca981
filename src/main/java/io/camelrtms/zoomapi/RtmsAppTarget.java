package io.camelrtms.zoomapi;

import java.nio.charset.StandardCharsets;

/**
 * The meeting (or webinar) or Video SDK session whose RTMS app status is to change, and the API path
 * that changes it.
 *
 * @param kind what the id names
 * @param id   the meeting id or UUID, or the Video SDK session id, as Zoom gave it
 */
public record RtmsAppTarget(Kind kind, String id) {

    /** Longest id accepted; Zoom's ids and UUIDs are far shorter. */
    public static final int MAX_ID_LENGTH = 200;

    /** What the id names. */
    public enum Kind {
        /** A live meeting or webinar: {@code PATCH /v2/live_meetings/{meetingId}/rtms_app/status}. */
        MEETING,
        /** A Video SDK session: {@code PATCH /v2/videosdk/sessions/{sessionId}/rtms_app/status}. */
        VIDEO_SDK_SESSION
    }

    /**
     * @throws IllegalArgumentException when the id is blank, too long or holds control characters or spaces
     */
    public RtmsAppTarget {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(label(kind) + " is required");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(label(kind) + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(label(kind) + " must not contain spaces or control characters");
        }
    }

    public static RtmsAppTarget meeting(String meetingId) {
        return new RtmsAppTarget(Kind.MEETING, meetingId);
    }

    public static RtmsAppTarget videoSdkSession(String sessionId) {
        return new RtmsAppTarget(Kind.VIDEO_SDK_SESSION, sessionId);
    }

    /** The path of the status endpoint below the API base URL, the id percent-encoded. */
    public String statusPath() {
        String prefix = kind == Kind.MEETING ? "/v2/live_meetings/" : "/v2/videosdk/sessions/";
        return prefix + pathSegment(id) + "/rtms_app/status";
    }

    /**
     * Percent-encodes an id for a path segment. Zoom asks for UUIDs that begin with {@code /} or
     * contain {@code //} to be encoded twice, since its gateway decodes the path once before routing.
     */
    static String pathSegment(String id) {
        String once = percentEncode(id);
        return id.startsWith("/") || id.contains("//") ? percentEncode(once) : once;
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder(s.length() * 3);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The JSON field name callers use for this kind of id. */
    public static String label(Kind kind) {
        return kind == Kind.MEETING ? "meetingId" : "sessionId";
    }
}
