package io.camelrtms.component;

import org.apache.camel.spi.Metadata;

/**
 * The headers of exchanges emitted by {@code from: rtms:<channel>}. These names are a public
 * contract: routes, sinks and user tests depend on them.
 */
public final class RtmsConstants {

    @Metadata(description = "What the exchange carries: AUDIO, VIDEO, DESKSHARE, TRANSCRIPT, CHAT, EVENT or LIFECYCLE.",
              javaType = "String")
    public static final String MEDIA_TYPE = "RtmsMediaType";

    @Metadata(description = "The Zoom product: meeting, webinar, session (Video SDK), contact_center or phone.",
              javaType = "String")
    public static final String PRODUCT = "RtmsProduct";

    @Metadata(description = "The payload field the entity id came from, e.g. meeting_uuid or engagement_id.",
              javaType = "String")
    public static final String ENTITY_KEY = "RtmsEntityKey";

    @Metadata(description = "The entity id (meeting UUID, webinar UUID, session id or engagement id) exactly as Zoom sent it.",
              javaType = "String")
    public static final String ENTITY_ID = "RtmsEntityId";

    @Metadata(description = "The rtms_stream_id of the stream.", javaType = "String")
    public static final String STREAM_ID = "RtmsStreamId";

    @Metadata(description = "The user_id of the speaker or sender (0 for mixed audio).", javaType = "String")
    public static final String USER_ID = "RtmsUserId";

    @Metadata(description = "The user_name of the speaker or sender.", javaType = "String")
    public static final String USER_NAME = "RtmsUserName";

    @Metadata(description = "Contact Center audio: the channel_id sent instead of a user id.", javaType = "String")
    public static final String CHANNEL_ID = "RtmsChannelId";

    @Metadata(description = "Zoom's timestamp of the message, epoch milliseconds (for LIFECYCLE: the local time of the change).",
              javaType = "long")
    public static final String TIMESTAMP = "RtmsTimestamp";

    @Metadata(description = "A sequence number per stream and media type, starting at 1, without gaps.", javaType = "long")
    public static final String SEQUENCE = "RtmsSequence";

    @Metadata(description = "Negotiated audio codec: L16, G711, G722 or OPUS.", javaType = "String")
    public static final String AUDIO_CODEC = "RtmsAudioCodec";

    @Metadata(description = "Negotiated audio sample rate in hertz.", javaType = "int")
    public static final String AUDIO_SAMPLE_RATE = "RtmsAudioSampleRate";

    @Metadata(description = "Negotiated audio channel count: 1 or 2.", javaType = "int")
    public static final String AUDIO_CHANNELS = "RtmsAudioChannels";

    @Metadata(description = "True when audio comes per speaker (AUDIO_MULTI_STREAMS), false for one mixed stream.",
              javaType = "boolean")
    public static final String AUDIO_PER_SPEAKER = "RtmsAudioPerSpeaker";

    @Metadata(description = "Negotiated audio send rate: the milliseconds of audio in each message.", javaType = "int")
    public static final String AUDIO_SEND_RATE = "RtmsAudioSendRate";

    @Metadata(description = "AUDIO with the audioBatch option: how many consecutive audio messages of one speaker the exchange "
                            + "holds; the body is their payloads joined in order and RtmsTimestamp, RtmsUserId and "
                            + "RtmsUserName are the first one's. Absent when audioBatch is off and on Opus audio, which "
                            + "is never batched.", javaType = "int")
    public static final String BATCHED_MESSAGES = "RtmsBatchedMessages";

    @Metadata(description = "AUDIO after the pipeline's decode step: the codec Zoom sent (L16, G711 or OPUS). The body is then "
                            + "s16le PCM and RtmsAudioCodec says L16; RtmsAudioSampleRate and RtmsAudioChannels describe the PCM.",
              javaType = "String")
    public static final String AUDIO_SOURCE_CODEC = "RtmsAudioSourceCodec";

    @Metadata(description = "AUDIO after the decode step: PCM frames (samples per channel) at the start of the body that conceal "
                            + "lost packets before this one (Opus packet-loss concealment). The packet itself begins at "
                            + "RtmsTimestamp, so the body begins this many frames earlier. Absent or 0 when nothing was concealed.",
              javaType = "int")
    public static final String AUDIO_CONCEALED_FRAMES = "RtmsAudioConcealedFrames";

    @Metadata(description = "AUDIO before the decode step: true leaves this exchange's Opus packet undecoded (the body stays "
                            + "the packet Zoom sent, RtmsAudioCodec OPUS), as rtms.recording.opus: keep does for every exchange.",
              javaType = "boolean")
    public static final String AUDIO_KEEP_OPUS = "RtmsAudioKeepOpus";

