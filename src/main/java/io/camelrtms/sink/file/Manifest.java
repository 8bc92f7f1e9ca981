package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.media.WavHeader;
import io.camelrtms.sink.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code manifest.json}: what a stream's directory holds. Files are described from what is on disk
 * (so the manifest is right after a crash too) and enriched with what only the live recording knew
 * (speaker names, gaps filled, concealment), keyed by the file's relative path.
 */
public final class Manifest {

    /** Bumped when a field changes meaning; new fields may appear without a bump. */
    public static final int VERSION = 1;

    /**
     * How the stream ended.
     *
     * @param stoppedAt      when the recording was finalised
     * @param lifecycle      STOPPED, FAILED, or RECOVERED for a recording finished by the recovery pass
     * @param stopReason     Zoom's stop reason code, or {@code null}
     * @param stopReasonName its name, or {@code null}
     * @param recovered      finished by the recovery pass after a crash or an unclean shutdown
     * @param decodeErrors   audio packets that could not be decoded, or {@code null} when unknown
     * @param reconnects     how often the stream reconnected, or {@code null} when unknown
     * @param outages        the windows without media ({@code from}, {@code to}, {@code ms}, {@code cause}),
     *                       or {@code null} when unknown: what is missing from the files is inside them
     */
    public record Ending(Instant stoppedAt, String lifecycle, Integer stopReason, String stopReasonName,
                         boolean recovered, Long decodeErrors, Integer reconnects, JsonNode outages) {
    }

    private Manifest() {
    }

    /** Builds the manifest of a stream directory. */
    public static ObjectNode build(ObjectMapper mapper, Path streamDir, StreamInfo info, Ending ending,
                                   Map<String, ObjectNode> extras) throws IOException {
        ObjectNode m = mapper.createObjectNode();
        m.put("manifest_version", VERSION);
        m.setAll(info.toJson(mapper));
        m.put("stopped_at", ending.stoppedAt().toString());
        m.put("lifecycle", ending.lifecycle());
        if (ending.stopReason() != null) {
            m.put("stop_reason", ending.stopReason());
        } else {
            m.putNull("stop_reason");
        }
        if (ending.stopReasonName() != null) {
            m.put("stop_reason_name", ending.stopReasonName());
        } else {
            m.putNull("stop_reason_name");
        }
        m.put("recovered", ending.recovered());
        if (ending.decodeErrors() != null) {
            m.put("audio_decode_errors", ending.decodeErrors());
        } else {
            m.putNull("audio_decode_errors");
        }
        if (ending.reconnects() != null) {
            m.put("reconnects", ending.reconnects());
        }
        if (ending.outages() != null) {
            m.set("outages", ending.outages());
        }
        ArrayNode files = m.putArray("files");
        for (ObjectNode f : describe(mapper, streamDir)) {
            ObjectNode extra = extras.get(f.get("path").asText());
            if (extra != null) {
                f.setAll(extra);
            }
            files.add(f);
        }
        return m;
    }

