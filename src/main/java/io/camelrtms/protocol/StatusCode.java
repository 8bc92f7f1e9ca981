package io.camelrtms.protocol;

import java.util.Locale;

/**
 * Handshake {@code status_code} values (docs/protocol.md#status-codes). Zoom publishes two conflicting tables and which one
 * the live servers use is unconfirmed, so a code is described in both and retry decisions are taken
 * from the {@code reason} text first.
 */
public final class StatusCode {

    public static final int OK = 0;

    /** What a failed handshake means for a client deciding whether to try again. */
    public enum Category {
        /** Another signaling connection for the stream is alive or not yet released: retry later. */
        DUPLICATE,
        /** Signature or credentials refused: retrying with the same credentials will not help. */
        AUTHENTICATION,
        /** The request itself was refused (media params, media type): a configuration error. */
        INVALID_REQUEST,
        /** Anything else: retried a bounded number of times. */
        OTHER
    }

    private static final String[] TABLE_A = {
        "OK", "CONNECTION_TIMEOUT", "INVALID_JSON_MSG_SIZE", "INVALID_JSON_MSG", "INVALID_MESSAGE_TYPE",
        "MSG_TYPE_NOT_EXIST", "MSG_TYPE_NOT_UINT", "MEETING_UUID_NOT_EXIST", "MEETING_UUID_NOT_STRING",
        "MEETING_UUID_IS_EMPTY", "RTMS_STREAM_ID_NOT_EXIST", "RTMS_STREAM_ID_NOT_STRING",
        "RTMS_STREAM_ID_IS_EMPTY", "SESSION_NOT_FOUND", "SIGNATURE_NOT_EXIST", "INVALID_SIGNATURE",
        "INVALID_MEETING_OR_STREAM_ID", "DUPLICATE_SIGNAL_REQUEST", "EVENTS_NOT_EXIST",
        "EVENTS_VALUE_NOT_ARRAY", "EVENT_TYPE_NOT_EXIST", "EVENT_TYPE_VALUE_NOT_UINT",
        "MEDIA_TYPE_NOT_EXIST", "MEDIA_TYPE_NOT_UINT", "MEDIA_TYPE_AUDIO_NOT_SUPPORT",
        "MEDIA_TYPE_VIDEO_NOT_SUPPORT", "MEDIA_TYPE_DESKSHARE_NOT_SUPPORT",
        "MEDIA_TYPE_TRANSCRIPT_NOT_SUPPORT", "MEDIA_TYPE_CHAT_NOT_SUPPORT", "MEDIA_TYPE_INVALID_VALUE",
        "MEDIA_DATA_ALL_CONNECTION_EXIST", "DUPLICATE_MEDIA_DATA_CONNECTION", "MEDIA_PARAMS_NOT_EXIST",
        "INVALID_MEDIA_PARAMS", "NO_MEDIA_TYPE_SPECIFIED", "INVALID_MEDIA_AUDIO_PARAMS",
        "MEDIA_AUDIO_CONTENT_TYPE_NOT_UINT", "INVALID_MEDIA_AUDIO_CONTENT_TYPE",
        "MEDIA_AUDIO_SAMPLE_RATE_NOT_UINT", "INVALID_MEDIA_AUDIO_SAMPLE_RATE",
        "MEDIA_AUDIO_CHANNEL_NOT_UINT", "INVALID_MEDIA_AUDIO_CHANNEL", "MEDIA_AUDIO_CODEC_NOT_UINT",
        "INVALID_MEDIA_AUDIO_CODEC", "MEDIA_AUDIO_DATA_OPT_NOT_UINT", "INVALID_MEDIA_AUDIO_DATA_OPT",
        "MEDIA_AUDIO_SEND_RATE_NOT_UINT", "MEDIA_AUDIO_FRAME_SIZE_NOT_UINT", "INVALID_MEDIA_VIDEO_PARAMS",
        "INVALID_MEDIA_VIDEO_CONTENT_TYPE", "MEDIA_VIDEO_CONTENT_TYPE_NOT_UINT", "INVALID_MEDIA_VIDEO_CODEC",
        "MEDIA_VIDEO_CODEC_NOT_UINT", "INVALID_MEDIA_VIDEO_RESOLUTION", "MEDIA_VIDEO_RESOLUTION_NOT_UINT",
        "INVALID_MEDIA_VIDEO_DATA_OPT", "MEDIA_VIDEO_DATA_OPT_NOT_UINT", "MEDIA_VIDEO_FPS_NOT_UINT",
        "INVALID_MEDIA_SHARE_PARAMS", "INVALID_MEDIA_DESKSHARE_CONTENT_TYPE",
        "MEDIA_DESKSHARE_CONTENT_TYPE_NOT_UINT", "INVALID_MEDIA_DESKSHARE_CODEC",
        "MEDIA_DESKSHARE_CODEC_NOT_UINT", "INVALID_MEDIA_DESKSHARE_RESOLUTION",
        "MEDIA_DESKSHARE_RESOLUTION_NOT_UINT", "MEDIA_DESKSHARE_FPS_NOT_UINT",
        "INVALID_MEDIA_TRANSCRIPT_PARAMS", "INVALID_MEDIA_TRANSCRIPT_CONTENT_TYPE",
        "MEDIA_TRANSCRIPT_CONTENT_TYPE_NOT_UINT", "INVALID_MEDIA_CHAT_PARAMS",
        "INVALID_MEDIA_CHAT_CONTENT_TYPE", "MEDIA_CHAT_CONTENT_TYPE_NOT_UINT", "INVALID_AUDIO_DATA_BUFFER",
        "INVALID_VIDEO_DATA_BUFFER", "POST_FIRST_PACKET_FAILURE", "RTMS_SESSION_NOT_FOUND"
    };

