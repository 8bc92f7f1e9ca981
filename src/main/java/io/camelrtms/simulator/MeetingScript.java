package io.camelrtms.simulator;

import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What happens in a simulated meeting, on a timeline in milliseconds from the first packet: who
 * speaks when, transcript lines, chat messages, video and screen-share frames, and participant
 * events. A script is an immutable value: the same script always produces the same PCM, packets
 * and messages, so a test can regenerate the source signal with {@link #sourcePcm(int, int, int)}
 * and compare it with what its route received.
 *
 * <p>A script may contain an <em>idle gap</em>: a window in which nobody speaks and nothing at all
 * is sent on the media sockets, so the simulator's keep-alives (sent only to idle sockets, like
 * Zoom's) happen during a short test.
 */
public final class MeetingScript {

    /** Timeline window {@code [startMs, endMs)}. */
    public record Segment(long startMs, long endMs) {
        public Segment {
            if (startMs < 0 || endMs <= startMs) {
                throw new IllegalArgumentException("segment must satisfy 0 <= start < end, not [" + startMs + ", " + endMs + ")");
            }
        }

        boolean overlaps(long from, long to) {
            return startMs < to && from < endMs;
        }

        boolean contains(long t) {
            return t >= startMs && t < endMs;
        }
    }

    /**
     * A participant. Each speaker has its own tone sequence built on {@code toneHz}, heard only in
     * its talk segments; outside them it is muted and, in per-speaker audio, sends nothing.
     *
     * @param userId    the Zoom {@code user_id} (must not be 0, which means mixed audio)
     * @param userName  {@code user_name}
     * @param channelId the Contact Center {@code channel_id} used instead of the user id there
     * @param toneHz    base frequency of the speaker's tone sequence (notes go up to 1.5 times it)
     * @param talks     when the speaker is unmuted; empty = laid out automatically by the builder
     */
    public record Speaker(int userId, String userName, String channelId, double toneHz, List<Segment> talks) {
        public Speaker {
            if (userId == 0) {
                throw new IllegalArgumentException("user_id 0 is reserved for mixed audio");
            }
            Objects.requireNonNull(userName, "userName");
            channelId = channelId != null ? channelId : String.valueOf(userId);
            if (toneHz < 50 || toneHz > 2600) {
                throw new IllegalArgumentException("toneHz must be within 50..2600 so every note stays below 4 kHz (8 kHz audio)");
            }
            talks = List.copyOf(talks);
        }

        public static Speaker of(int userId, String userName, double toneHz) {
            return new Speaker(userId, userName, null, toneHz, List.of());
        }

        /** This speaker, also talking in {@code [startMs, endMs)}. */
        public Speaker talks(long startMs, long endMs) {
            List<Segment> list = new ArrayList<>(talks);
            list.add(new Segment(startMs, endMs));
            return new Speaker(userId, userName, channelId, toneHz, list);
        }

        /** This speaker with a Contact Center channel id. */
        public Speaker channel(String channel) {
            return new Speaker(userId, userName, channel, toneHz, talks);
        }

        boolean activeIn(long from, long to) {
            for (Segment s : talks) {
                if (s.overlaps(from, to)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A transcript line spoken in {@code [startMs, endMs)}; Zoom sends it once it is complete, at
     * {@code endMs}. {@code language} is a RTMS_TRANSCRIPT_LANGUAGE id (9 = English).
     */
    public record TranscriptLine(long startMs, long endMs, int userId, String text, int language) {
        public TranscriptLine {
            new Segment(startMs, endMs);
            Objects.requireNonNull(text, "text");
        }

        public static TranscriptLine of(long startMs, long endMs, int userId, String text) {
            return new TranscriptLine(startMs, endMs, userId, text, 9);
        }
    }

    /** How a chat message's {@code data} looks on the wire (the June-2026 format is unconfirmed). */
    public enum ChatFormat {
        /** {@code data} is the plain message text. */
        TEXT,
        /** {@code data} is a string holding a JSON document (chat_session, operation_type, sender, …). */
        JSON_STRING,
        /** {@code data} is that JSON document as a nested object. */
        JSON_OBJECT
    }

    /** A chat message sent at {@code atMs} by {@code userId}. */
    public record ChatMessage(long atMs, int userId, String text, ChatFormat format) {
        public ChatMessage {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(format, "format");
        }

        public static ChatMessage text(long atMs, int userId, String text) {
            return new ChatMessage(atMs, userId, text, ChatFormat.TEXT);
        }
    }

    /**
     * One video ({@link MediaKind#VIDEO}) or screen-share ({@link MediaKind#DESKSHARE}) frame of
     * {@code userId} at {@code atMs}. Frames closer together than the negotiated fps allows are skipped.
     */
    public record VideoFrame(long atMs, int userId, MediaKind kind) {
        public VideoFrame {
            if (kind != MediaKind.VIDEO && kind != MediaKind.DESKSHARE) {
                throw new IllegalArgumentException("a video frame is VIDEO or DESKSHARE, not " + kind);
            }
        }

        public static VideoFrame video(long atMs, int userId) {
            return new VideoFrame(atMs, userId, MediaKind.VIDEO);
        }

        public static VideoFrame share(long atMs, int userId) {
            return new VideoFrame(atMs, userId, MediaKind.DESKSHARE);
        }
    }

    /**
     * An event of msg 6 at {@code atMs}. For meetings, webinars and sessions {@code eventType} is
     * a meeting event type and {@code userIds} the participants it is about; for Contact Center it
     * is a ZCC event type and the first user id names the participant ({@code paticipant_info}).
     * Events are sent only to clients that subscribed to their type, like Zoom does.
     */
    public record ScriptEvent(long atMs, int eventType, List<Integer> userIds, boolean contactCenter, String eventCode) {
        public ScriptEvent {
            userIds = List.copyOf(userIds);
        }

        public ScriptEvent(long atMs, int eventType, List<Integer> userIds, boolean contactCenter) {
            this(atMs, eventType, userIds, contactCenter, null);
        }

        /**
         * A meeting event that carries only an {@code event_code} and no {@code event_type}, as events
         * of the November 2026 release may: sent without a subscription, since msg 5 subscribes by type.
         */
        public static ScriptEvent coded(long atMs, String eventCode, Integer... userIds) {
            return new ScriptEvent(atMs, -1, List.of(userIds), false, eventCode);
        }

        public static ScriptEvent meeting(long atMs, int eventType, Integer... userIds) {
            return new ScriptEvent(atMs, eventType, List.of(userIds), false);
        }

        public static ScriptEvent contactCenter(long atMs, int eventType, int userId) {
            return new ScriptEvent(atMs, eventType, List.of(userId), true);
        }
    }

    /** The event_code of {@link #individualVideos()}'s event that has no event_type (a simulator placeholder). */
    public static final String CODE_ONLY_EVENT = "sim.v2.code-only";

    private static final MeetingScript STANDARD = buildStandard();
    private static final MeetingScript INDIVIDUAL_VIDEOS = buildIndividualVideos();
    private static final MeetingScript CONTACT_CENTER = buildContactCenter();

    private final long durationMillis;
    private final List<Speaker> speakers;
    private final List<TranscriptLine> transcriptLines;
    private final List<ChatMessage> chat;
    private final List<VideoFrame> videoFrames;
    private final List<ScriptEvent> events;
    private final Segment idleGap;
    private final Set<MediaKind> scopes;

    private MeetingScript(Builder b, List<Speaker> speakers, List<ScriptEvent> events) {
        this.durationMillis = b.durationMillis;
        this.speakers = List.copyOf(speakers);
        this.transcriptLines = sorted(b.transcriptLines, Comparator.comparingLong(TranscriptLine::endMs));
        this.chat = sorted(b.chat, Comparator.comparingLong(ChatMessage::atMs));
        this.videoFrames = sorted(b.videoFrames, Comparator.comparingLong(VideoFrame::atMs));
        this.events = sorted(events, Comparator.comparingLong(ScriptEvent::atMs));
        this.idleGap = b.idleGap;
        this.scopes = b.scopes == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(b.scopes));
    }

    /**
     * A six-second meeting with three speakers (overlapping once), four transcript lines, chat in
     * all three formats, four camera frames, a screen share with two frames, participant, sharing
     * and video events, and an idle gap from 3.4 s to 5 s in which only keep-alives flow.
     */
    public static MeetingScript standard() {
        return STANDARD;
    }

    /**
     * An eight-second meeting for individual video (November 2026 release): five participants
     * taking turns, each with a camera frame every 500 ms. Four turn their camera on at 0 ms, the
     * fifth at 2 s (one more than Zoom's default limit of four subscriptions); the first leaves at
     * 4 s, freeing a subscription. At 1 s an event carries only an {@code event_code}
     * ({@link #CODE_ONLY_EVENT}), as events of that release may.
     */
    public static MeetingScript individualVideos() {
        return INDIVIDUAL_VIDEOS;
    }

    /** The user ids of {@link #individualVideos()}, in the order their cameras come on. */
    public static List<Integer> individualVideoUsers() {
        return List.of(16778240, 16779264, 16780288, 16781312, 16782336);
    }

    private static MeetingScript buildIndividualVideos() {
        List<Integer> ids = individualVideoUsers();
        String[] names = {"Alice Example", "Bob Example", "Carol Example", "Dan Example", "Erin Example"};
        List<Speaker> speakers = new ArrayList<>();
        List<VideoFrame> frames = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            speakers.add(Speaker.of(ids.get(i), names[i], 900 + 150 * i));
            for (long t = 0; t < 8000; t += 500) {
                frames.add(VideoFrame.video(t, ids.get(i)));
            }
        }
        return builder()
                .durationMillis(8000)
                .turnMillis(800)
                .speakers(speakers.toArray(Speaker[]::new))
                .videoFrames(frames.toArray(VideoFrame[]::new))
                .events(
                        ScriptEvent.meeting(0, EventType.PARTICIPANT_VIDEO_ON, ids.get(0), ids.get(1), ids.get(2), ids.get(3)),
                        ScriptEvent.coded(1000, CODE_ONLY_EVENT, ids.get(1)),
                        ScriptEvent.meeting(2000, EventType.PARTICIPANT_VIDEO_ON, ids.get(4)),
                        ScriptEvent.meeting(4000, EventType.PARTICIPANT_LEAVE, ids.get(0)))
                .build();
    }

    /**
     * A four-second Contact Center call: a caller and an agent on channels "1" and "2", transcript
     * lines, ZCC events (consumer answered, user answered, hold, unhold, user end) and an idle gap.
     */
    public static MeetingScript contactCenter() {
        return CONTACT_CENTER;
    }

    /**
     * A load-test meeting of the given length: three speakers talking in two-second turns without
     * pause (so audio flows every 20 ms) and one transcript line per turn. No video, chat or idle gap.
     */
    public static MeetingScript benchmark(long durationMillis) {
        int[] ids = {16778240, 16779264, 16780288};
        String[] names = {"Alice Example", "Bob Example", "Carol Example"};
        double[] tones = {1000, 1250, 1500};
        long turn = 2000;
        List<TranscriptLine> lines = new ArrayList<>();
        for (long t = 0, i = 0; t < durationMillis; t += turn, i++) {
            long end = Math.min(durationMillis, t + turn);
            int who = ids[(int) (i % 3)];
            lines.add(TranscriptLine.of(t, end, who, "Benchmark line " + i + " from " + names[(int) (i % 3)] + "."));
        }
        return builder()
                .durationMillis(durationMillis)
                .turnMillis(turn)
                .speakers(Speaker.of(ids[0], names[0], tones[0]), Speaker.of(ids[1], names[1], tones[1]),
                        Speaker.of(ids[2], names[2], tones[2]))
                .transcriptLines(lines.toArray(TranscriptLine[]::new))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long durationMillis() {
        return durationMillis;
    }

    public List<Speaker> speakers() {
        return speakers;
    }

    public List<TranscriptLine> transcriptLines() {
        return transcriptLines;
    }

    public List<ChatMessage> chat() {
        return chat;
    }

    public List<VideoFrame> videoFrames() {
        return videoFrames;
    }

    public List<ScriptEvent> events() {
        return events;
    }

    /** The idle window, or {@code null} when the script has none. */
    public Segment idleGap() {
        return idleGap;
    }

    /** The media kinds this meeting's app may see, or {@code null} for whatever the product allows. */
    public Set<MediaKind> scopes() {
        return scopes;
    }

    /** The speaker with this user id. */
    public Speaker speaker(int userId) {
        for (Speaker s : speakers) {
            if (s.userId() == userId) {
                return s;
            }
        }
        throw new IllegalArgumentException("no speaker with user_id " + userId + " in this script");
    }

    /** True when somebody is talking somewhere in {@code [fromMs, toMs)}. */
    public boolean anyoneTalking(long fromMs, long toMs) {
        for (Speaker s : speakers) {
            if (s.activeIn(fromMs, toMs)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exact PCM the simulator encodes for a speaker over the whole script, from timeline 0 to
     * {@link #durationMillis()}: signed 16-bit samples, interleaved when stereo, zero where the
     * speaker is muted. {@code userId} 0 gives the mixed signal of all speakers. Timeline time
     * {@code t} ms is sample {@code t * sampleRate / 1000}; a packet with timestamp {@code ts}
     * starts at {@code ts - firstPacketTimestamp}.
     *
     * @param sampleRate 8000, 16000, 32000 or 48000
     * @param channels   1 or 2 (the right channel is the left at 70 % so swapped channels show)
     * @return a new array the caller may modify
     */
    public short[] sourcePcm(int userId, int sampleRate, int channels) {
        if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 32000 && sampleRate != 48000) {
            throw new IllegalArgumentException("sample rate must be 8000, 16000, 32000 or 48000, not " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, not " + channels);
        }
        if (userId != 0) {
            speaker(userId);
        }
        // Rendered on demand, not cached: long load-test scripts would hold tens of MB per source,
        // and the packet library encodes each (script, format) once anyway.
        return ToneSynth.render(this, userId, sampleRate, channels);
    }

    /** The media kinds the script has content for. */
    public Set<MediaKind> contentKinds() {
        EnumSet<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        if (!speakers.isEmpty()) {
            kinds.add(MediaKind.AUDIO);
        }
        if (!transcriptLines.isEmpty()) {
            kinds.add(MediaKind.TRANSCRIPT);
        }
        if (!chat.isEmpty()) {
            kinds.add(MediaKind.CHAT);
        }
        for (VideoFrame f : videoFrames) {
            kinds.add(f.kind());
        }
        return kinds;
    }

    // equals/hashCode by value: packets are cached per (script, params), and equal scripts share them.
    @Override
    public boolean equals(Object o) {
        return o instanceof MeetingScript m && durationMillis == m.durationMillis && speakers.equals(m.speakers)
                && transcriptLines.equals(m.transcriptLines) && chat.equals(m.chat) && videoFrames.equals(m.videoFrames)
                && events.equals(m.events) && Objects.equals(idleGap, m.idleGap) && Objects.equals(scopes, m.scopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(durationMillis, speakers, transcriptLines, chat, videoFrames, events, idleGap, scopes);
    }

    @Override
    public String toString() {
        return "MeetingScript[" + durationMillis + " ms, " + speakers.size() + " speakers, " + transcriptLines.size()
                + " transcript lines, " + chat.size() + " chat messages, " + videoFrames.size() + " frames, "
                + events.size() + " events, idle gap " + idleGap + "]";
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** Builds a {@link MeetingScript}. Times are timeline milliseconds. */
    public static final class Builder {
        private long durationMillis = 3000;
        private final List<Speaker> speakers = new ArrayList<>();
        private final List<TranscriptLine> transcriptLines = new ArrayList<>();
        private final List<ChatMessage> chat = new ArrayList<>();
        private final List<VideoFrame> videoFrames = new ArrayList<>();
        private final List<ScriptEvent> events = new ArrayList<>();
        private Segment idleGap;
        private long idleGapLength;
        private boolean autoEvents = true;
        private long turnMillis = 800;
        private Set<MediaKind> scopes;

        private Builder() {
        }

        /** Length of the timeline; the stream ends (stop reason 6, MEETING_ENDED) when it is over. */
        public Builder durationMillis(long millis) {
            if (millis < 20) {
                throw new IllegalArgumentException("duration must be at least 20 ms");
            }
            this.durationMillis = millis;
            return this;
        }

        /**
         * The participants. Speakers without talk segments take turns of {@link #turnMillis(long)}
         * in the given order over the whole timeline, outside the idle gap.
         */
        public Builder speakers(Speaker... list) {
            speakers.addAll(List.of(list));
            return this;
        }

        public Builder transcriptLines(TranscriptLine... lines) {
            transcriptLines.addAll(List.of(lines));
            return this;
        }

        public Builder chat(ChatMessage... messages) {
            chat.addAll(List.of(messages));
            return this;
        }

        public Builder videoFrames(VideoFrame... frames) {
            videoFrames.addAll(List.of(frames));
            return this;
        }

        public Builder events(ScriptEvent... list) {
            events.addAll(List.of(list));
            return this;
        }

        /** An idle window of this length centred on the timeline. */
        public Builder idleGapMillis(long millis) {
            this.idleGapLength = millis;
            this.idleGap = null;
            return this;
        }

        /** An idle window at an explicit place. */
        public Builder idleGap(long startMs, long lengthMs) {
            this.idleGap = new Segment(startMs, startMs + lengthMs);
            this.idleGapLength = 0;
            return this;
        }

        /** Length of the automatic talk turns (default 800 ms). */
        public Builder turnMillis(long millis) {
            this.turnMillis = millis;
            return this;
        }

        /**
         * Whether participant-join events at 0 and active-speaker changes at each talk start are
         * added for meetings (default true).
         */
        public Builder autoEvents(boolean on) {
            this.autoEvents = on;
            return this;
        }

        /** The media kinds the app may see (its scopes); only these URLs go into msg 2. */
        public Builder scopes(MediaKind... kinds) {
            this.scopes = kinds.length == 0 ? EnumSet.noneOf(MediaKind.class) : EnumSet.copyOf(List.of(kinds));
            return this;
        }

        public MeetingScript build() {
            if (idleGapLength > 0) {
                if (idleGapLength >= durationMillis) {
                    throw new IllegalArgumentException("idle gap must be shorter than the script");
                }
                long start = (durationMillis - idleGapLength) / 2;
                idleGap = new Segment(start, start + idleGapLength);
            }
            if (idleGap != null && idleGap.endMs() > durationMillis) {
                throw new IllegalArgumentException("idle gap " + idleGap + " ends after the script (" + durationMillis + " ms)");
            }
            List<Speaker> laidOut = layOut();
            Set<Integer> ids = new LinkedHashSet<>();
            for (Speaker s : laidOut) {
                if (!ids.add(s.userId())) {
                    throw new IllegalArgumentException("two speakers with user_id " + s.userId());
                }
                for (Segment seg : s.talks()) {
                    check(seg.endMs() - 1, "talk of " + s.userName());
                    check(seg.startMs(), "talk of " + s.userName());
                    if (idleGap != null && seg.overlaps(idleGap.startMs(), idleGap.endMs())) {
                        throw new IllegalArgumentException(s.userName() + " talks " + seg + " inside the idle gap " + idleGap);
                    }
                }
            }
            for (TranscriptLine l : transcriptLines) {
                requireSpeaker(ids, l.userId());
                checkNotIdle(l.endMs(), "transcript line");
                check(l.endMs(), "transcript line");
            }
            for (ChatMessage c : chat) {
                requireSpeaker(ids, c.userId());
                checkNotIdle(c.atMs(), "chat message");
            }
            for (VideoFrame f : videoFrames) {
                requireSpeaker(ids, f.userId());
                checkNotIdle(f.atMs(), "video frame");
            }
            List<ScriptEvent> allEvents = new ArrayList<>(events);
            for (ScriptEvent e : events) {
                check(e.atMs(), "event");
                e.userIds().forEach(id -> requireSpeaker(ids, id));
            }
            if (autoEvents && !laidOut.isEmpty() && events.stream().noneMatch(ScriptEvent::contactCenter)) {
                allEvents.add(new ScriptEvent(0, EventType.PARTICIPANT_JOIN, List.copyOf(ids), false));
                allEvents.addAll(activeSpeakerChanges(laidOut));
            }
            return new MeetingScript(this, laidOut, allEvents);
        }

        private List<Speaker> layOut() {
            List<Speaker> unplaced = speakers.stream().filter(s -> s.talks().isEmpty()).toList();
            if (unplaced.isEmpty()) {
                return speakers;
            }
            List<Speaker> result = new ArrayList<>(speakers);
            int turn = 0;
            for (long t = 0; t < durationMillis; t += turnMillis) {
                long end = Math.min(durationMillis, t + turnMillis);
                long from = t;
                if (idleGap != null && idleGap.overlaps(from, end)) {
                    // Cut the turn around the idle window.
                    if (from < idleGap.startMs()) {
                        end = idleGap.startMs();
                    } else {
                        from = idleGap.endMs();
                        if (from >= end) {
                            continue;
                        }
                    }
                }
                Speaker s = unplaced.get(turn++ % unplaced.size());
                int idx = result.indexOf(find(result, s.userId()));
                result.set(idx, result.get(idx).talks(from, end));
            }
            return result;
        }

        private static Speaker find(List<Speaker> list, int userId) {
            return list.stream().filter(s -> s.userId() == userId).findFirst().orElseThrow();
        }

        private static List<ScriptEvent> activeSpeakerChanges(List<Speaker> speakers) {
            List<long[]> starts = new ArrayList<>();
            for (Speaker s : speakers) {
                for (Segment seg : s.talks()) {
                    starts.add(new long[] {seg.startMs(), s.userId()});
                }
            }
            starts.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
            List<ScriptEvent> list = new ArrayList<>();
            long current = 0;
            for (long[] st : starts) {
                if (st[1] != current) {
                    list.add(new ScriptEvent(st[0], EventType.ACTIVE_SPEAKER_CHANGE, List.of((int) st[1]), false));
                    current = st[1];
                }
            }
            return list;
        }

        private void requireSpeaker(Set<Integer> ids, int userId) {
            if (!ids.contains(userId)) {
                throw new IllegalArgumentException("user_id " + userId + " is not a speaker of the script");
            }
        }

        private void check(long t, String what) {
            if (t < 0 || t > durationMillis) {
                throw new IllegalArgumentException(what + " at " + t + " ms is outside the script (0.." + durationMillis + " ms)");
            }
        }

        private void checkNotIdle(long t, String what) {
            check(t, what);
            // Content that ends exactly where the gap starts is sent at its start: allowed.
            if (idleGap != null && t > idleGap.startMs() && t < idleGap.endMs()) {
                throw new IllegalArgumentException(what + " at " + t + " ms falls inside the idle gap " + idleGap);
            }
        }
    }

    private static MeetingScript buildStandard() {
        int alice = 16778240;
        int bob = 16779264;
        int carol = 16780288;
        return builder()
                .durationMillis(6000)
                .speakers(
                        Speaker.of(alice, "Alice Example", 1000).talks(0, 1400).talks(5000, 6000),
                        Speaker.of(bob, "Bob Example", 1250).talks(1200, 2600),
                        Speaker.of(carol, "Carol Example", 1500).talks(2600, 3400))
                .idleGap(3400, 1600)
                .transcriptLines(
                        TranscriptLine.of(0, 1400, alice, "Hello everyone, welcome to the simulated meeting."),
                        TranscriptLine.of(1200, 2600, bob, "Thanks Alice. Let me share the quarterly numbers."),
                        TranscriptLine.of(2600, 3400, carol, "Looks good to me."),
                        TranscriptLine.of(5000, 6000, alice, "Let's wrap up, thank you all!"))
                .chat(
                        ChatMessage.text(800, bob, "Hi all"),
                        new ChatMessage(2000, carol, "Here is the agenda", ChatFormat.JSON_STRING),
                        new ChatMessage(3000, alice, "Thanks, see you next week", ChatFormat.JSON_OBJECT))
                .videoFrames(
                        VideoFrame.video(0, alice), VideoFrame.video(500, alice),
                        VideoFrame.video(1000, alice), VideoFrame.video(1500, bob),
                        VideoFrame.share(2000, bob), VideoFrame.share(2500, bob))
                .events(
                        ScriptEvent.meeting(0, EventType.PARTICIPANT_VIDEO_ON, alice),
                        ScriptEvent.meeting(1500, EventType.PARTICIPANT_VIDEO_ON, bob),
                        ScriptEvent.meeting(2000, EventType.SHARING_START, bob),
                        ScriptEvent.meeting(3000, EventType.SHARING_STOP, bob),
                        ScriptEvent.meeting(3400, EventType.PARTICIPANT_VIDEO_OFF, alice, bob),
                        ScriptEvent.meeting(3400, EventType.PARTICIPANT_LEAVE, carol))
                .build();
    }

    private static int zcc(String name) {
        return EventType.code(io.camelrtms.protocol.Product.CONTACT_CENTER, name);
    }

    private static MeetingScript buildContactCenter() {
        int caller = 1001;
        int agent = 1002;
        return builder()
                .durationMillis(4000)
                .speakers(
                        Speaker.of(caller, "Caller", 1100).channel("1").talks(200, 1200).talks(3000, 3600),
                        Speaker.of(agent, "Agent Smith", 1400).channel("2").talks(1200, 2000))
                .idleGap(2000, 1000)
                .transcriptLines(
                        TranscriptLine.of(200, 1200, caller, "Hi, I have a question about my order."),
                        TranscriptLine.of(1200, 2000, agent, "Sure, let me look that up for you."),
                        TranscriptLine.of(3000, 3600, caller, "Thank you, bye."))
                .events(
                        ScriptEvent.contactCenter(0, zcc("CONSUMER_ANSWERED"), caller),
                        ScriptEvent.contactCenter(100, zcc("USER_ANSWERED"), agent),
                        ScriptEvent.contactCenter(2000, zcc("USER_HOLD"), agent),
                        ScriptEvent.contactCenter(3000, zcc("USER_UNHOLD"), agent),
                        ScriptEvent.contactCenter(3900, zcc("USER_END"), agent))
                .scopes(MediaKind.AUDIO, MediaKind.TRANSCRIPT)
                .build();
    }
}
