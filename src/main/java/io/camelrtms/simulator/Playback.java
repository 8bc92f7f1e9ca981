package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The clock and cursors of one stream's playback. Timeline time runs {@code speed} times faster
 * than the wall clock; timestamps are {@code t0 + timeline time}, so they stay consistent with real
 * time however fast the meeting is played. Per media kind a cursor marks what has been delivered:
 * while no socket is ready for a kind, its cursor stays put when the client asked for buffered
 * data (bounded by {@code maxBufferMillis}) and moves on otherwise, dropping the data. Confined to
 * the stream's context.
 */
final class Playback {

    /** A data message due in this tick, its kind, and the socket it goes to. */
    record Due(Connection connection, MediaKind kind, Track.Message message) {
    }

    private static final Comparator<Due> BY_SEND_TIME = Comparator.comparingLong(d -> d.message().sendAtMs);

    private final MeetingScript script;
    private final double speed;
    private final long maxBufferMillis;
    /** Per media kind (by ordinal): the timeline position delivered up to; -1 before the start. */
    private final long[] cursors = initialCursors();
    private long eventCursor = -1;
    private boolean playing;
    private long t0;
    private long startNanos;

    private static long[] initialCursors() {
        long[] c = new long[MediaKind.values().length];
        java.util.Arrays.fill(c, -1L);
        return c;
    }

    Playback(MeetingScript script, double speed, long maxBufferMillis) {
        this.script = script;
        this.speed = speed;
        this.maxBufferMillis = maxBufferMillis;
    }

    void start() {
        playing = true;
        t0 = System.currentTimeMillis();
        startNanos = System.nanoTime();
    }

    boolean playing() {
        return playing;
    }

    /** Epoch ms of timeline time 0 (the FIRST_PACKET_TIMESTAMP). */
    long t0() {
        return t0;
    }

    /** How often to look for due data: every 20 ms of timeline, at least every millisecond. */
    long tickPeriodMillis() {
        return Math.max(1, Math.round(20 / speed));
    }

    /** Timeline position in ms, clamped to the script's length. */
    long position() {
        return Math.min(script.durationMillis(), (long) ((System.nanoTime() - startNanos) / 1_000_000.0 * speed));
    }

    /** A span of timeline time in wall-clock milliseconds. */
    long wallMillis(long timelineMillis) {
        return Math.round(timelineMillis / speed);
    }

    boolean over(long position) {
        return position >= script.durationMillis();
    }

    /** Timeline time as epoch ms, or the wall clock before playback starts. */
    long now() {
        return playing ? t0 + position() : System.currentTimeMillis();
    }

    /**
     * The data messages due up to {@code position} for these kinds, in send order (kinds
     * interleave by time on an {@code all} socket, also in a burst of buffered data).
     *
     * @param ready   the ready socket carrying a kind, or {@code null}
     * @param buffer  whether data for a kind without a ready socket is kept for later
     * @param deliver whether a message is to be sent at all (individual video follows a subscription)
     */
    List<Due> due(long position, Set<MediaKind> kinds, Function<MediaKind, Connection> ready, boolean buffer,
                  Predicate<Track.Message> deliver) {
        List<Due> due = null;
        for (MediaKind kind : kinds) {
            int k = kind.ordinal();
            long cursor = cursors[k];
            if (position <= cursor) {
                continue;
            }
            Connection c = ready.apply(kind);
            Track track = c == null ? null : c.tracks.get(kind);
            if (track == null) {
                cursors[k] = buffer ? Math.max(cursor, position - maxBufferMillis) : position;
                continue;
            }
            List<Track.Message> messages = track.messages();
            int to = track.firstAfter(position);
            for (int i = track.firstAfter(cursor); i < to; i++) {
                Track.Message m = messages.get(i);
                if (kind != MediaKind.VIDEO || deliver.test(m)) {
                    if (due == null) {
                        due = new ArrayList<>(4);
                    }
                    due.add(new Due(c, kind, m));
                }
            }
            cursors[k] = position;
        }
        if (due == null) {
            return List.of();
        }
        if (due.size() > 1) {
            due.sort(BY_SEND_TIME);
        }
        return due;
    }

    /** The script events that happened since the last call, up to {@code position}. */
    List<MeetingScript.ScriptEvent> dueEvents(long position) {
        List<MeetingScript.ScriptEvent> list = new ArrayList<>();
        for (MeetingScript.ScriptEvent e : script.events()) {
            if (e.atMs() > position) {
                break;
            }
            if (e.atMs() > eventCursor) {
                list.add(e);
            }
        }
        eventCursor = position;
        return list;
    }
}
