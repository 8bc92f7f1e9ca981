package io.camelrtms.sink.file;

import io.camelrtms.sink.SafeNames;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a stream's files live under the data root. The layout is a public contract that users and
 * tools depend on:
 * <pre>
 * &lt;data-dir&gt;/&lt;product&gt;/&lt;safe entity id&gt;/&lt;safe rtms_stream_id&gt;/
 *     audio.wav                 mixed audio (RF64 past 4 GiB)
 *     audio/&lt;speaker&gt;.wav       per-speaker audio (user_id, or the Contact Center channel_id)
 *     audio.opus, audio/&lt;speaker&gt;.opus   Ogg Opus as Zoom sent it (rtms.recording.opus: keep or both)
 *     transcript.jsonl|vtt|srt
 *     chat.jsonl
 *     events.jsonl
 *     video/&lt;user&gt;.mp4          H.264 in fragmented MP4 (.h264 Annex-B with rtms.recording.h264: annex-b),
 *                               or video/&lt;user&gt;/&lt;timestamp&gt;-&lt;sequence&gt;.jpg|png
 *     deskshare/…               the same for screen share
 *     manifest.json             written when the stream stops
 *     .recording                present while the stream is being recorded
 * </pre>
 */
public final class RecordingLayout {

    public static final String MIXED_AUDIO = "audio.wav";
    public static final String MIXED_OPUS = "audio.opus";
    public static final String SPEAKER_AUDIO_DIR = "audio";
    public static final String TRANSCRIPT_JSONL = "transcript.jsonl";
    public static final String TRANSCRIPT_VTT = "transcript.vtt";
    public static final String TRANSCRIPT_SRT = "transcript.srt";
    public static final String CHAT_JSONL = "chat.jsonl";
    public static final String EVENTS_JSONL = "events.jsonl";
    public static final String VIDEO_DIR = "video";
    public static final String DESKSHARE_DIR = "deskshare";
    public static final String MANIFEST = "manifest.json";
    /** Present while a stream is being recorded; a stream directory holding it after a restart was not finished. */
    public static final String MARKER = ".recording";

    private RecordingLayout() {
    }

    /** The directory of one stream. */
    public static Path streamDir(Path dataDir, String product, String entityId, String streamId) {
        String productDir = product == null || product.isBlank() ? "unknown" : SafeNames.of(product.toLowerCase(Locale.ROOT));
        String entityDir = entityId == null || entityId.isBlank() ? "unknown" : SafeNames.of(entityId);
        return dataDir.resolve(productDir).resolve(entityDir).resolve(SafeNames.of(streamId));
    }

    /** The path, relative to the stream directory, of an audio file: mixed, or one speaker's. */
    public static String audioFile(String speaker) {
        return speaker == null ? MIXED_AUDIO : SPEAKER_AUDIO_DIR + "/" + SafeNames.of(speaker) + ".wav";
    }

    /** The path, relative to the stream directory, of an Ogg Opus file: mixed, or one speaker's. */
    public static String opusFile(String speaker) {
        return speaker == null ? MIXED_OPUS : SPEAKER_AUDIO_DIR + "/" + SafeNames.of(speaker) + ".opus";
    }
}
