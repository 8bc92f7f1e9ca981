package io.camelrtms.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Resolution;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Pre-encodes a script's data messages once per (script, negotiated format) and shares them:
 * the per-stream playback only fills in timestamps, which keeps hundreds of concurrent streams
 * cheap. Thread-safe; a track being built is built once, concurrent callers wait for it.
 */
final class PacketLibrary {

    /** Audio format of a track. */
    record AudioSpec(Codec codec, int sampleRate, int channels, int sendRate, boolean perSpeaker, boolean contactCenter) {
        static AudioSpec of(MediaParams.Audio a, boolean contactCenter) {
            return new AudioSpec(a.codec(), a.sampleRate().hertz(), a.channels(), a.sendRate(), a.perSpeaker(), contactCenter);
        }
    }

    /** Video or screen-share format of a track; {@code perParticipant}: the fps holds per participant (individual video). */
    record VideoSpec(MediaKind kind, Codec codec, Resolution resolution, int fps, boolean perParticipant) {
    }

    /** Transcript format: the language to announce, and whether ids are Contact Center channels. */
    record TranscriptSpec(int languageOverride, boolean contactCenter) {
    }

    record ChatSpec(boolean contactCenter) {
    }

    private record Key(MeetingScript script, Object spec) {
    }

    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private final Map<Key, CompletableFuture<Track>> tracks = new ConcurrentHashMap<>();

