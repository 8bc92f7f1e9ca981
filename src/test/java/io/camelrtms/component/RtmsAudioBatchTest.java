package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audioBatch option against the Zoom simulator over real WebSockets on 127.0.0.1. */
class RtmsAudioBatchTest {

    static final String ID = "batch-client-id";
    static final String SECRET = "batch-client-secret";
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The simulator's mixed L16 at Zoom's wire default: 20 ms of 16 kHz mono per message. */
    static final int FRAME_MS = 20;
    static final int SAMPLES_PER_MS = 16;

    static ZoomSimulator zoom;

    @BeforeAll
    static void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(8).keepAliveIntervalMillis(200).keepAliveMissLimit(10).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    private static SimulatedStream start(RtmsHarness h, MeetingScript script) {
        SimulatedStream s = zoom.createStream(Product.MEETING, UUID.randomUUID() + "/+ab==", "batch-" + UUID.randomUUID(), script);
        h.start(s);
        return s;
    }

    @Test
    void batchedAudioHoldsEveryByteSentInOrderAndNoBatchSpansAGap() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript&audioBatch=100", c -> { })) {
            SimulatedStream s = start(h, MeetingScript.standard());
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(s.violations()).isEmpty();
            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("L16");
                assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)).isPositive();
            });
            // batches of up to 100 ms: five 20 ms messages, fewer where a transcript line, the idle gap or the end cut one short
            assertThat(audio).anySatisfy(e -> assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES)).isEqualTo(5));
            assertThat(audio.size()).isLessThan((int) s.sent(MediaKind.AUDIO) / 2);
            assertEverySentFrameInOrder(s, audio);
            // RtmsSequence numbers exchanges, not messages
            assertThat(audio.stream().map(e -> e.getIn().getHeader(RtmsConstants.SEQUENCE, Long.class)).toList())
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, audio.size()).boxed().toList());
            // the last batch, however short, comes before the stream's end
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(all.get(all.size() - 1).getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("STOPPED");
            assertThat(of(all, "TRANSCRIPT")).hasSize(s.script().transcriptLines().size());
        }
    }

    /**
     * On one media socket (UNIFIED) messages arrive in the order Zoom sends them, and the simulator sends
     * an audio message when its 20 ms end and a transcript line when it ends, at the line's timestamp.
     * So a batch that waited past a line would show as audio delivered after the line that ended before
     * it: every audio exchange delivered before a line must end by the line's timestamp, and every one
     * delivered after it begin no earlier than one message before it (sent in the same instant).
     */
    @Test
    void aTranscriptLineIsNeverOvertakenByAudioReceivedBeforeIt() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaMode=UNIFIED&mediaTypes=audio,transcript&audioBatch=200", c -> { })) {
            SimulatedStream s = start(h, MeetingScript.standard());
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(s.violations()).isEmpty();
            List<Exchange> lines = of(all, "TRANSCRIPT");
            assertThat(lines).hasSize(s.script().transcriptLines().size());
            for (Exchange line : lines) {
                long lineTs = line.getIn().getHeader(RtmsConstants.TIMESTAMP, Long.class);
                int at = all.indexOf(line);
                for (int i = 0; i < all.size(); i++) {
                    Exchange e = all.get(i);
                    if (!"AUDIO".equals(e.getIn().getHeader(RtmsConstants.MEDIA_TYPE))) {
                        continue;
                    }
                    long start = e.getIn().getHeader(RtmsConstants.TIMESTAMP, Long.class);
                    long end = start + FRAME_MS * e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class);
                    if (i < at) {
                        assertThat(end).as("end of audio delivered before the line at %d", lineTs).isLessThanOrEqualTo(lineTs);
                    } else {
                        assertThat(start).as("start of audio delivered after the line at %d", lineTs).isGreaterThanOrEqualTo(lineTs - FRAME_MS);
                    }
                }
            }
            assertEverySentFrameInOrder(s, of(all, "AUDIO"));
            assertThat(of(all, "AUDIO")).anySatisfy(e -> assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)).isGreaterThan(1));
        }
    }

    /**
     * Audio that stops (nobody talks any more) is delivered by the timer while the stream goes on: only
     * the timer can deliver the last 100 ms of a 300 ms batch before the stream is stopped here.
     */
    @Test
    void audioThatStopsArrivingIsDeliveredWhileTheStreamGoesOn() throws Exception {
        MeetingScript script = MeetingScript.builder().durationMillis(600_000).autoEvents(false)
                .speakers(MeetingScript.Speaker.of(16778240, "Alice Example", 1000).talks(0, 1000)).build();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&audioBatch=300", c -> { })) {
            SimulatedStream s = start(h, script);
            Awaitility.await().atMost(WAIT).until(() -> s.sent(MediaKind.AUDIO) == 50
                    && messages(of(h.exchanges(s.streamId()), "AUDIO")) == 50);
            assertThat(lifecycles(h.exchanges(s.streamId()))).containsExactly("STARTED", "CONNECTED");
            assertThat(of(h.exchanges(s.streamId()), "AUDIO").stream()
                    .map(e -> e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)).toList())
                    .containsExactly(15, 15, 15, 5);

            s.stop(StopReason.MEETING_ENDED);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertEverySentFrameInOrder(s, of(all, "AUDIO"));
        }
    }

    /** A batch carries its first message's timestamp: a gap inside it would vanish from the recording's timeline. */
    @Test
    void aGapInTheAudioEndsABatch() throws Exception {
        MeetingScript script = MeetingScript.builder().durationMillis(1200).autoEvents(false)
                .speakers(MeetingScript.Speaker.of(16778240, "Alice Example", 1000).talks(0, 500).talks(540, 1000)).build();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&audioBatch=1000", c -> { })) {
            SimulatedStream s = start(h, script);
            List<Exchange> audio = of(h.awaitEnd(s.streamId(), WAIT), "AUDIO");

            assertThat(audio.stream().map(e -> e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)).toList())
                    .containsExactly(25, 23);
            assertEverySentFrameInOrder(s, audio);
        }
    }

    @Test
    void anotherSpeakerEndsABatch() throws Exception {
        MeetingScript script = MeetingScript.builder().durationMillis(1000).autoEvents(false)
                .speakers(MeetingScript.Speaker.of(16778240, "Alice Example", 1000).talks(0, 400),
                        MeetingScript.Speaker.of(16779264, "Bob Example", 1250).talks(400, 800)).build();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&audioPerSpeaker=true&audioBatch=1000", c -> { })) {
            SimulatedStream s = start(h, script);
            List<Exchange> audio = of(h.awaitEnd(s.streamId(), WAIT), "AUDIO");

            assertThat(audio.stream().map(e -> e.getIn().getHeader(RtmsConstants.USER_ID) + "x"
                    + e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES)).toList())
                    .containsExactly("16778240x20", "16779264x20");
            assertThat(audio).allSatisfy(e -> assertThat(e.getIn().getBody(byte[].class)).hasSize(20 * 640));
        }
    }

    @Test
    void aGracefulLeaveDeliversTheOpenBatchBeforeItsLastExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8&audioBatch=100", c -> { })) {
            List<Exchange> all = h.leaveWhileTheRouteIsStuck(zoom, LeaveReason.GRACEFUL);

            long received = h.rtms.statistics().frames(RtmsMediaType.AUDIO);
            assertThat(received).isPositive();
            assertThat(messages(of(all, "AUDIO"))).isEqualTo(received);
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED");
            assertThat(all.get(all.size() - 1).getIn().getHeader(RtmsConstants.LEFT)).isEqualTo(true);
            assertThat(h.rtms.statistics().overflowed()).isZero();
        }
    }

    @Test
    void aFencedLeaveDiscardsTheOpenBatchToo() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8&audioBatch=100", c -> { })) {
            List<Exchange> all = h.leaveWhileTheRouteIsStuck(zoom, LeaveReason.FENCED);

            assertThat(h.rtms.statistics().frames(RtmsMediaType.AUDIO)).as("audio was received").isPositive();
            assertThat(lifecycles(all)).containsExactly("STARTED", "INTERRUPTED");
            assertThat(all).hasSize(2);
            assertThat(all.get(1).getIn().getHeader(RtmsConstants.FENCED)).isEqualTo(true);
        }
    }

    @Test
    void opusPacketsAreNeverBatched() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&audioCodec=OPUS&audioSampleRate=48000&audioBatch=100",
                c -> { })) {
            SimulatedStream s = start(h, MeetingScript.standard());
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).hasSize((int) s.sent(MediaKind.AUDIO)).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("OPUS");
                assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES)).isNull();
            });
        }
    }

    @Test
    void g711IsBatchedLikeL16() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&audioCodec=G711&audioSampleRate=8000&audioBatch=100",
                c -> { })) {
            SimulatedStream s = start(h, MeetingScript.standard());
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            List<Exchange> audio = of(all, "AUDIO");
            assertThat(messages(audio)).isEqualTo(s.sent(MediaKind.AUDIO));
            assertThat(audio).anySatisfy(e -> assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES)).isEqualTo(5));
            // 8000 one-byte samples a second: 160 bytes per 20 ms message
            assertThat(audio).allSatisfy(e -> assertThat(e.getIn().getBody(byte[].class))
                    .hasSize(160 * e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)));
        }
    }

    @Test
    void withoutTheOptionEveryMessageIsItsOwnExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = start(h, MeetingScript.standard());
            List<Exchange> audio = of(h.awaitEnd(s.streamId(), WAIT), "AUDIO");
            assertThat(audio).hasSize((int) s.sent(MediaKind.AUDIO))
                    .allSatisfy(e -> assertThat(e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES)).isNull());
        }
    }

    private static long messages(List<Exchange> audio) {
        return audio.stream().mapToLong(e -> e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class)).sum();
    }

    /**
     * The audio exchanges, in the order delivered, hold exactly the mixed frames the simulator sent (one
     * every 20 ms while anybody talks), each batch starting at its first frame's timestamp and holding
     * only frames that follow each other without a gap.
     */
    private static void assertEverySentFrameInOrder(SimulatedStream s, List<Exchange> audio) {
        MeetingScript script = s.script();
        List<Long> frames = new ArrayList<>();
        for (long start = 0; start + FRAME_MS <= script.durationMillis(); start += FRAME_MS) {
            if (script.anyoneTalking(start, start + FRAME_MS)) {
                frames.add(start);
            }
        }
        short[] source = script.sourcePcm(0, 16000, 1);
        long t0 = s.firstPacketTimestamp();
        int next = 0;
        for (Exchange e : audio) {
            int n = e.getIn().getHeader(RtmsConstants.BATCHED_MESSAGES, Integer.class);
            long offset = e.getIn().getHeader(RtmsConstants.TIMESTAMP, Long.class) - t0;
            assertThat(offset).as("batch %d", e.getIn().getHeader(RtmsConstants.SEQUENCE)).isEqualTo(frames.get(next));
            assertThat(frames.get(next + n - 1)).as("a batch of %d from %d ms has no gap", n, offset).isEqualTo(offset + (long) FRAME_MS * (n - 1));
            byte[] body = e.getIn().getBody(byte[].class);
            assertThat(body).hasSize(n * FRAME_MS * SAMPLES_PER_MS * 2);
            int base = (int) offset * SAMPLES_PER_MS;
            for (int i = 0; i < body.length / 2; i++) {
                short sample = (short) ((body[2 * i] & 0xFF) | (body[2 * i + 1] << 8));
                if (sample != source[base + i]) {
                    assertThat(sample).as("sample %d of the batch from %d ms", i, offset).isEqualTo(source[base + i]);
                }
            }
            next += n;
        }
        assertThat(next).as("frames delivered").isEqualTo(frames.size()).isEqualTo((int) s.sent(MediaKind.AUDIO));
    }
}
