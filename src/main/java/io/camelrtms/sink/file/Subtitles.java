package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WebVTT and SubRip subtitles from a transcript. Cue times are relative to the stream's origin (the
 * same zero as the audio files); a cue runs from {@code start_time} to {@code end_time} when Zoom
 * sent them, else from the message timestamp to the next line's start, at most {@code maxCue} long.
 */
public final class Subtitles {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*(\\r\\n|\\r|\\n)+\\s*");

    /**
     * One subtitle.
     *
     * @param startMs from the origin
     * @param endMs   from the origin, after {@code startMs}
     * @param speaker the speaker's name, or {@code null}
     * @param text    the words, on one or more lines, never an empty line
     */
    public record Cue(long startMs, long endMs, String speaker, String text) {
    }

    private Subtitles() {
    }

    /** Reads {@code transcript.jsonl}, skipping lines that are not transcript lines (e.g. cut short by a crash). */
    public static List<TranscriptEntry> read(Path jsonl, ObjectMapper mapper) throws IOException {
        List<TranscriptEntry> entries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    TranscriptEntry e = TranscriptEntry.fromJson(mapper.readTree(line));
                    if (e != null) {
                        entries.add(e);
                    }
                } catch (IOException unreadable) {
                    // a torn last line after a crash: the rest of the transcript still counts
                }
            }
        }
        return entries;
    }

    /**
     * Writes {@code transcript.vtt} and {@code transcript.srt} of a stream directory from its
     * {@code transcript.jsonl}; does nothing when there is no transcript.
     *
     * @return the number of cues written, or -1 when there was no transcript
     */
    public static int writeFiles(ObjectMapper mapper, Path streamDir, long originMs, long maxCueMs) throws IOException {
        Path jsonl = streamDir.resolve(RecordingLayout.TRANSCRIPT_JSONL);
        if (!Files.isRegularFile(jsonl)) {
            return -1;
        }
        List<Cue> cues = cues(read(jsonl, mapper), originMs, maxCueMs);
        AtomicFiles.write(streamDir.resolve(RecordingLayout.TRANSCRIPT_VTT), vtt(cues).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(streamDir.resolve(RecordingLayout.TRANSCRIPT_SRT), srt(cues).getBytes(StandardCharsets.UTF_8));
        return cues.size();
    }

    /**
     * Cues in start order.
     *
     * @param originMs the stream's origin, epoch ms, or a negative value to use the first line's start
     * @param maxCueMs the longest a cue without {@code end_time} lasts
     */
    public static List<Cue> cues(List<TranscriptEntry> entries, long originMs, long maxCueMs) {
        List<TranscriptEntry> sorted = new ArrayList<>(entries);
        sorted.removeIf(e -> normalise(e.text()).isEmpty());
        sorted.sort(Comparator.comparingLong(TranscriptEntry::begin));
        long origin = originMs >= 0 || sorted.isEmpty() ? originMs : sorted.get(0).begin();
        List<Cue> cues = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            TranscriptEntry e = sorted.get(i);
            long begin = e.begin();
            long end;
            if (e.endTime() > begin) {
                end = e.endTime();
            } else {
                end = begin + maxCueMs;
                for (int j = i + 1; j < sorted.size(); j++) {
                    long next = sorted.get(j).begin();
                    if (next > begin) {
                        end = Math.min(end, next);
                        break;
                    }
                }
            }
            long start = Math.max(0, begin - origin);
            long stop = Math.max(start + 1, end - origin);
            String name = e.userName() == null || e.userName().isBlank() ? null : e.userName().trim();
            cues.add(new Cue(start, stop, name, normalise(e.text())));
        }
        return cues;
    }

    /** The WebVTT file: the speaker as a voice span, {@code HH:MM:SS.mmm} times. */
    public static String vtt(List<Cue> cues) {
        StringBuilder sb = new StringBuilder("WEBVTT\n");
        int n = 1;
        for (Cue c : cues) {
            sb.append('\n').append(n++).append('\n')
              .append(time(c.startMs(), '.')).append(" --> ").append(time(c.endMs(), '.')).append('\n');
            if (c.speaker() != null) {
                sb.append("<v ").append(escapeVtt(c.speaker())).append('>');
            }
            sb.append(escapeVtt(c.text())).append('\n');
        }
        return sb.toString();
    }

    /** The SubRip file: the speaker as a {@code Name: } prefix, {@code HH:MM:SS,mmm} times. */
    public static String srt(List<Cue> cues) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (Cue c : cues) {
            if (n > 1) {
                sb.append('\n');
            }
            sb.append(n++).append('\n')
              .append(time(c.startMs(), ',')).append(" --> ").append(time(c.endMs(), ',')).append('\n');
            if (c.speaker() != null) {
                sb.append(c.speaker()).append(": ");
            }
            sb.append(c.text()).append('\n');
        }
        return sb.toString();
    }

    /** {@code HH:MM:SS<sep>mmm}; hours grow past two digits for very long streams. */
    public static String time(long ms, char separator) {
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long milli = ms % 1000;
        return String.format("%02d:%02d:%02d%c%03d", h, m, s, separator, milli);
    }

    // A blank line ends a cue in both formats, so runs of line breaks collapse into one.
    private static String normalise(String text) {
        return text == null ? "" : LINE_BREAKS.matcher(text.strip()).replaceAll("\n");
    }

    private static String escapeVtt(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
