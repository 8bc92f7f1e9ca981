package io.camelrtms.protocol;

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
 */
public record MediaData(MediaKind kind, String userId, String userName, String channelId, long timestamp,
                        byte[] data, String text, long startTime, long endTime, Integer language, String attribute)
        implements RtmsMessage {

    @Override
    public int msgType() {
        return kind.dataMessage().code();
    }

    /** Who this media belongs to: the Contact Center channel, else the user id. */
    public String speakerKey() {
        return channelId != null ? channelId : userId;
    }
}
