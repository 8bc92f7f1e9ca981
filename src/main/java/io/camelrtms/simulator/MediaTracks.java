package io.camelrtms.simulator;

import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.vertx.core.Context;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The script's tracks encoded for what a media connection negotiated: which encoding each kind it
 * carries needs, taken from the {@link PacketLibrary}'s cache or encoded off the event loop.
 */
final class MediaTracks {

    private final PacketLibrary library;
    private final MeetingScript script;
    /** The kinds the script has content for, within what the stream offers. */
    private final Set<MediaKind> contentKinds;
    private final boolean contactCenter;
    private final Context context;

    MediaTracks(PacketLibrary library, MeetingScript script, Set<MediaKind> contentKinds, boolean contactCenter, Context context) {
        this.library = library;
        this.script = script;
        this.contentKinds = contentKinds;
        this.contactCenter = contactCenter;
        this.context = context;
    }

    /**
     * Puts the tracks {@code c} will play into its {@code tracks}, then runs {@code ready}: at once when
     * all are cached, else on the context once encoded; {@code failed} gets why they could not be.
     */
    void prepare(Connection c, Runnable ready, Consumer<Throwable> failed) {
        Map<MediaKind, Object> specs = specs(c);
        if (specs.keySet().stream().allMatch(k -> library.isReady(script, specs.get(k)))) {
            specs.forEach((k, spec) -> c.tracks.put(k, library.track(script, spec)));
            ready.run();
        } else {
            // Encoding a script takes a moment: never on the event loop.
            context.<Map<MediaKind, Track>>executeBlocking(() -> {
                Map<MediaKind, Track> built = new EnumMap<>(MediaKind.class);
                specs.forEach((k, spec) -> built.put(k, library.track(script, spec)));
                return built;
            }, false).onComplete(ar -> {
                if (ar.failed()) {
                    failed.accept(ar.cause());
                    return;
                }
                c.tracks.putAll(ar.result());
                ready.run();
            });
        }
    }

    private Map<MediaKind, Object> specs(Connection c) {
        Map<MediaKind, Object> specs = new EnumMap<>(MediaKind.class);
        MediaParams p = c.params;
        for (MediaKind k : c.kinds) {
            if (!contentKinds.contains(k)) {
                continue;
            }
            switch (k) {
                case AUDIO -> specs.put(k, PacketLibrary.AudioSpec.of(p.audio(), contactCenter));
                case VIDEO -> specs.put(k, new PacketLibrary.VideoSpec(k, p.video().codec(), p.video().resolution(), p.video().fps(),
                        p.video().dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM));
                case DESKSHARE -> specs.put(k, new PacketLibrary.VideoSpec(k, p.deskshare().codec(), p.deskshare().resolution(),
                        p.deskshare().fps(), false));
                case TRANSCRIPT -> specs.put(k, new PacketLibrary.TranscriptSpec(
                        !p.transcript().enableLid() && p.transcript().srcLanguage() >= 0 ? p.transcript().srcLanguage() : -1, contactCenter));
                case CHAT -> specs.put(k, new PacketLibrary.ChatSpec(contactCenter));
            }
        }
        return specs;
    }
}
