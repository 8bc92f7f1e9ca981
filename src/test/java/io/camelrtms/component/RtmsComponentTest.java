package io.camelrtms.component;

import static io.camelrtms.component.RtmsHarness.lifecycles;
import static io.camelrtms.component.RtmsHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.KeepAlive;
import io.camelrtms.simulator.MalformedFrame;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.ReceivedMessage;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.vertx.core.impl.VertxInternal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.apache.camel.Exchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rtms: component against the Zoom simulator over real WebSockets on 127.0.0.1. */
class RtmsComponentTest {

    static final String ID = "test-client-id";
    static final String SECRET = "test-client-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    static ZoomSimulator zoom;

    @BeforeAll
    static void startZoom() {
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ID).clientSecret(SECRET)
                .host("127.0.0.1").port(0).playbackSpeed(8).keepAliveIntervalMillis(40)
                // 40 ms keep-alives exercise the answers; ten misses before an interruption keep a loaded
                // machine's scheduling stall (seen in a full run beside other builds) from ending the test's stream
                .keepAliveMissLimit(10).build());
    }

    @AfterAll
    static void stopZoom() {
        zoom.close();
    }

    private static String uuid() {
        // Zoom meeting UUIDs are base64 and may contain / + = : the signature must use them untouched
        return UUID.randomUUID().toString().substring(0, 8) + "/+ab==";
    }

    @Test
    void theVertxItCreatesHasOneEventLoopPerProcessorUnlessTold() throws Exception {
        try (RtmsHarness byDefault = new RtmsHarness(ID, SECRET, "", c -> { });
             RtmsHarness three = new RtmsHarness(ID, SECRET, "", c -> { }, component -> component.setEventLoopThreads(3))) {
            assertThat(eventLoops(byDefault.rtms)).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(eventLoops(three.rtms)).isEqualTo(3);
        }
    }

    private static long eventLoops(RtmsComponent component) {
        return StreamSupport.stream(((VertxInternal) component.getVertx()).getEventLoopGroup().spliterator(), false).count();
    }

    @ParameterizedTest
    @EnumSource(value = Product.class, names = {"MEETING", "WEBINAR", "SESSION"})
    void fullMeetingFlowsIntoExchangesForEveryProduct(Product product) throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> { })) {
            SimulatedStream s = zoom.createStream(product, uuid(), "stream-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            MeetingScript script = s.script();

            assertThat(s.violations()).isEmpty();
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            Exchange stopped = of(all, "LIFECYCLE").get(2);
            assertThat(stopped.getIn().getHeader(RtmsConstants.STOP_REASON)).isEqualTo(StopReason.MEETING_ENDED.code());
            assertThat(stopped.getIn().getHeader(RtmsConstants.STOP_REASON_NAME)).isEqualTo("MEETING_ENDED");
            assertThat(all.get(0).getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("STARTED");
            assertThat(all.get(all.size() - 1)).isSameAs(stopped);

            for (Exchange e : all) {
                assertThat(e.getIn().getHeader(RtmsConstants.PRODUCT)).isEqualTo(product.id());
                assertThat(e.getIn().getHeader(RtmsConstants.ENTITY_ID)).isEqualTo(s.entityId());
                assertThat(e.getIn().getHeader(RtmsConstants.ENTITY_KEY)).isEqualTo(product.entityKey());
            }

            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("L16");
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_SAMPLE_RATE)).isEqualTo(16000);
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CHANNELS)).isEqualTo(1);
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_PER_SPEAKER)).isEqualTo(false);
                assertThat(e.getIn().getBody(byte[].class)).hasSize(640);
            });
            assertConsecutiveSequences(audio);

            List<Exchange> transcript = of(all, "TRANSCRIPT");
            assertThat(transcript.stream().map(e -> e.getIn().getBody(String.class)).toList())
                    .containsExactlyElementsOf(script.transcriptLines().stream().map(MeetingScript.TranscriptLine::text).toList());
            assertThat(transcript).allSatisfy(e -> assertThat(e.getIn().getHeader(RtmsConstants.TRANSCRIPT_START)).isNotNull());
            // Video SDK sessions stream audio and transcript only (Zoom's scopes); the others everything
            boolean video = product != Product.SESSION;
            assertThat(of(all, "CHAT")).hasSize(video ? script.chat().size() : 0);
            assertThat(s.negotiated(MediaKind.VIDEO) != null).isEqualTo(video);
            long cameraFrames = video ? script.videoFrames().stream().filter(f -> f.kind() == MediaKind.VIDEO).count() : 0;
            assertThat(of(all, "VIDEO")).hasSize((int) cameraFrames).allSatisfy(e -> {
                byte[] jpeg = e.getIn().getBody(byte[].class);
                assertThat(jpeg[0]).isEqualTo((byte) 0xFF);
                assertThat(jpeg[1]).isEqualTo((byte) 0xD8);
                assertThat(e.getIn().getHeader(RtmsConstants.VIDEO_CODEC)).isEqualTo("JPG");
            });
            // two share frames 500 ms apart, at the default deskshare rate of 1 fps: Zoom keeps one
            assertThat(of(all, "DESKSHARE")).hasSize(video ? 1 : 0);
            assertThat(of(all, "EVENT").stream().map(e -> e.getIn().getHeader(RtmsConstants.EVENT_NAME, String.class)))
                    .contains("FIRST_PACKET_TIMESTAMP", "PARTICIPANT_JOIN", "ACTIVE_SPEAKER_CHANGE", "STREAM_STATE");

            // every keep-alive answered, on both kinds of socket
            assertThat(KeepAlive.answerable(s.keepAlives(SocketRole.SIGNALING))).isNotEmpty().allMatch(KeepAlive::answered);
            assertThat(KeepAlive.answerable(s.keepAlives(SocketRole.MEDIA))).isNotEmpty().allMatch(KeepAlive::answered);

            // split mode: msg 7 on signaling once per media socket; handshakes carry the product's keys
            long mediaHandshakes = s.received(3).size();
            assertThat(mediaHandshakes).isEqualTo(video ? 5 : 2);
            assertThat(s.received(7)).hasSize((int) mediaHandshakes).allMatch(m -> m.role() == SocketRole.SIGNALING);
            ReceivedMessage hello = s.received(1).get(0);
            for (String key : product.handshakeKeys()) {
                assertThat(hello.json().get(key).asText()).isEqualTo(s.entityId());
            }
            Awaitility.await().atMost(WAIT).until(() -> h.rtms.activeStreams() == 0);
        }
    }

    @Test
    void contactCenterAudioCarriesTheChannel() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript&audioPerSpeaker=true", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.CONTACT_CENTER, "eng-" + UUID.randomUUID(), "zcc-" + UUID.randomUUID(),
                    MeetingScript.contactCenter());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.violations()).isEmpty();
            assertThat(of(all, "AUDIO")).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.CHANNEL_ID)).isIn("1", "2");
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_PER_SPEAKER)).isEqualTo(true);
            });
            assertThat(of(all, "EVENT").stream().map(e -> e.getIn().getHeader(RtmsConstants.EVENT_NAME, String.class)))
                    .contains("CONSUMER_ANSWERED", "USER_HOLD");
            assertThat(s.received(1).get(0).json().get("engagement_id").asText()).isEqualTo(s.entityId());
        }
    }

    @Test
    void unifiedModeOpensOneMediaSocketForEverything() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaMode=UNIFIED", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "unified-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.violations()).isEmpty();
            assertThat(s.received(3)).hasSize(1).allSatisfy(m -> {
                assertThat(m.urlKey()).isEqualTo("all");
                assertThat(m.json().get("media_type").asInt()).isEqualTo(32);
            });
            assertThat(s.received(7)).hasSize(1);
            assertThat(of(all, "AUDIO")).isNotEmpty();
            assertThat(of(all, "TRANSCRIPT")).isNotEmpty();
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
        }
    }

    @Test
    void opusPerSpeakerIsNegotiatedAndReported() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET,
                "mediaTypes=audio&audioCodec=OPUS&audioSampleRate=48000&audioChannels=2&audioPerSpeaker=true", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "opus-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.violations()).isEmpty();
            assertThat(s.received(3).get(0).json().at("/media_params/audio/codec").asInt()).isEqualTo(4);
            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("OPUS");
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_SAMPLE_RATE)).isEqualTo(48000);
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CHANNELS)).isEqualTo(2);
            });
            assertThat(audio.stream().map(e -> e.getIn().getHeader(RtmsConstants.USER_ID)).distinct().count())
                    .isEqualTo(s.script().speakers().size());
        }
    }

    @Test
    void refusedSignatureFailsAfterBoundedAttempts() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, "not-the-secret", "", c -> c.setMaxAuthAttempts(2))) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "badsig-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(all)).containsExactly("STARTED", "FAILED");
            assertThat(of(all, "LIFECYCLE").get(1).getIn().getBody(String.class)).contains("authentication");
            assertThat(s.received(1)).hasSize(2);
            assertThat(s.received(3)).isEmpty();
            assertThat(h.rtms.statistics().handshakeFailures().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        }
    }

    @Test
    void malformedFramesAreSkippedAndTheSocketsStayUp() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "malformed-" + UUID.randomUUID(),
                    MeetingScript.builder().durationMillis(6000).idleGap(1000, 4000).build());
            h.start(s);
            s.awaitState(StreamPhase.STREAMING, WAIT);
            for (MalformedFrame f : MalformedFrame.values()) {
                s.faults().sendMalformed(f, SocketRole.MEDIA);
                s.faults().sendMalformed(f, SocketRole.SIGNALING);
            }
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(h.rtms.statistics().malformedFrames()).isGreaterThanOrEqualTo(8);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void messagesSplitOverSeveralWebSocketFramesArriveWholeAndOversizedOnesAreSkipped() throws Exception {
        // the simulator's server splits messages over 64 KiB into frames, as Zoom's may
        String big = "x".repeat(150_000);
        String bigger = "y".repeat(300_000);
        MeetingScript.Speaker ann = MeetingScript.Speaker.of(16778240, "Ann", 440);
        MeetingScript script = MeetingScript.builder().durationMillis(3000).speakers(ann)
                .chat(MeetingScript.ChatMessage.text(500, ann.userId(), big),
                        MeetingScript.ChatMessage.text(1000, ann.userId(), bigger),
                        MeetingScript.ChatMessage.text(1500, ann.userId(), "small"))
                .build();
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=chat&maxMessageSize=200000", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "fragments-" + UUID.randomUUID(), script);
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(of(all, "CHAT").stream().map(e -> e.getIn().getBody(String.class)))
                    .as("the 300 kB message is over maxMessageSize: skipped, and the socket carries on")
                    .containsExactly(big, "small");
            assertThat(h.rtms.statistics().malformedFrames()).isEqualTo(1);
            assertThat(s.violations()).isEmpty();
        }
    }

    @Test
    void deliberateCloseSendsStreamCloseAndStops() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "close-" + UUID.randomUUID(),
                    MeetingScript.builder().durationMillis(60_000).build());
            h.start(s);
            s.awaitState(StreamPhase.STREAMING, WAIT);
            Awaitility.await().atMost(WAIT).until(() -> lifecycles(h.exchanges(s.streamId())).contains("CONNECTED"));
            h.template.sendBodyAndHeaders("rtms:test", null,
                    java.util.Map.of(RtmsProducer.ACTION, "close", RtmsConstants.STREAM_ID, s.streamId()));
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(s.received(21)).hasSize(1).allMatch(m -> m.role() == SocketRole.SIGNALING);
            Exchange stopped = of(all, "LIFECYCLE").get(of(all, "LIFECYCLE").size() - 1);
            assertThat(stopped.getIn().getHeader(RtmsConstants.STOP_REASON)).isEqualTo(StopReason.RECEIVER_REQUEST_CLOSE.code());
        }
    }

    @Test
    void aSlowRouteHoldsBackTheSocketsAndLosesNothing() throws Exception {
        MeetingScript script = MeetingScript.benchmark(4000);
        int expected;
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio", c -> { })) {
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "fast-" + UUID.randomUUID(), script);
            h.start(s);
            expected = of(h.awaitEnd(s.streamId(), WAIT), "AUDIO").size();
        }
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            h.out.whenAnyExchangeReceived(e -> gate.await(20, java.util.concurrent.TimeUnit.SECONDS));
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "slow-" + UUID.randomUUID(), script);
            h.start(s);
            // the route is stuck: the stream's queue fills to its high-water mark and the sockets pause
            Awaitility.await().atMost(WAIT).until(() -> h.rtms.queuedMessages() >= 6);
            gate.countDown();
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            // every sequence number, in order: a failure names the missing ones
            assertThat(sequences(of(all, "AUDIO"))).containsExactly(LongStream.rangeClosed(1, expected).toArray());
            assertThat(h.rtms.statistics().overflowed()).isZero();
            assertThat(of(all, "EVENT").stream().map(e -> e.getIn().getHeader(RtmsConstants.EVENT_NAME))).doesNotContain("QUEUE_OVERFLOW");
        }
    }

    @Test
    void aStreamEndingWhileItsRouteIsStuckHandsOverEverythingItsMediaSocketCarried() throws Exception {
        // Zoom's media close overtakes msg 8: the closed socket still holds frames it read while paused
        assertAStuckRouteGetsEverySentFrameAfter(MeetingScript.benchmark(60_000), s -> {
            s.faults().endWithMediaClosedFirst(StopReason.MEETING_ENDED, 20);
            return true;
        });
    }

    @Test
    void aMediaSocketDroppedWhileItsRouteIsStuckHandsOverEverythingItCarried() throws Exception {
        // the client reconnects the media socket; the old one's buffered frames must not go with it
        assertAStuckRouteGetsEverySentFrameAfter(MeetingScript.benchmark(6000), s -> s.faults().dropMediaSocket(MediaKind.AUDIO));
    }

    @Test
    void aSignalingDropWhileTheRouteIsStuckLosesNothingTheMediaSocketCarried() throws Exception {
        // Zoom cuts every socket; the client reconnects fully and the old media socket's buffered frames must not go with it
        assertAStuckRouteGetsEverySentFrameAfter(MeetingScript.benchmark(6000), s -> s.faults().dropSignaling());
    }

    /**
     * Sticks the route until the audio socket is paused with a few frames waiting in its buffer, does
     * {@code fault} (which says whether it hit a live socket), unsticks the route once the stream has
     * ended, and expects every audio frame the simulator sent, in order.
     */
    private void assertAStuckRouteGetsEverySentFrameAfter(MeetingScript script, java.util.function.Predicate<SimulatedStream> fault)
            throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            h.out.whenAnyExchangeReceived(e -> gate.await(20, java.util.concurrent.TimeUnit.SECONDS));
            zoom.statistics().reset();
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "stuck-" + UUID.randomUUID(), script);
            h.start(s);
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> h.rtms.queuedMessages() >= 6
                    && zoom.statistics().sent(MediaKind.AUDIO) >= h.rtms.statistics().frames(RtmsMediaType.AUDIO) + 5);
            assertThat(fault.test(s)).as("the fault found the stream's socket open").isTrue();
            s.awaitState(StreamPhase.ENDED, WAIT);
            gate.countDown();
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);
            assertThat(sequences(of(all, "AUDIO"))).containsExactly(LongStream.rangeClosed(1, zoom.statistics().sent(MediaKind.AUDIO)).toArray());
            assertThat(h.rtms.statistics().overflowed()).isZero();
        }
    }

    @Test
    void aFencedLeaveDiscardsWhatWasQueuedAndHandsOverOnlyItsLastExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            List<Exchange> all = h.leaveWhileTheRouteIsStuck(zoom, LeaveReason.FENCED);

            assertThat(h.rtms.statistics().frames(RtmsMediaType.AUDIO)).as("audio was received and queued").isPositive();
            assertThat(lifecycles(all)).containsExactly("STARTED", "INTERRUPTED");
            assertThat(all).hasSize(2);
            assertThat(all.get(1).getIn().getHeader(RtmsConstants.LEFT)).isEqualTo(true);
            assertThat(all.get(1).getIn().getHeader(RtmsConstants.FENCED)).isEqualTo(true);
        }
    }

    @Test
    void aGracefulLeaveHandsOverEverythingReceivedBeforeItsLastExchange() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            List<Exchange> all = h.leaveWhileTheRouteIsStuck(zoom, LeaveReason.GRACEFUL);

            long received = h.rtms.statistics().frames(RtmsMediaType.AUDIO);
            assertThat(received).isPositive();
            assertThat(sequences(of(all, "AUDIO"))).containsExactly(LongStream.rangeClosed(1, received).toArray());
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "INTERRUPTED");
            Exchange last = all.get(all.size() - 1);
            assertThat(last.getIn().getHeader(RtmsConstants.LIFECYCLE)).isEqualTo("INTERRUPTED");
            assertThat(last.getIn().getHeader(RtmsConstants.LEFT)).isEqualTo(true);
            assertThat(last.getIn().getHeader(RtmsConstants.FENCED)).isNull();
            assertThat(h.rtms.statistics().overflowed()).isZero();
        }
    }

    @Test
    void aStreamThatEndedBeforeItWasLeftGetsNoLastExchangeAfterItsEnd() throws Exception {
        // a hand-over just as Zoom stopped the stream: a left exchange after STOPPED would reopen the finished files
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&queueCapacity=8", c -> { })) {
            h.out.whenAnyExchangeReceived(e -> gate.await(20, java.util.concurrent.TimeUnit.SECONDS));
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "ended-" + UUID.randomUUID(), MeetingScript.benchmark(60_000));
            h.start(s);
            Awaitility.await().atMost(WAIT).until(() -> h.rtms.queuedMessages() >= 6);
            s.stop(StopReason.HOST_TRIGGERED);
            Awaitility.await().atMost(WAIT).until(() -> h.rtms.statistics().frames(RtmsMediaType.LIFECYCLE) >= 3);
            assertThat(h.rtms.leave(List.of(s.streamId()), LeaveReason.GRACEFUL, "test leaves", 0)).containsExactly(s.streamId());
            gate.countDown();
            Awaitility.await().atMost(WAIT).until(() -> !h.rtms.streamIds().contains(s.streamId()));

            List<Exchange> all = h.exchanges(s.streamId());
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            assertThat(all).noneMatch(e -> e.getIn().getHeader(RtmsConstants.LEFT) != null);
        }
    }

    @Test
    void mediaOnTheEventLoopKeepsEveryMessageInOrderAndEventsStayOnTheWorkers() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio,transcript&mediaOnEventLoop=true", c -> { })) {
            // the mock keeps copies made before this runs: note the threads by exchange id
            Map<String, String> threads = new ConcurrentHashMap<>();
            h.out.whenAnyExchangeReceived(e -> threads.put(e.getExchangeId(), Thread.currentThread().getName()));
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "loop-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(s.violations()).isEmpty();
            assertThat(lifecycles(all)).containsExactly("STARTED", "CONNECTED", "STOPPED");
            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getIn().getHeader(RtmsConstants.STREAM_ID)).isEqualTo(s.streamId());
                assertThat(e.getIn().getHeader(RtmsConstants.AUDIO_CODEC)).isEqualTo("L16");
            });
            assertConsecutiveSequences(audio);
            assertThat(of(all, "TRANSCRIPT")).hasSize(s.script().transcriptLines().size());
            // the option took effect: media ran on an event loop (at least while its queue was empty) ...
            assertThat(audio).anySatisfy(e -> assertThat(threads.get(e.getExchangeId())).startsWith("vert.x-eventloop"));
            // ... and lifecycle changes never do
            assertThat(of(all, "LIFECYCLE")).allSatisfy(e -> assertThat(threads.get(e.getExchangeId())).isNotNull().doesNotStartWith("vert.x"));
        }
    }

    @Test
    void aMediaRouteThatBlocksOnTheEventLoopIsMovedToTheWorkersAndLosesNothing() throws Exception {
        try (RtmsHarness h = new RtmsHarness(ID, SECRET, "mediaTypes=audio&mediaOnEventLoop=true&eventLoopBudget=5", c -> { })) {
            List<String> threadsInOrder = new CopyOnWriteArrayList<>();
            AtomicInteger blocked = new AtomicInteger();
            h.out.whenAnyExchangeReceived(e -> {
                String thread = Thread.currentThread().getName();
                if ("AUDIO".equals(e.getIn().getHeader(RtmsConstants.MEDIA_TYPE))) {
                    threadsInOrder.add(thread);
                    // a step that blocks (a synchronous call, a stalled disk) on an event loop; on the
                    // workers it is quick, so the stream's queue stays empty and media keeps trying the loop
                    if (thread.startsWith("vert.x-eventloop")) {
                        blocked.incrementAndGet();
                        Thread.sleep(6);
                    }
                }
            });
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "blocking-" + UUID.randomUUID(), MeetingScript.standard());
            h.start(s);
            List<Exchange> all = h.awaitEnd(s.streamId(), WAIT);

            assertThat(s.violations()).isEmpty();
            List<Exchange> audio = of(all, "AUDIO");
            assertThat(audio).hasSize((int) s.sent(MediaKind.AUDIO));
            assertConsecutiveSequences(audio);
            int lastOnTheLoop = -1;
            for (int i = 0; i < threadsInOrder.size(); i++) {
                if (threadsInOrder.get(i).startsWith("vert.x-eventloop")) {
                    lastOnTheLoop = i;
                }
            }
            assertThat(blocked.get()).as("the route ran on an event loop until a window of runs showed it blocks")
                    .isGreaterThan(EventLoopBudget.WINDOW / 2).isLessThanOrEqualTo(EventLoopBudget.WINDOW);
            assertThat(threadsInOrder.subList(lastOnTheLoop + 1, threadsInOrder.size()))
                    .as("then every audio message went through the worker pool")
                    .isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("Camel"));
        }
    }

    @Test
    void controlWithoutAConsumerIsAClearError() {
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        try {
            camel.addComponent("rtms", new RtmsComponent());
            camel.start();
            SimulatedStream s = zoom.createStream(Product.MEETING, uuid(), "noconsumer-" + UUID.randomUUID(), MeetingScript.standard());
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> camel.createProducerTemplate()
                    .sendBody("rtms:nobody", io.camelrtms.protocol.WebhookEvents.parse(s.startedWebhook()).orElseThrow()));
            assertThat(e).rootCause().hasMessageContaining("No consumer on rtms:nobody");
        } finally {
            camel.stop();
        }
    }

    static void assertConsecutiveSequences(List<Exchange> exchanges) {
        long[] seqs = sequences(exchanges);
        assertThat(seqs).containsExactly(LongStream.rangeClosed(1, seqs.length).toArray());
    }

    static long[] sequences(List<Exchange> exchanges) {
        return exchanges.stream().mapToLong(e -> e.getIn().getHeader(RtmsConstants.SEQUENCE, Long.class)).toArray();
    }
}