    /**
     * Exchange property (not a header, so no sink sends it on) set by the decode step with
     * {@code rtms.recording.opus: both}: the Opus packet Zoom sent, kept beside the decoded PCM.
     */
    public static final String PROPERTY_OPUS_PACKET = "RtmsAudioOpusPacket";

    @Metadata(description = "LIFECYCLE STOPPED or FAILED, set by the decode step: audio packets of the stream that could not "
                            + "be decoded (corrupt, unsupported codec) and were skipped.", javaType = "long")
    public static final String AUDIO_DECODE_ERRORS = "RtmsAudioDecodeErrors";

    @Metadata(description = "Negotiated video or deskshare codec: JPG, PNG or H264.", javaType = "String")
    public static final String VIDEO_CODEC = "RtmsVideoCodec";

    @Metadata(description = "Negotiated video or deskshare resolution: SD, HD, FHD or QHD.", javaType = "String")
    public static final String VIDEO_RESOLUTION = "RtmsVideoResolution";

    @Metadata(description = "Negotiated video or deskshare frames per second.", javaType = "int")
    public static final String VIDEO_FPS = "RtmsVideoFps";

    @Metadata(description = "Transcript start_time, epoch milliseconds, when Zoom sent one.", javaType = "long")
    public static final String TRANSCRIPT_START = "RtmsTranscriptStart";

    @Metadata(description = "Transcript end_time, epoch milliseconds, when Zoom sent one.", javaType = "long")
    public static final String TRANSCRIPT_END = "RtmsTranscriptEnd";

    @Metadata(description = "Transcript language id (RTMS_TRANSCRIPT_LANGUAGE, e.g. 9 for English).", javaType = "int")
    public static final String TRANSCRIPT_LANGUAGE = "RtmsTranscriptLanguage";

    @Metadata(description = "Transcript attribute as Zoom sent it.", javaType = "String")
    public static final String TRANSCRIPT_ATTRIBUTE = "RtmsTranscriptAttribute";

    @Metadata(description = "EVENT: the event_type number (product-scoped), when the event carries one.", javaType = "int")
    public static final String EVENT_TYPE = "RtmsEventType";

    @Metadata(description = "EVENT: the event_code of Zoom's November 2026 release, as text, when the event carries one "
                            + "(Zoom Phone events carry only this).", javaType = "String")
    public static final String EVENT_CODE = "RtmsEventCode";

    @Metadata(description = "EVENT: the event type's name in the product's numbering, e.g. PARTICIPANT_JOIN; STREAM_STATE, "
                            + "SESSION_STATE or VIDEO_SUBSCRIPTION for those messages; EVENT_CODE for an event with only an "
                            + "event_code; UNKNOWN_EVENT or UNKNOWN_MESSAGE for what this version does not know (the body is "
                            + "then the raw JSON).", javaType = "String")
    public static final String EVENT_NAME = "RtmsEventName";

    @Metadata(description = "LIFECYCLE: STARTED, CONNECTED, INTERRUPTED, RECONNECTED, STOPPED or FAILED.", javaType = "String")
    public static final String LIFECYCLE = "RtmsLifecycle";

    @Metadata(description = "LIFECYCLE INTERRUPTED: true on the last exchange of a stream this node left open for another "
                            + "to rejoin (a restart, or a cluster's hand-over or fencing); sinks let go of its files "
                            + "without finishing them (see RtmsFenced).", javaType = "boolean")
    public static final String LEFT = "RtmsLeft";

    @Metadata(description = "LIFECYCLE INTERRUPTED with RtmsLeft: true when this node was fenced off the stream (it lost its "
                            + "cluster lease, or another node took the stream over): the stream's next owner may already "
                            + "have written, even finished, its files, so sinks release what they hold of the stream without "
                            + "writing, finishing or deleting anything. What was still queued for the stream was discarded.",
              javaType = "boolean")
    public static final String FENCED = "RtmsFenced";

    @Metadata(description = "LIFECYCLE STOPPED: the stop reason code.", javaType = "int")
    public static final String STOP_REASON = "RtmsStopReason";

    @Metadata(description = "LIFECYCLE STOPPED: the stop reason name, e.g. MEETING_ENDED or STREAM_REVOKED.", javaType = "String")
    public static final String STOP_REASON_NAME = "RtmsStopReasonName";

    @Metadata(description = "The Zoom region parsed from the server URL (e.g. sjc or iad), when it names one.", javaType = "String")
    public static final String SERVER_REGION = "RtmsServerRegion";

    private RtmsConstants() {
    }
}
