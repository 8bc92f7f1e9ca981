package io.camelrtms.client;

import io.camelrtms.protocol.MediaKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which media sockets a stream opens for the URLs the signaling handshake offered: one to
 * the {@code all} URL when unified, else one per kind, each to its own URL or, failing that, to
 * {@code all}. Pure.
 */
final class MediaPlan {

    /** One socket to open: its key, URL, the kinds it carries and the {@code media_type} mask it asks for. */
    record Socket(String key, String url, Set<MediaKind> kinds, int mediaTypeMask) {
    }

    private MediaPlan() {
    }

    /**
     * @param urls        {@code server_urls} of msg 2, by key
     * @param unavailable told of each kind left out because the server offered no URL for it
     */
    static List<Socket> plan(StreamSettings settings, Map<String, String> urls, Consumer<MediaKind> unavailable) {
        List<Socket> plan = new ArrayList<>();
        String allUrl = urls.get(MediaKind.ALL_URL_KEY);
        if (settings.unified()) {
            String url = allUrl != null ? allUrl : urls.values().stream().findFirst().orElse(null);
            if (url != null) {
                int mask = settings.allMedia() ? MediaKind.ALL_BIT : MediaKind.mask(settings.mediaKinds());
                plan.add(new Socket(MediaKind.ALL_URL_KEY, url, settings.mediaKinds(), mask));
            }
            return plan;
        }
        for (MediaKind kind : settings.mediaKinds()) {
            String key = null;
            for (String k : kind.urlKeys()) {
                if (urls.containsKey(k)) {
                    key = k;
                    break;
                }
            }
            if (key == null) {
                if (settings.allMedia() || allUrl == null) {
                    // Asked for "all": a kind without its own URL is outside the app's scopes.
                    unavailable.accept(kind);
                    continue;
                }
                key = MediaKind.ALL_URL_KEY;
            }
            plan.add(new Socket(kind.name().toLowerCase(Locale.ROOT), urls.get(key), EnumSet.of(kind), kind.bit()));
        }
        return plan;
    }
}
