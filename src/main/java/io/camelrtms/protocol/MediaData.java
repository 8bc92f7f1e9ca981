package io.camelrtms.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One media message (msg 14–18). Audio, video and deskshare carry decoded bytes in {@code data};
 * transcript and chat carry their text in {@code text}.
 *
 * @param kind      which media
 * @param userId    {@code user_id} as text ({@code 0} for mixed audio), or {@code null}
 * @param userName  {@code user_name}, or {@code null}
 * @param channelId Contact Center {@code channel_id}, sent instead of a user id, or {@code null}
 * @param timestamp Zoom's creation time, epoch ms
 * @param data      decoded payload bytes (audio, video, deskshare), else {@code null}
 * @param text      transcript text, or chat text (a JSON document for the newer chat payloads)
 * @param startTime transcript {@code start_time}, or -1
 * @param endTime   transcript {@code end_time}, or -1
 * @param language  transcript {@code language} id, or {@code null}
 * @param attribute transcript {@code attribute}, or {@code null}
 * @param unknownFields the fields of {@code content} this version does not know, with their values
 *                  (a later release may add some), or {@code null} when there are none
 */
public record MediaData(MediaKind kind, String userId, String userName, String channelId, long timestamp,
                        byte[] data, String text, long startTime, long endTime, Integer language, String attribute,
                        JsonNode unknownFields)
        implements RtmsMessage {

    /**
     * The {@code content} fields this version knows: those it reads, and {@code length}, which Zoom's
     * April 2026 changelog added to audio and video and which the decoded data already gives.
     */
    public static final Set<String> KNOWN_CONTENT_FIELDS = Set.of("user_id", "user_name", "channel_id", "data", "timestamp",
            "length", "start_time", "end_time", "language", "attribute");

    @Override
    public int msgType() {
        return kind.dataMessage().code();
    }

    /** Who this media belongs to: the Contact Center channel, else the user id. */
    public String speakerKey() {
        return channelId != null ? channelId : userId;
    }
}