    private static final String[] TABLE_B = {
        "OK", "INVALID_MESSAGE_TYPE", "INVALID_RTMS_STREAM_ID", "INVALID_SIGNATURE", "INVALID_PAYLOAD",
        "INVALID_EVENTS", "INVALID_EVENT_TYPE", "INVALID_MEDIA_TYPE", "DUPLICATE_SIGNAL_REQUEST",
        "MEDIA_TYPE_AUDIO_NOT_SUPPORT", "MEDIA_TYPE_VIDEO_NOT_SUPPORT", "MEDIA_TYPE_DESKSHARE_NOT_SUPPORT",
        "MEDIA_TYPE_TRANSCRIPT_NOT_SUPPORT", "MEDIA_TYPE_CHAT_NOT_SUPPORT", "MEDIA_TYPE_INVALID_VALUE",
        "MEDIA_DATA_ALL_CONNECTION_EXIST", "DUPLICATE_MEDIA_DATA_CONNECTION", "INVALID_MEDIA_PARAMS",
        "INVALID_MEDIA_AUDIO_PARAMS", "INVALID_MEDIA_AUDIO_CONTENT_TYPE", "INVALID_MEDIA_AUDIO_SAMPLE_RATE",
        "INVALID_MEDIA_AUDIO_CHANNEL", "INVALID_MEDIA_AUDIO_CODEC", "INVALID_MEDIA_AUDIO_DATA_OPT",
        "INVALID_MEDIA_AUDIO_SEND_RATE", "INVALID_MEDIA_VIDEO_PARAMS", "INVALID_MEDIA_VIDEO_CONTENT_TYPE",
        "INVALID_MEDIA_VIDEO_CODEC", "INVALID_MEDIA_VIDEO_RESOLUTION", "INVALID_MEDIA_VIDEO_DATA_OPT",
        "INVALID_MEDIA_VIDEO_FPS", "INVALID_MEDIA_DESKSHARE_PARAMS", "INVALID_MEDIA_DESKSHARE_CONTENT_TYPE",
        "INVALID_MEDIA_DESKSHARE_CODEC", "INVALID_MEDIA_DESKSHARE_RESOLUTION", "INVALID_MEDIA_DESKSHARE_FPS",
        "INVALID_MEDIA_TRANSCRIPT_PARAMS", "INVALID_MEDIA_TRANSCRIPT_CONTENT_TYPE", "INVALID_MEDIA_CHAT_PARAMS",
        "INVALID_MEDIA_CHAT_CONTENT_TYPE", "INVALID_RTMS_SESSION_ID", "INVALID_CLIENT_READY_ACK",
        "INVALID_EVENT_SUBSCRIBE", "INVALID_MEDIA_TRANSCRIPT_SOURCE_LANGUAGE", "UNKNOWN_44", "UNKNOWN_45",
        "INVALID_MEDIA_TRANSCRIPT_TARGET_LANGUAGE", "CHAT_SESSION_KEY_NOT_AVAILABLE"
    };

    private StatusCode() {
    }

    /** A log-friendly description naming the code in both published tables. */
    public static String describe(int code) {
        if (code == OK) {
            return "0 (OK)";
        }
        return code + " (" + name(TABLE_A, code) + " in the older table, " + name(TABLE_B, code) + " in the 2026 table)";
    }

    /**
     * Classifies a refusal by its reason text, because the two code tables disagree on what a
     * number means.
     */
    public static Category classify(int code, String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("duplicate signal") || r.contains("duplicate_signal")) {
            return Category.DUPLICATE;
        }
        if (r.contains("signature") || r.contains("auth") || r.contains("credential")) {
            return Category.AUTHENTICATION;
        }
        if (r.contains("media") || r.contains("param")) {
            return Category.INVALID_REQUEST;
        }
        // Without a telling reason the code alone is ambiguous between the tables: retry, bounded.
        return Category.OTHER;
    }

    private static String name(String[] table, int code) {
        return code >= 0 && code < table.length ? table[code] : "UNKNOWN";
    }
}
