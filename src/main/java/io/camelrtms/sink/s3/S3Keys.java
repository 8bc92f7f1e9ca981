package io.camelrtms.sink.s3;

import io.camelrtms.sink.AtomicFiles;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the recording layout goes in the bucket: a stream directory's key is its path under the
 * data root, below the prefix ({@code <prefix>/<product>/<safe entity id>/<safe stream id>}), a
 * file's key that plus its relative path, and a rolling segment's key lies under
 * {@code <stream key>/segments/}. Also what each file of the layout is: its media type and its
 * content type.
 */
public final class S3Keys {

    /** The directory under a stream's key that holds the rolling segments of its growing files. */
    public static final String SEGMENTS = "segments";

    private final Path dataDir;
    private final String prefix;

    /**
     * @param dataDir the recorder's data root
     * @param prefix  key prefix ({@code ""} or {@code null} for none); slashes around it are dropped
     */
    public S3Keys(Path dataDir, String prefix) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = p;
    }

    /** The data root, absolute and normalised. */
    public Path dataDir() {
        return dataDir;
    }

    /** The key of a stream directory (no trailing slash). */
    public String streamKey(Path streamDir) {
        String rel = dataDir.relativize(streamDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    /** The key prefix of a stream's rolling segments (with its trailing slash). */
    static String segmentsPrefix(String streamKey) {
        return streamKey + "/" + SEGMENTS + "/";
    }

    /** The key of the segment holding a file's bytes from {@code offset} on. */
    static String segmentKey(String streamKey, String relativePath, long offset) {
        return segmentsPrefix(streamKey) + relativePath + "/" + String.format("%020d", offset);
    }

    /** Regular files of a stream directory, sorted, without hidden ones (the recording marker, temporary files). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !AtomicFiles.isTemporary(p))
                    .sorted().toList();
        }
    }

    /** A file's path relative to its stream directory, with {@code /} separators: the end of its key. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** Whether a file is one image frame of video or deskshare: written once and never changed. */
    static boolean isFrame(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".jpg") || n.endsWith(".png");
    }

    /** The media type (lower case) a file of the layout belongs to, or {@code null} for the manifest and unknown files. */
    static String mediaTypeOf(String rel) {
        if (rel.equals(RecordingLayout.MIXED_AUDIO) || rel.equals(RecordingLayout.MIXED_OPUS)
                || rel.startsWith(RecordingLayout.SPEAKER_AUDIO_DIR + "/")) {
            return "audio";
        }
        if (rel.startsWith("transcript.")) {
            return "transcript";
        }
        if (rel.equals(RecordingLayout.CHAT_JSONL)) {
            return "chat";
        }
        if (rel.equals(RecordingLayout.EVENTS_JSONL)) {
            return "event";
        }
        if (rel.startsWith(RecordingLayout.VIDEO_DIR + "/")) {
            return "video";
        }
        if (rel.startsWith(RecordingLayout.DESKSHARE_DIR + "/")) {
            return "deskshare";
        }
        return null;
    }

    static String contentTypeOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".wav")) {
            return "audio/wav";
        } else if (n.endsWith(".jsonl")) {
            return "application/x-ndjson";
        } else if (n.endsWith(".json")) {
            return "application/json";
        } else if (n.endsWith(".vtt")) {
            return "text/vtt";
        } else if (n.endsWith(".srt")) {
            return "application/x-subrip";
        } else if (n.endsWith(".jpg")) {
            return "image/jpeg";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".h264")) {
            return "video/h264";
        } else if (n.endsWith(".mp4")) {
            return "video/mp4";
        } else if (n.endsWith(".opus")) {
            return "audio/ogg";
        }
        return "application/octet-stream";
    }
}
