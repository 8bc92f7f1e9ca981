package io.camelrtms.simulator;

/**
 * The {@code status_code} values the simulator answers with. Zoom publishes two conflicting tables
 * (docs/protocol.md#status-codes); the simulator uses the compact 2026 table of Zoom's own library and
 * always puts a telling {@code reason} next to the code, because clients are told to decide by the
 * reason text ("invalid signature", "duplicate signal request", "media params").
 */
final class ServerStatus {

    static final int OK = 0;
    static final int INVALID_MESSAGE_TYPE = 1;
    static final int INVALID_RTMS_STREAM_ID = 2;
    static final int INVALID_SIGNATURE = 3;
    static final int INVALID_PAYLOAD = 4;
    static final int INVALID_MEDIA_TYPE = 7;
    static final int DUPLICATE_SIGNAL_REQUEST = 8;
    /** AUDIO; VIDEO is +1, DESKSHARE +2, TRANSCRIPT +3, CHAT +4. */
    static final int MEDIA_TYPE_AUDIO_NOT_SUPPORT = 9;
    static final int MEDIA_TYPE_INVALID_VALUE = 14;
    static final int MEDIA_DATA_ALL_CONNECTION_EXIST = 15;
    static final int DUPLICATE_MEDIA_DATA_CONNECTION = 16;
    static final int INVALID_MEDIA_PARAMS = 17;
    static final int INVALID_MEDIA_AUDIO_PARAMS = 18;
    static final int INVALID_MEDIA_AUDIO_CONTENT_TYPE = 19;
    static final int INVALID_MEDIA_AUDIO_SAMPLE_RATE = 20;
    static final int INVALID_MEDIA_AUDIO_CHANNEL = 21;
    static final int INVALID_MEDIA_AUDIO_CODEC = 22;
    static final int INVALID_MEDIA_AUDIO_DATA_OPT = 23;
    static final int INVALID_MEDIA_AUDIO_SEND_RATE = 24;
    static final int INVALID_MEDIA_VIDEO_PARAMS = 25;
    static final int INVALID_MEDIA_VIDEO_CONTENT_TYPE = 26;
    static final int INVALID_MEDIA_VIDEO_CODEC = 27;
    static final int INVALID_MEDIA_VIDEO_RESOLUTION = 28;
    static final int INVALID_MEDIA_VIDEO_DATA_OPT = 29;
    static final int INVALID_MEDIA_VIDEO_FPS = 30;
    static final int INVALID_MEDIA_DESKSHARE_PARAMS = 31;
    static final int INVALID_MEDIA_DESKSHARE_CONTENT_TYPE = 32;
    static final int INVALID_MEDIA_DESKSHARE_CODEC = 33;
    static final int INVALID_MEDIA_DESKSHARE_RESOLUTION = 34;
    static final int INVALID_MEDIA_DESKSHARE_FPS = 35;
    static final int INVALID_MEDIA_TRANSCRIPT_PARAMS = 36;
    static final int INVALID_MEDIA_TRANSCRIPT_CONTENT_TYPE = 37;
    static final int INVALID_MEDIA_CHAT_PARAMS = 38;
    static final int INVALID_MEDIA_CHAT_CONTENT_TYPE = 39;

    private ServerStatus() {
    }

    /** A refused handshake: the code and the reason text sent with it. */
    record Refusal(int code, String reason) {
    }
}
