package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.media.WavHeader;
import io.camelrtms.sink.AtomicFiles;
import io.camelrtms.sink.SafeNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes recordings a crash (or an unclean shutdown) left behind: every stream directory that
 * still holds a {@code .recording} marker. WAV headers are set to the whole frames really on disk,
 * an MP4 loses a torn last fragment, an Ogg Opus file a torn last page (and its last page is marked
 * end-of-stream),
 * a JSON-lines file cut mid-line loses the torn line, subtitles are generated from the transcript,
 * and a manifest marked {@code "recovered": true} replaces the marker.
 */
public final class RecordingRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRecovery.class);
    /** data-dir / product / entity / stream / .recording */
    private static final int MARKER_DEPTH = 4;

    private final ObjectMapper mapper;
    private final long maxCueMs;

    public RecordingRecovery(ObjectMapper mapper, long maxCueMs) {
        this.mapper = mapper;
        this.maxCueMs = maxCueMs;
    }

    /**
     * Recovers every unfinished recording under the data root. Run it before any stream is
     * recorded: a stream being recorded has a marker too.
     *
     * @return the stream directories recovered
     */
    public List<Path> recoverAll(Path dataDir) {
        return recoverAll(dataDir, Set.of());
    }

    /**
     * As {@link #recoverAll(Path)}, leaving alone the streams about to be rejoined after a restart
     * (their recordings continue in the same files).
     *
     * @param resumingStreamIds rtms_stream_ids a restarted component will rejoin
     */
    public List<Path> recoverAll(Path dataDir, Set<String> resumingStreamIds) {
        Set<String> skipped = new HashSet<>();
        resumingStreamIds.forEach(id -> skipped.add(SafeNames.of(id)));
        List<Path> recovered = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return recovered;
        }
        List<Path> markers;
        try (Stream<Path> s = Files.find(dataDir, MARKER_DEPTH,
                (p, attrs) -> attrs.isRegularFile() && p.getFileName().toString().equals(RecordingLayout.MARKER))) {
            markers = s.sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot look for unfinished recordings under {}: {}", dataDir, e.getMessage());
            return recovered;
        }
        for (Path marker : markers) {
            Path streamDir = marker.getParent();
            if (skipped.contains(streamDir.getFileName().toString())) {
                LOG.info("Leaving the recording in {} open: its stream is being rejoined", streamDir);
                continue;
            }
            try {
                ObjectNode manifest = recover(streamDir);
                recovered.add(streamDir);
                LOG.info("Recovered the unfinished recording of stream {} ({} files) in {}",
                        manifest.path("rtms_stream_id").asText(), manifest.path("files").size(), streamDir);
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot recover the recording in {}: {}", streamDir, e.toString());
            }
        }
        return recovered;
    }

    /** Recovers one stream directory and returns the manifest written. */
    public ObjectNode recover(Path streamDir) throws IOException {
        StreamInfo fallback = fromPath(streamDir);
        StreamInfo info = RecordingMarker.read(mapper, streamDir, fallback);
        Instant lastWrite = Instant.EPOCH;
        for (Path f : files(streamDir)) {
            String name = f.getFileName().toString();
            if (name.endsWith(".wav")) {
                repairWav(f);
            } else if (name.endsWith(".opus")) {
                OggOpusWriter.repair(f);
            } else if (name.endsWith(".mp4")) {
                Fmp4Writer.repair(f);
            } else if (name.endsWith(".jsonl")) {
                dropTornLine(f);
            } else if (AtomicFiles.isTemporary(f)) {
                Files.deleteIfExists(f);
                continue;
            }
            if (!name.equals(RecordingLayout.MARKER) && Files.exists(f)) {
                FileTime t = Files.getLastModifiedTime(f);
                if (t.toInstant().isAfter(lastWrite)) {
                    lastWrite = t.toInstant();
                }
            }
        }
        if (lastWrite.equals(Instant.EPOCH)) {
            lastWrite = info.startedAt();
        }
        int cues = Subtitles.writeFiles(mapper, streamDir, info.originMs(), maxCueMs);
        Map<String, ObjectNode> extras = cues < 0 ? Map.of() : Map.of(
                RecordingLayout.TRANSCRIPT_VTT, mapper.createObjectNode().put("cues", cues),
                RecordingLayout.TRANSCRIPT_SRT, mapper.createObjectNode().put("cues", cues));
        ObjectNode manifest = Manifest.build(mapper, streamDir, info,
                new Manifest.Ending(lastWrite, "RECOVERED", null, null, true, null, null, null), extras);
        Manifest.write(mapper, streamDir, manifest);
        RecordingMarker.delete(streamDir);
        return manifest;
    }

    /**
     * Sets a WAV header to the whole frames on disk (RF64 past 4 GiB) and cuts a trailing partial
     * frame. A file too short to hold a header holds no audio and is removed.
     */
    static void repairWav(Path wav) throws IOException {
        try (FileChannel ch = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            WavHeader.Info info;
            try {
                info = WavHeader.read(ch);
            } catch (IOException e) {
                if (ch.size() >= WavHeader.HEADER_SIZE) {
                    throw e;
                }
                ch.close();
                Files.delete(wav);
                LOG.warn("Removed {}: cut short before its header was complete", wav.getFileName());
                return;
            }
            long onDisk = ch.size() - info.dataOffset();
            long whole = onDisk - onDisk % info.format().bytesPerFrame();
            long data = WavHeader.updateSizes(ch, info, whole);
            if (ch.size() > info.dataOffset() + data) {
                ch.truncate(info.dataOffset() + data);
            }
        }
    }

    /** Cuts a JSON-lines file after its last complete line. */
    static void dropTornLine(Path jsonl) throws IOException {
        try (FileChannel ch = FileChannel.open(jsonl, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = size;
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (pos > 0) {
                int n = (int) Math.min(b.capacity(), pos);
                b.clear().limit(n);
                ch.read(b, pos - n);
                for (int i = n - 1; i >= 0; i--) {
                    if (b.get(i) == '\n') {
                        long keep = pos - n + i + 1;
                        if (keep < size) {
                            ch.truncate(keep);
                        }
                        return;
                    }
                }
                pos -= n;
            }
            ch.truncate(0);
        }
    }

    private static List<Path> files(Path streamDir) throws IOException {
        try (Stream<Path> s = Files.walk(streamDir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static StreamInfo fromPath(Path streamDir) {
        Path entity = streamDir.getParent();
        Path product = entity == null ? null : entity.getParent();
        Instant started = Instant.EPOCH;
        try {
            started = Files.getLastModifiedTime(streamDir).toInstant();
        } catch (IOException ignored) {
            // keep the epoch
        }
        return new StreamInfo(product == null ? null : product.getFileName().toString(), null,
                entity == null ? null : entity.getFileName().toString(), streamDir.getFileName().toString(),
                null, started, -1);
    }

    /** For logging and tests: the recordings a data root still holds unfinished. */
    public static long unfinished(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        try (Stream<Path> s = Files.find(dataDir, MARKER_DEPTH,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(RecordingLayout.MARKER))) {
            return s.count();
        }
    }
}