    /** The track for a spec, building it on first use (blocking: call off the event loop). */
    Track track(MeetingScript script, Object spec) {
        Key key = new Key(script, spec);
        CompletableFuture<Track> mine = new CompletableFuture<>();
        CompletableFuture<Track> existing = tracks.putIfAbsent(key, mine);
        if (existing != null) {
            try {
                return existing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a track", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("building a track failed", e.getCause());
            }
        }
        try {
            Track t = build(script, spec);
            mine.complete(t);
            return t;
        } catch (RuntimeException e) {
            tracks.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** True when the track is already built, so a caller may use it on the event loop. */
    boolean isReady(MeetingScript script, Object spec) {
        CompletableFuture<Track> f = tracks.get(new Key(script, spec));
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private static Track build(MeetingScript script, Object spec) {
        if (spec instanceof AudioSpec a) {
            return audio(script, a);
        } else if (spec instanceof VideoSpec v) {
            return video(script, v);
        } else if (spec instanceof TranscriptSpec t) {
            return transcript(script, t);
        } else if (spec instanceof ChatSpec c) {
            return chat(script, c);
        }
        throw new IllegalArgumentException("unknown track spec " + spec);
    }

    private static Track audio(MeetingScript script, AudioSpec spec) {
        int samplesPerFrame = spec.sampleRate() * spec.sendRate() / 1000;
        long frames = script.durationMillis() / spec.sendRate();
        List<Track.Message> messages = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        if (spec.perSpeaker()) {
            script.speakers().forEach(s -> sources.add(s.userId()));
        } else {
            sources.add(0);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        for (int userId : sources) {
            short[] pcm = script.sourcePcm(userId, spec.sampleRate(), spec.channels());
            AudioFrameEncoder encoder = AudioFrameEncoder.create(spec.codec(), pcm, spec.sampleRate(), spec.channels());
            MeetingScript.Speaker speaker = userId == 0 ? null : script.speaker(userId);
            String who = who(spec.contactCenter(), userId, speaker);
            for (long k = 0; k < frames; k++) {
                long start = k * spec.sendRate();
                long end = start + spec.sendRate();
                // Muted sources send nothing (per-speaker), and the mix is silent only when nobody talks.
                boolean active = speaker != null ? speaker.activeIn(start, end) : script.anyoneTalking(start, end);
                if (!active) {
                    continue;
                }
                byte[] payload = encoder.encode((int) (k * samplesPerFrame), samplesPerFrame);
                String prefix = "{\"msg_type\":14,\"content\":{" + who + ",\"data\":\"" + b64.encodeToString(payload)
                        + "\",\"timestamp\":";
                messages.add(new Track.Stamped(end, userId, prefix, start));
            }
        }
        messages.sort(Comparator.comparingLong((Track.Message m) -> m.sendAtMs).thenComparingInt(m -> m.userId));
        return new Track(messages);
    }

    private static Track video(MeetingScript script, VideoSpec spec) {
        int msgType = spec.kind().dataMessage().code();
        long minGap = 1000L / Math.max(1, spec.fps());
        List<Track.Message> messages = new ArrayList<>();
        Base64.Encoder b64 = Base64.getEncoder();
        // The frame rate holds for the one video stream, or for each participant's own (individual video).
        Map<Integer, Long> lastByStream = new HashMap<>();
        // numbered per user: each user's H.264 starts as an encoder's does, with SPS, PPS and an IDR frame
        Map<Integer, Integer> index = new HashMap<>();
        for (MeetingScript.VideoFrame f : script.videoFrames()) {
            int stream = spec.perParticipant() ? f.userId() : 0;
            Long last = lastByStream.get(stream);
            if (f.kind() != spec.kind() || (last != null && f.atMs() - last < minGap)) {
                continue;
            }
            lastByStream.put(stream, f.atMs());
            int n = index.merge(f.userId(), 1, Integer::sum) - 1;
            byte[] image = ImageFrames.frame(spec.codec(), spec.resolution(), spec.kind(), f.userId(), n);
            String prefix = "{\"msg_type\":" + msgType + ",\"content\":{" + who(false, f.userId(), script.speaker(f.userId()))
                    + ",\"data\":\"" + b64.encodeToString(image) + "\",\"timestamp\":";
            messages.add(new Track.Stamped(f.atMs(), f.userId(), prefix, f.atMs()));
        }
        return new Track(messages);
    }

    private static Track transcript(MeetingScript script, TranscriptSpec spec) {
        List<Track.Message> messages = new ArrayList<>();
        for (MeetingScript.TranscriptLine line : script.transcriptLines()) {
            String prefix = "{\"msg_type\":17,\"content\":{" + who(spec.contactCenter(), line.userId(), script.speaker(line.userId()))
                    + ",\"data\":\"" + quote(line.text()) + "\",\"timestamp\":";
            int language = spec.languageOverride() >= 0 ? spec.languageOverride() : line.language();
            messages.add(new Track.Transcript(line.userId(), prefix, line.startMs(), line.endMs(), language));
        }
        return new Track(messages);
    }

    private static Track chat(MeetingScript script, ChatSpec spec) {
        List<Track.Message> messages = new ArrayList<>();
        int n = 0;
        for (MeetingScript.ChatMessage c : script.chat()) {
            MeetingScript.Speaker sender = script.speaker(c.userId());
            String data = switch (c.format()) {
                case TEXT -> "\"" + quote(c.text()) + "\"";
                case JSON_STRING -> "\"" + quote(chatDocument(c, sender, n).toString()) + "\"";
                case JSON_OBJECT -> chatDocument(c, sender, n).toString();
            };
            n++;
            String prefix = "{\"msg_type\":18,\"content\":{" + who(spec.contactCenter(), c.userId(), sender)
                    + ",\"data\":" + data + ",\"timestamp\":";
            messages.add(new Track.Stamped(c.atMs(), c.userId(), prefix, c.atMs()));
        }
        return new Track(messages);
    }

    /**
     * The June-2026 chat document. Its field names come from Zoom's library types; the text's own
     * field name is not published, so it goes under {@code content}.
     */
    static ObjectNode chatDocument(MeetingScript.ChatMessage c, MeetingScript.Speaker sender, int n) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ObjectNode session = doc.putObject("chat_session");
        session.put("type", 1); // EVERYONE
        session.put("id", "everyone");
        doc.put("operation_type", 1); // NEW
        doc.put("message_id", "sim-msg-" + n + "-" + c.atMs());
        doc.put("parent_message_id", "");
        ObjectNode from = doc.putObject("sender");
        from.put("user_id", sender.userId());
        from.put("user_name", sender.userName());
        doc.putObject("receiver").put("type", 1);
        doc.put("content", c.text());
        doc.putArray("files");
        return doc;
    }

    /** The identity fields of a content object; Contact Center names channels, not users. */
    private static String who(boolean contactCenter, int userId, MeetingScript.Speaker speaker) {
        if (contactCenter) {
            return "\"channel_id\":\"" + (speaker == null ? "0" : quote(speaker.channelId())) + "\"";
        }
        return "\"user_id\":" + userId + ",\"user_name\":\"" + (speaker == null ? "" : quote(speaker.userName())) + "\"";
    }

    private static String quote(String s) {
        return new String(QUOTE.quoteAsString(s));
    }
}
