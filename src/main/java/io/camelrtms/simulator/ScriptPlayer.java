package io.camelrtms.simulator;

import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.StopReason;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;

/**
 * Plays one stream's script to its client: on each tick, the media messages now due on the
 * sockets made ready for them and the script's events on signaling (those subscribed to), counted
 * in the simulator's statistics, until the script is over. What is due when is {@link Playback}'s
 * job. Confined to the stream's context.
 */
final class ScriptPlayer {

    /** What the player needs to know from, and tell, its stream. */
    interface Host {
        boolean ended();

        /** Whether the client asked for media to be buffered while a socket is not ready ({@code buffer_data}). */
        boolean bufferData();

        boolean subscribed(int eventType);

        /** The script is over: end the stream with {@code reason}. */
        void end(int reason);
    }

    private final Playback playback;
    private final Vertx vertx;
    private final SimulatedStream stream;
    private final MeetingScript script;
    private final Set<MediaKind> contentKinds;
    private final boolean contactCenter;
    private final StreamSockets sockets;
    private final EventMessages events;
    private final IndividualVideos individualVideos;
    private final SendStatistics stats;
    private final Host host;
    private long timer = -1;
    /** When the first started webhook was posted (nanoTime), 0 before; for the first-data statistic. */
    private long startedPostedNanos;
    private boolean dataSent;

    ScriptPlayer(Playback playback, Vertx vertx, SimulatedStream stream, Set<MediaKind> contentKinds, boolean contactCenter,
                 StreamSockets sockets, EventMessages events, IndividualVideos individualVideos, SendStatistics stats, Host host) {
        this.playback = playback;
        this.vertx = vertx;
        this.stream = stream;
        this.script = stream.script();
        this.contentKinds = contentKinds;
        this.contactCenter = contactCenter;
        this.sockets = sockets;
        this.events = events;
        this.individualVideos = individualVideos;
        this.stats = stats;
        this.host = host;
    }

    /** The first started webhook is being posted: the first-data statistic counts from now. */
    void startedPosted() {
        if (startedPostedNanos == 0) {
            startedPostedNanos = System.nanoTime();
        }
    }

    boolean playing() {
        return playback.playing();
    }

    /** Starts playing (the first media socket is ready) and announces the first packet's time on signaling. */
    void start() {
        playback.start();
        if (startedPostedNanos != 0) {
            stats.mediaReady((System.nanoTime() - startedPostedNanos) / 1_000_000);
        }
        stream.firstPacket(playback.t0());
        Connection signaling = sockets.openSignaling();
        if (signaling != null) {
            // FIRST_PACKET_TIMESTAMP arrives without a subscription.
            signaling.send(events.event(EventType.FIRST_PACKET_TIMESTAMP, playback.t0(), List.of(), null), true);
        }
        timer = vertx.setPeriodic(playback.tickPeriodMillis(), id -> tick());
        tick();
    }

    /** Sends what is due now. */
    void tick() {
        if (host.ended() || !playback.playing()) {
            return;
        }
        long pos = playback.position();
        long t0 = playback.t0();
        for (Playback.Due d : playback.due(pos, contentKinds, sockets::readyFor, host.bufferData(), this::videoWanted)) {
            d.connection().send(d.message().render(t0), true);
            d.connection().sinceHeard.written(d.kind(), d.message().sendAtMs);
            stats.sent(d.kind(), playback.wallMillis(pos - d.message().sendAtMs));
            stream.countSent(d.kind());
            if (!dataSent) {
                dataSent = true;
                if (startedPostedNanos != 0) {
                    stats.firstData((System.nanoTime() - startedPostedNanos) / 1_000_000);
                }
            }
        }
        for (MeetingScript.ScriptEvent e : playback.dueEvents(pos)) {
            if (!e.contactCenter() && e.eventType() == EventType.PARTICIPANT_LEAVE) {
                individualVideos.left(e.userIds());
            }
            // An event with only a code cannot be subscribed to by type: it is always sent.
            Connection signaling = sockets.openSignaling();
            if (e.contactCenter() == contactCenter && signaling != null
                    && (e.eventType() < 0 || host.subscribed(e.eventType()))) {
                List<MeetingScript.Speaker> who = e.userIds().stream().map(script::speaker).toList();
                signaling.send(events.event(e.eventType(), e.eventCode(), t0 + e.atMs(), who, null), true);
            }
        }
        if (playback.over(pos)) {
            host.end(StopReason.MEETING_ENDED.code());
        }
    }

    private boolean videoWanted(Track.Message m) {
        return individualVideos.wanted(m, sockets.readyFor(MediaKind.VIDEO));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
