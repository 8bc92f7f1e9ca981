package io.camelrtms.protocol;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The media kinds of RTMS with their {@code media_type} bit (docs/protocol.md#media-types), the data message that carries
 * them (#media-data) and the key of their URL in {@code media_server.server_urls} (#signaling-handshake).
 */
public enum MediaKind implements WireCode {
    AUDIO(1, MessageType.MEDIA_DATA_AUDIO, "audio"),
    VIDEO(2, MessageType.MEDIA_DATA_VIDEO, "video"),
    // Zoom's library looks for "sharescreen"; other sources say "deskshare". Both are tried.
    DESKSHARE(4, MessageType.MEDIA_DATA_SHARE, "deskshare", "sharescreen", "share"),
    TRANSCRIPT(8, MessageType.MEDIA_DATA_TRANSCRIPT, "transcript"),
    CHAT(16, MessageType.MEDIA_DATA_CHAT, "chat");

    /** The bit that asks for every media kind on one connection. */
    public static final int ALL_BIT = 32;
    /** The {@code server_urls} key of the unified connection. */
    public static final String ALL_URL_KEY = "all";

    private final int bit;
    private final MessageType dataMessage;
    private final String[] urlKeys;

    MediaKind(int bit, MessageType dataMessage, String... urlKeys) {
        this.bit = bit;
        this.dataMessage = dataMessage;
        this.urlKeys = urlKeys;
    }

    @Override
    public int code() {
        return bit;
    }

    public int bit() {
        return bit;
    }

    public MessageType dataMessage() {
        return dataMessage;
    }

    /** Keys under which the media server may publish this kind's URL, most likely first. */
    public String[] urlKeys() {
        return urlKeys.clone();
    }

    /** The kind carried by a data message type, or {@code null} for a non-data message. */
    public static MediaKind ofDataMessage(int msgType) {
        return switch (msgType) {
            case 14 -> AUDIO;
            case 15 -> VIDEO;
            case 16 -> DESKSHARE;
            case 17 -> TRANSCRIPT;
            case 18 -> CHAT;
            default -> null;
        };
    }

    public static int mask(Set<MediaKind> kinds) {
        int mask = 0;
        for (MediaKind k : kinds) {
            mask |= k.bit;
        }
        return mask;
    }

    public static Set<MediaKind> fromMask(int mask) {
        EnumSet<MediaKind> set = EnumSet.noneOf(MediaKind.class);
        if ((mask & ALL_BIT) != 0) {
            return EnumSet.allOf(MediaKind.class);
        }
        for (MediaKind k : values()) {
            if ((mask & k.bit) != 0) {
                set.add(k);
            }
        }
        return set;
    }

    /**
     * Parses a comma-separated list such as {@code "audio,transcript"} or {@code "all"}.
     *
     * @throws IllegalArgumentException on an unknown name or an empty list
     */
    public static Set<MediaKind> parseList(String list) {
        EnumSet<MediaKind> set = EnumSet.noneOf(MediaKind.class);
        if (list != null) {
            for (String raw : list.split(",")) {
                String name = raw.trim().toUpperCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (name.equals("ALL")) {
                    return EnumSet.allOf(MediaKind.class);
                }
                if (name.equals("SHARE") || name.equals("SHARESCREEN")) {
                    name = "DESKSHARE";
                }
                try {
                    set.add(MediaKind.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown RTMS media type '" + raw.trim()
                            + "'; expected audio, video, deskshare, transcript, chat or all");
                }
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("No RTMS media type given; expected audio, video, deskshare, transcript, chat or all");
        }
        return set;
    }
}