    /** Writes {@code manifest.json} atomically. */
    public static void write(ObjectMapper mapper, Path streamDir, ObjectNode manifest) throws IOException {
        AtomicFiles.write(streamDir.resolve(RecordingLayout.MANIFEST), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    /** One entry per recorded file, and one per directory of image frames, in a stable order. */
    static List<ObjectNode> describe(ObjectMapper mapper, Path streamDir) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        addIfFile(out, mapper, streamDir, RecordingLayout.MIXED_AUDIO);
        addIfFile(out, mapper, streamDir, RecordingLayout.MIXED_OPUS);
        for (Path p : list(streamDir.resolve(RecordingLayout.SPEAKER_AUDIO_DIR))) {
            String name = p.getFileName().toString();
            if (Files.isRegularFile(p) && (name.endsWith(".wav") || name.endsWith(".opus"))) {
                out.add(describeFile(mapper, streamDir, p));
            }
        }
        for (String name : List.of(RecordingLayout.TRANSCRIPT_JSONL, RecordingLayout.TRANSCRIPT_VTT,
                RecordingLayout.TRANSCRIPT_SRT, RecordingLayout.CHAT_JSONL, RecordingLayout.EVENTS_JSONL)) {
            addIfFile(out, mapper, streamDir, name);
        }
        for (String kind : List.of(RecordingLayout.VIDEO_DIR, RecordingLayout.DESKSHARE_DIR)) {
            for (Path p : list(streamDir.resolve(kind))) {
                if (Files.isRegularFile(p)) {
                    out.add(describeFile(mapper, streamDir, p));
                } else if (Files.isDirectory(p)) {
                    out.add(describeFrames(mapper, streamDir, p));
                }
            }
        }
        return out;
    }

    private static void addIfFile(List<ObjectNode> out, ObjectMapper mapper, Path streamDir, String name) throws IOException {
        Path p = streamDir.resolve(name);
        if (Files.isRegularFile(p)) {
            out.add(describeFile(mapper, streamDir, p));
        }
    }

    private static ObjectNode describeFile(ObjectMapper mapper, Path streamDir, Path file) throws IOException {
        String rel = relative(streamDir, file);
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ObjectNode f = mapper.createObjectNode();
        f.put("path", rel);
        f.put("media_type", mediaType(rel));
        f.put("format", ext);
        long bytes = Files.size(file);
        switch (ext) {
            case "wav" -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    WavHeader.Info info = WavHeader.read(ch);
                    PcmFormat fmt = info.format();
                    long frames = Math.min(info.declaredBytes(), ch.size() - info.dataOffset()) / fmt.bytesPerFrame();
                    f.put("codec", "pcm_s16le");
                    f.put("sample_rate", fmt.sampleRate());
                    f.put("channels", fmt.channels());
                    f.put("frames", frames);
                    f.put("duration_ms", fmt.millisOf(frames));
                } catch (IOException e) {
                    f.put("error", "unreadable WAV header: " + e.getMessage());
                }
            }
            case "opus" -> {
                OggOpusWriter.Scan scan = OggOpusWriter.Scan.of(file);
                if (scan.playable()) {
                    f.put("codec", "opus");
                    f.put("container", "ogg");
                    f.put("sample_rate", 48000);
                    f.put("channels", scan.channels());
                    f.put("duration_ms", scan.samples() / 48);
                } else {
                    f.put("error", "no Ogg Opus headers");
                }
            }
            case "mp4" -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    Fmp4Scan scan = Fmp4Scan.of(ch);
                    f.put("codec", "h264");
                    f.put("container", "fragmented-mp4");
                    f.put("frames", scan.samples());
                    // the track's timescale is milliseconds on the stream's timeline
                    f.put("start_ms", scan.startTime());
                    f.put("duration_ms", scan.endTime() - scan.startTime());
                }
            }
            case "jsonl" -> f.put("lines", countLines(file));
            default -> {
                // vtt, srt, h264 (Annex-B): the size says enough
            }
        }
        f.put("bytes", bytes);
        return f;
    }

    private static ObjectNode describeFrames(ObjectMapper mapper, Path streamDir, Path dir) throws IOException {
        long frames = 0;
        long bytes = 0;
        String format = null;
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (Files.isRegularFile(p) && !AtomicFiles.isTemporary(p)) {
                frames++;
                bytes += Files.size(p);
                if (format == null) {
                    format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                }
            }
        }
        ObjectNode f = mapper.createObjectNode();
        f.put("path", relative(streamDir, dir) + "/");
        f.put("media_type", mediaType(relative(streamDir, dir)));
        f.put("format", format);
        f.put("frames", frames);
        f.put("bytes", bytes);
        return f;
    }

    private static String mediaType(String rel) {
        if (rel.startsWith("audio")) {
            return "AUDIO";
        }
        if (rel.startsWith("transcript")) {
            return "TRANSCRIPT";
        }
        if (rel.startsWith("chat")) {
            return "CHAT";
        }
        if (rel.startsWith("events")) {
            return "EVENT";
        }
        if (rel.startsWith(RecordingLayout.DESKSHARE_DIR)) {
            return "DESKSHARE";
        }
        return rel.startsWith(RecordingLayout.VIDEO_DIR) ? "VIDEO" : "OTHER";
    }

    private static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String relative(Path streamDir, Path p) {
        return streamDir.relativize(p).toString().replace('\\', '/');
    }
}
