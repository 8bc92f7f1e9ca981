package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The media kinds one stream offers in its signaling answer (msg 2) and the {@code server_urls} keys
 * it offers them under: the simulator's and the script's scopes, within what the product supports.
 * Not changed after construction, so server threads may ask it too.
 */
final class MediaOffer {

    private final Set<MediaKind> kinds;

    MediaOffer(SimulatorConfig config, MeetingScript script, Product product) {
        EnumSet<MediaKind> k = EnumSet.noneOf(MediaKind.class);
        k.addAll(config.scopes());
        k.retainAll(productKinds(product));
        if (script.scopes() != null) {
            k.retainAll(script.scopes());
        }
        this.kinds = k;
    }

    /** Contact Center, Video SDK sessions and Phone stream audio and transcript only (docs/protocol.md#products). */
    static Set<MediaKind> productKinds(Product product) {
        return switch (product) {
            case CONTACT_CENTER, SESSION, PHONE -> EnumSet.of(MediaKind.AUDIO, MediaKind.TRANSCRIPT);
            default -> EnumSet.allOf(MediaKind.class);
        };
    }

    /** The {@code server_urls} key of a media kind: screen share is {@code sharescreen}, as Zoom's library expects. */
    static String urlKeyOf(MediaKind kind) {
        return kind == MediaKind.DESKSHARE ? "sharescreen" : kind.name().toLowerCase(Locale.ROOT);
    }

    static MediaKind kindOfUrlKey(String key) {
        for (MediaKind k : MediaKind.values()) {
            if (urlKeyOf(k).equals(key)) {
                return k;
            }
        }
        return null;
    }

    Set<MediaKind> kinds() {
        return kinds;
    }

    boolean offersUrl(String key) {
        if (MediaKind.ALL_URL_KEY.equals(key)) {
            return true;
        }
        MediaKind k = kindOfUrlKey(key);
        return k != null && kinds.contains(k);
    }

    /** The {@code server_urls} of msg 2: one per offered kind and {@code all}, under {@code base}. */
    Map<String, String> urls(String base) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (MediaKind k : MediaKind.values()) {
            if (kinds.contains(k)) {
                urls.put(urlKeyOf(k), base + urlKeyOf(k));
            }
        }
        urls.put(MediaKind.ALL_URL_KEY, base + MediaKind.ALL_URL_KEY);
        return urls;
    }
}
