package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.sink.SafeNames;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one stream while it is recorded. Written by the stream's exchanges, one thread at a
 * time; {@link #flush()} is called from the recorder's scheduler, which is why the file maps are
 * concurrent and every writer guards itself.
 */
public final class StreamRecording {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRecording.class);
    private static final String MIXED_KEY = "";

    private final Path dir;
    private final ObjectMapper mapper;
    private final RecorderSettings settings;
    private final RecordingStatistics statistics;
    private volatile StreamInfo info;
    private final Map<String, AudioTrack> audio = new ConcurrentHashMap<>();
    private final Map<String, OpusTrack> opus = new ConcurrentHashMap<>();
    private final Map<String, AnnexBWriter> h264 = new ConcurrentHashMap<>();
    private final Map<String, Fmp4Writer> mp4 = new ConcurrentHashMap<>();
    private final Map<String, ImageSequenceWriter> images = new ConcurrentHashMap<>();
    private final Map<String, JsonLinesWriter> text = new ConcurrentHashMap<>();
    /** The audio writers holding PCM under the write delay, for {@link #drainDue}; replaced on change. */
    private volatile RecordingWriter[] delayed = new RecordingWriter[0];
    private final WriteDelaySweep sweep;
    private volatile boolean closed;

    private StreamRecording(Path dir, ObjectMapper mapper, RecorderSettings settings, StreamInfo info,
                            RecordingStatistics statistics, WriteDelaySweep sweep) {
        this.dir = dir;
        this.mapper = mapper;
        this.settings = settings;
        this.info = info;
        this.statistics = statistics;
        this.sweep = sweep;
    }

    /**
     * Starts (or resumes, after a restart) the recording of a stream: creates its directory and the
     * {@code .recording} marker. A resumed stream keeps its origin so its files stay on one timeline.
     */
    public static StreamRecording open(Path dir, ObjectMapper mapper, RecorderSettings settings, StreamInfo info)
            throws IOException {
        return open(dir, mapper, settings, info, null, null);
    }

    /**
     * As {@link #open(Path, ObjectMapper, RecorderSettings, StreamInfo)}, reporting written audio to these
     * statistics and joining the sweep (when not null) once an audio file holds PCM under the write delay.
     */
    static StreamRecording open(Path dir, ObjectMapper mapper, RecorderSettings settings, StreamInfo info,
                                RecordingStatistics statistics, WriteDelaySweep sweep) throws IOException {
        StreamInfo known = info;
        if (RecordingMarker.exists(dir) || Files.isRegularFile(dir.resolve(RecordingLayout.MANIFEST))) {
            StreamInfo earlier = RecordingMarker.read(mapper, dir, info);
            known = new StreamInfo(info.product(), info.entityKey(), info.entityId(), info.streamId(),
                    info.serverRegion() != null ? info.serverRegion() : earlier.serverRegion(),
                    earlier.startedAt(), earlier.originMs());
            LOG.info("Resuming the recording of stream {}", info.streamId());
        }
        Files.createDirectories(dir);
        RecordingMarker.write(mapper, dir, known);
        return new StreamRecording(dir, mapper, settings, known, statistics, sweep);
    }

    public Path dir() {
        return dir;
    }

    public StreamInfo info() {
        return info;
    }

    /** Fixes the stream's time zero at the first Zoom timestamp seen (kept in the marker for recovery). */
    public void noteOrigin(long timestampMs) throws IOException {
        if (info.originMs() < 0 && timestampMs > 0) {
            info = info.withOrigin(timestampMs);
            RecordingMarker.write(mapper, dir, info);
        }
    }

    /**
     * Writes decoded audio.
     *
     * @param speaker         user id or channel id for per-speaker audio, {@code null} for mixed
     * @param timestampMs     Zoom's packet timestamp (of the first packet), or {@code null}
     * @param concealedFrames frames at the start of {@code pcm} standing in for lost packets
     * @param packets         how many consecutive packets {@code pcm} holds (one, or the rtms: consumer's audioBatch)
     */
    public void audio(byte[] pcm, PcmFormat format, String speaker, String userName, String sourceCodec,
                      Long timestampMs, int concealedFrames, int packets) throws IOException {
        String key = speaker == null ? MIXED_KEY : speaker;
        AudioTrack track = audio.get(key);
        if (track == null) {
            String rel = RecordingLayout.audioFile(speaker);
            WavFileWriter w = WavFileWriter.append(dir.resolve(rel), format, settings.writeBufferBytes())
                    .maxWriteDelay(settings.maxWriteDelay());
            if (statistics != null) {
                w.reportTo(statistics);
            }
            track = new AudioTrack(w, rel, speaker, settings.gapPolicy());
            audio.put(key, track);
            addDelayed(w);
        }
        track.describe(userName, sourceCodec);
        long origin = info.originMs();
        Long offset = timestampMs == null || origin < 0 ? null : timestampMs - origin;
        track.write(pcm, format, offset, concealedFrames, timestampMs == null ? WavFileWriter.NO_TIMESTAMP : timestampMs, packets);
    }

    /**
     * Writes an Opus packet as Zoom sent it to the speaker's (or the mixed) Ogg Opus file.
     *
     * @param channels        the stream's channel count
     * @param inputSampleRate the rate Zoom encoded at, for the OpusHead
     * @param timestampMs     Zoom's packet timestamp, or {@code null}
     */
    public void opus(byte[] packet, int channels, int inputSampleRate, String speaker, String userName, Long timestampMs)
            throws IOException {
        String key = speaker == null ? MIXED_KEY : speaker;
        OpusTrack track = opus.get(key);
        if (track == null) {
            String rel = RecordingLayout.opusFile(speaker);
            OggOpusWriter w = OggOpusWriter.append(dir.resolve(rel), channels, inputSampleRate)
                    .maxWriteDelay(settings.maxWriteDelay());
            if (statistics != null && !settings.opus().decodes()) {
                // counted here only when no WAV counts the same packets
                w.reportTo(statistics::audioWritten);
            }
            track = new OpusTrack(w, rel, speaker, settings.gapPolicy());
            opus.put(key, track);
            addDelayed(w);
        }
        track.describe(userName);
        long origin = info.originMs();
        track.write(packet, timestampMs == null || origin < 0 ? null : timestampMs - origin,
                timestampMs == null ? OggOpusWriter.NO_TIMESTAMP : timestampMs);
    }

    /** Appends a transcript line to {@code transcript.jsonl}. */
    public void transcript(TranscriptEntry entry) throws IOException {
        lines(RecordingLayout.TRANSCRIPT_JSONL).append(entry.toJson(mapper));
    }

    /** Appends a chat line to {@code chat.jsonl}. */
    public void chat(ObjectNode line) throws IOException {
        lines(RecordingLayout.CHAT_JSONL).append(line);
    }

    /** Appends an event or lifecycle line to {@code events.jsonl}. */
    public void event(ObjectNode line) throws IOException {
        lines(RecordingLayout.EVENTS_JSONL).append(line);
    }

    /**
     * Stores a video or deskshare payload.
     *
     * @param kindDir  {@link RecordingLayout#VIDEO_DIR} or {@link RecordingLayout#DESKSHARE_DIR}
     * @param format   {@code h264}, {@code jpg} or {@code png}
     */
    public void video(String kindDir, String user, String format, byte[] data, long timestampMs, long sequence)
            throws IOException {
        String owner = SafeNames.of(user == null || user.isEmpty() ? "0" : user);
        if (format.equals("h264") && settings.h264() == H264Container.MP4) {
            String rel = kindDir + "/" + owner + ".mp4";
            Fmp4Writer w = mp4.get(rel);
            if (w == null) {
                w = Fmp4Writer.open(dir.resolve(rel));
                mp4.put(rel, w);
            }
            long origin = info.originMs();
            w.write(data, timestampMs > 0 && origin >= 0 ? timestampMs - origin : -1);
        } else if (format.equals("h264")) {
            String rel = kindDir + "/" + owner + ".h264";
            AnnexBWriter w = h264.get(rel);
            if (w == null) {
                w = AnnexBWriter.open(dir.resolve(rel), settings.writeBufferBytes());
                h264.put(rel, w);
            }
            w.write(data);
        } else {
            String rel = kindDir + "/" + owner;
            ImageSequenceWriter w = images.get(rel);
            if (w == null) {
                w = new ImageSequenceWriter(dir.resolve(rel), format.toLowerCase(Locale.ROOT));
                images.put(rel, w);
            }
            w.write(data, timestampMs, sequence);
        }
    }

    private JsonLinesWriter lines(String name) throws IOException {
        JsonLinesWriter w = text.get(name);
        if (w == null) {
            w = JsonLinesWriter.open(dir.resolve(name), mapper);
            text.put(name, w);
        }
        return w;
    }

    /** Hands to the operating system the audio buffers whose oldest PCM has waited the longest write delay. */
    public void drainDue(long nowNanos) throws IOException {
        if (closed) {
            return;
        }
        for (RecordingWriter w : delayed) {
            w.drainIfDue(nowNanos);
        }
    }

    /** Called by the one thread writing the stream when it opens an audio file. */
    private void addDelayed(RecordingWriter w) {
        RecordingWriter[] now = delayed;
        RecordingWriter[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = w;
        delayed = next;
        if (sweep != null && settings.maxWriteDelay().toNanos() > 0) {
            sweep.add(this);
        }
    }

    /** Hands buffered audio and video to the operating system and updates WAV headers. */
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        for (AudioTrack t : audio.values()) {
            t.writer().flush();
        }
        for (OpusTrack t : opus.values()) {
            t.writer().flush();
        }
        for (AnnexBWriter w : h264.values()) {
            w.flush();
        }
        for (Fmp4Writer w : mp4.values()) {
            w.flush();
        }
    }

    /**
     * Finishes the recording: closes every file, writes {@code transcript.vtt}/{@code .srt} and
     * {@code manifest.json}, and removes the marker.
     *
     * @return the manifest written
     */
    public ObjectNode finish(Manifest.Ending ending) throws IOException {
        closeFiles();
        Map<String, ObjectNode> extras = new HashMap<>();
        for (AudioTrack t : audio.values()) {
            PcmFormat f = t.writer().format();
            ObjectNode e = mapper.createObjectNode();
            if (t.speaker() != null) {
                e.put("user_id", t.speaker());
            }
            if (t.userName() != null) {
                e.put("user_name", t.userName());
            }
            if (t.sourceCodec() != null) {
                e.put("source_codec", t.sourceCodec());
            }
            e.put("gaps_filled", t.gapsFilled());
            e.put("gap_fill_ms", f.millisOf(t.gapFrames()));
            e.put("leading_silence_ms", f.millisOf(t.leadingFrames()));
            e.put("concealed_ms", f.millisOf(t.concealedFrames()));
            e.put("dropped_chunks", t.droppedChunks());
            extras.put(t.relativePath(), e);
        }
        for (OpusTrack t : opus.values()) {
            ObjectNode e = mapper.createObjectNode();
            if (t.speaker() != null) {
                e.put("user_id", t.speaker());
            }
            if (t.userName() != null) {
                e.put("user_name", t.userName());
            }
            e.put("gaps_filled", t.gapsFilled());
            e.put("gap_fill_ms", t.gapMillis());
            e.put("leading_silence_ms", t.leadingMillis());
            e.put("dropped_chunks", t.droppedPackets());
            extras.put(t.relativePath(), e);
        }
        int cues = Subtitles.writeFiles(mapper, dir, info.originMs(), settings.maxCue().toMillis());
        if (cues >= 0) {
            extras.put(RecordingLayout.TRANSCRIPT_VTT, mapper.createObjectNode().put("cues", cues));
            extras.put(RecordingLayout.TRANSCRIPT_SRT, mapper.createObjectNode().put("cues", cues));
        }
        ObjectNode manifest = Manifest.build(mapper, dir, info, ending, extras);
        Manifest.write(mapper, dir, manifest);
        RecordingMarker.delete(dir);
        return manifest;
    }

    /**
     * Closes every file, leaving the marker: for an application shutting down mid-stream. The files
     * are complete and valid; the next start's recovery pass finishes the recording.
     */
    public void closeFiles() throws IOException {
        closed = true;
        leaveSweep();
        IOException first = null;
        for (RecordingWriter c : allFiles()) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Lets go of every file without writing to it: no buffered data, no header update, no end-of-stream
     * mark, and the marker and manifest stay as they are. For a stream this node was fenced off, whose
     * next owner may already have continued or finished these files; only the file handles are released.
     */
    public void abandonFiles() {
        closed = true;
        leaveSweep();
        for (RecordingWriter w : allFiles()) {
            try {
                w.abandon();
            } catch (IOException e) {
                // closing a channel without writing can only fail to release it, which changes no file
                LOG.debug("Releasing {} of stream {}: {}", dir.getFileName(), info.streamId(), e.getMessage());
            }
        }
    }

    private void leaveSweep() {
        if (sweep != null) {
            sweep.remove(this);
        }
    }

    /**
     * Deletes everything stored for the stream (STREAM_REVOKED), and the entity directory too when
     * that leaves it empty, so not even the meeting id remains on disk.
     */
    public void delete() throws IOException {
        try {
            closeFiles();
        } catch (IOException e) {
            LOG.debug("Closing files of a revoked stream: {}", e.getMessage());
        }
        deleteTree(dir);
    }

    /** Deletes a stream directory and, when it was the last one, its entity directory. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Path entity = dir.getParent();
        try {
            if (entity != null) {
                Files.deleteIfExists(entity);
            }
        } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException stillInUse) {
            // other streams of the same meeting keep it
        }
    }

    private List<RecordingWriter> allFiles() {
        List<RecordingWriter> all = new ArrayList<>();
        audio.values().forEach(t -> all.add(t.writer()));
        opus.values().forEach(t -> all.add(t.writer()));
        all.addAll(h264.values());
        all.addAll(mp4.values());
        all.addAll(text.values());
        return all;
    }
}
