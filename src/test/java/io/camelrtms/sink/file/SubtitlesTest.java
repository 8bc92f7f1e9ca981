package io.camelrtms.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubtitlesTest {

    private static final long T0 = 1_738_392_033_000L;

    @TempDir
    Path dir;

    private final List<TranscriptEntry> transcript = List.of(
            // start_time and end_time sent: used as they are
            new TranscriptEntry(T0 + 2_600, T0 + 1_000, T0 + 2_500, "16778240", "Alice", 9, null, "Hello everyone."),
            // no start/end: from its timestamp to the next line's start
            new TranscriptEntry(T0 + 4_000, -1, -1, "16779264", "Bob", 9, null, "Hi Alice, <good> to see you & all."),
            // no end and no next line within 5 s: bounded at 5 s
            new TranscriptEntry(T0 + 3_723_004, T0 + 3_723_004, -1, "16778240", "Alice", 9, null, "Let's start.\n\nFirst item"),
            // no name: no voice, no prefix; timestamp before the origin is clamped to zero
            new TranscriptEntry(T0 - 500, -1, -1, null, null, null, null, "(music)"));

    @Test
    void vttHasVoicesAndDotTimes() {
        String vtt = Subtitles.vtt(Subtitles.cues(transcript, T0, 5000));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                1
                00:00:00.000 --> 00:00:01.000
                (music)

                2
                00:00:01.000 --> 00:00:02.500
                <v Alice>Hello everyone.

                3
                00:00:04.000 --> 00:00:09.000
                <v Bob>Hi Alice, &lt;good&gt; to see you &amp; all.

                4
                01:02:03.004 --> 01:02:08.004
                <v Alice>Let's start.
                First item
                """);
    }

    @Test
    void srtHasNamePrefixesAndCommaTimes() {
        String srt = Subtitles.srt(Subtitles.cues(transcript, T0, 5000));
        assertThat(srt).isEqualTo("""
                1
                00:00:00,000 --> 00:00:01,000
                (music)

                2
                00:00:01,000 --> 00:00:02,500
                Alice: Hello everyone.

                3
                00:00:04,000 --> 00:00:09,000
                Bob: Hi Alice, <good> to see you & all.

                4
                01:02:03,004 --> 01:02:08,004
                Alice: Let's start.
                First item
                """);
    }

    @Test
    void aCueWithoutEndRunsToTheNextLine() {
        List<Subtitles.Cue> cues = Subtitles.cues(List.of(
                new TranscriptEntry(T0 + 1000, -1, -1, "1", "A", null, null, "one"),
                new TranscriptEntry(T0 + 2200, -1, -1, "1", "A", null, null, "two")), T0, 5000);
        assertThat(cues.get(0).endMs()).isEqualTo(2200);
        assertThat(cues.get(1).endMs()).isEqualTo(7200);
    }

    @Test
    void withoutAKnownOriginTheFirstLineIsZero() {
        List<Subtitles.Cue> cues = Subtitles.cues(List.of(
                new TranscriptEntry(T0 + 1000, -1, -1, "1", "A", null, null, "one")), -1, 5000);
        assertThat(cues.get(0).startMs()).isZero();
    }

    @Test
    void timesHaveTwoDigitHoursAndThreeDigitMillis() {
        assertThat(Subtitles.time(0, '.')).isEqualTo("00:00:00.000");
        assertThat(Subtitles.time(3_723_004, ',')).isEqualTo("01:02:03,004");
        assertThat(Subtitles.time(100L * 3_600_000 + 59_999, '.')).isEqualTo("100:00:59.999");
    }

    @Test
    void filesAreGeneratedFromTheJsonlSkippingATornLine() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        for (TranscriptEntry e : transcript.subList(0, 2)) {
            jsonl.append(mapper.writeValueAsString(e.toJson(mapper))).append('\n');
        }
        jsonl.append("{\"timestamp\":17383920");
        Files.writeString(dir.resolve(RecordingLayout.TRANSCRIPT_JSONL), jsonl);
        assertThat(Subtitles.writeFiles(mapper, dir, T0, 5000)).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("transcript.vtt"), StandardCharsets.UTF_8)).startsWith("WEBVTT\n\n1\n00:00:01.000");
        assertThat(Files.readString(dir.resolve("transcript.srt"), StandardCharsets.UTF_8)).contains("Bob: Hi Alice");
        assertThat(Subtitles.writeFiles(mapper, dir.resolve("none"), T0, 5000)).isEqualTo(-1);
    }
}
