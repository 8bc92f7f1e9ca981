package io.camelrtms.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.media.WavHeader;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.Join;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.PossiblyUnread;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.SocketRole;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.Violation;
import io.camelrtms.simulator.WebhookDelivery;
import io.camelrtms.simulator.WebhookRouting;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas (child JVMs) on one Kafka broker and one shared data directory, Zoom simulated:
 * every webhook goes to another replica than the one before and its retry to yet another; a replica
 * is killed, restarted, paused. Every stream is joined by one replica at a time and recorded once,
 * across takeovers, without losing what Zoom sent but what a frozen or killed replica never read.
 */
class ClusterTest {

    static final int STREAMS = 6;
    /** Long enough never to end by itself: each test stops its streams once it has seen what it checks. */
    static final MeetingScript MEETING = MeetingScript.benchmark(600_000);
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path root;
    static ClusterHarness cluster;
    static ZoomSimulator zoom;
    static final ObjectMapper JSON = new ObjectMapper();

    final List<SimulatedStream> streams = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = ClusterHarness.start(root, 3, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.io.camelrtms=INFO", "--logging.level.io.camelrtms.app.BundledRouteOverride=WARN");
        // A keep-alive after 1.5 s of silence, two missed and the socket is dropped: a frozen replica
        // loses its sockets before the session timeout (6 s) gives its streams to another, so a new
        // owner joining while the old socket is still open is a real two-at-once. (Zoom's own timing is
        // not documented.) A busy replica may also miss them and reconnect: not a takeover.
        zoom = ZoomSimulator.start(SimulatorConfig.builder().clientId(ClusterHarness.CLIENT_ID)
                .clientSecret(ClusterHarness.CLIENT_SECRET).host("127.0.0.1").port(0).playbackSpeed(4)
                .keepAliveIntervalMillis(1500).keepAliveMissLimit(2).maxBufferMillis(300_000)
                .webhooks(cluster.webhookUrls(), ClusterHarness.WEBHOOK_SECRET).webhookRouting(WebhookRouting.ROUND_ROBIN)
                .webhookRetries(1).acceptConcurrentSignaling(true).build());
    }

    @AfterAll
    static void stopCluster() {
        if (zoom != null) {
            zoom.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Each scenario starts with every replica running (a scenario may leave one killed). */
    @BeforeEach
    void everyReplicaRunning() throws IOException {
        for (ClusterHarness.Replica r : cluster.replicas()) {
            if (!r.alive()) {
                r.restart();
            }
        }
        // a replica an earlier scenario restarted or resumed may still be rejoining the group
        cluster.awaitSettledGroup(12, Duration.ofSeconds(4));
        cluster.markLogs();
    }

    /** A failed scenario shows what the replicas said; a passing one prints nothing (the output is captured). */
    @AfterEach
    void printLogs() {
        for (SimulatedStream s : streams) {
            if (s.phase() != StreamPhase.ENDED) {
                s.stop(StopReason.HOST_TRIGGERED);
            }
        }
        System.out.println(cluster.logsSinceMark());
    }

    @Test
    void eachWebhookOnAnotherReplicaAndItsRetryOnYetAnotherJoinsEveryStreamOnce() throws Exception {
        launchAndAwaitMedia();

        stopAllAndAwaitManifests();
        for (SimulatedStream s : streams) {
            List<WebhookDelivery> started = s.webhooks().stream().filter(d -> d.event().endsWith("rtms_started")).toList();
            assertThat(started).hasSize(2).extracting(WebhookDelivery::status).containsOnly(200);
            assertThat(started.get(1).target()).isNotEqualTo(started.get(0).target());
            assertThat(s.joins(SocketRole.SIGNALING)).as("stream %s joined once", s.streamId()).hasSize(1);
            assertRecordedOnce(s);
        }
        assertThat(streams.stream().map(s -> s.webhooks().get(0).target()).distinct()).as("webhooks spread").hasSize(3);
        assertNoViolations();
    }

    @Test
    void killedReplicasStreamsAreTakenOverAndTheirRecordingsCompleted() throws Exception {
        Disrupted d = disruptTheBusiest(ClusterHarness.Replica::kill);
        ClusterHarness.Replica victim = d.replica();
        List<SimulatedStream> orphans = d.streams();
        Map<String, ClusterHarness.Replica> owners = d.ownersBefore();

        Map<String, ClusterHarness.Replica> after = owners();
        for (SimulatedStream s : orphans) {
            assertThat(after.get(s.streamId())).as("new owner of %s", s.streamId()).isNotNull().isNotSameAs(victim);
        }
        stopAllAndAwaitManifests();
        for (SimulatedStream s : streams) {
            JsonNode takeovers = takeovers(s);
            if (orphans.contains(s)) {
                // what Zoom had written to the killed replica's sockets and it had not read died with it
                assertRecorded(s);
                assertTranscriptAccountedFor(s);
                assertThat(takeovers).as("outages of %s", s.streamId()).hasSize(1);
                assertThat(takeovers.get(0).path("fromNode").asText()).isEqualTo(victim.nodeId);
                assertThat(takeovers.get(0).path("toNode").asText()).isEqualTo(after.get(s.streamId()).nodeId);
            } else {
                assertRecordedOnce(s);
                assertThat(takeovers).as("outages of %s", s.streamId()).isEmpty();
                assertThat(after.get(s.streamId())).as("owner of %s", s.streamId()).isSameAs(owners.get(s.streamId()));
            }
        }
        assertNoViolations();
    }

    @Test
    void aRollingRestartOfAllThreeHandsEveryStreamOver() throws Exception {
        launchAndAwaitMedia();
        Map<SimulatedStream, Set<String>> handedOverBy = new HashMap<>();
        for (ClusterHarness.Replica r : cluster.replicas()) {
            List<SimulatedStream> leaving = ownedBy(owners(), r);
            leaving.forEach(s -> handedOverBy.computeIfAbsent(s, k -> new HashSet<>()).add(r.nodeId));
            Instant stopped = Instant.now();
            r.terminate();
            awaitFlowingAgain(leaving, stopped);
            r.restart();
        }
        assertThat(handedOverBy).as("streams that had to move").isNotEmpty();
        stopAllAndAwaitManifests();
        for (SimulatedStream s : streams) {
            assertRecordedOnce(s);
            Set<String> from = new HashSet<>();
            for (JsonNode t : takeovers(s)) {
                // a cooperative rebalance may move a partition away and back: a hand-over from a node to itself
                assertThat(t.path("toNode").asText()).as("TAKEOVER of %s: %s", s.streamId(), t).isNotEmpty();
                from.add(t.path("fromNode").asText());
            }
            assertThat(from).as("nodes %s was handed over from", s.streamId()).containsAll(handedOverBy.getOrDefault(s, Set.of()));
        }
        assertNoViolations();
    }

    @Test
    void aPausedReplicaLosesItsStreamsAndNeverRejoinsThemWhenItResumes() throws Exception {
        Disrupted d = disruptTheBusiest(ClusterHarness.Replica::pause);
        // Zoom (the simulator) drops the frozen replica's sockets once they stay silent after the new owner
        // joined; it resumes only then, and must neither answer on them nor connect again while the new
        // owner runs them (it may get them back later in a hand-over, once it rejoined the group)
        for (SimulatedStream s : d.streams()) {
            await().until(() -> s.openSignalingConnections() == 1);
        }
        int fencedBefore = d.replica().logLines("fenced off").size();
        d.replica().resume();
        await().until(() -> d.replica().logLines("fenced off").size() > fencedBefore);
        d.replica().awaitReady();
        for (SimulatedStream s : d.streams()) {
            long before = s.sent(MediaKind.TRANSCRIPT);
            await().until(() -> s.sent(MediaKind.TRANSCRIPT) > before);
        }

        stopAllAndAwaitManifests();
        for (SimulatedStream s : d.streams()) {
            JsonNode takeovers = takeovers(s);
            assertThat(takeovers).as("TAKEOVER outages of %s", s.streamId()).isNotEmpty();
            assertThat(takeovers.get(0).path("fromNode").asText()).isEqualTo(d.replica().nodeId);
            for (JsonNode t : takeovers) {
                assertThat(t.path("toNode").asText()).as("TAKEOVER of %s: %s", s.streamId(), t).isNotEmpty();
            }
        }
        for (SimulatedStream s : streams) {
            if (d.streams().contains(s)) {
                // what Zoom wrote to the frozen replica's sockets was never read: lost with them, not written late
                assertRecorded(s);
                assertTranscriptAccountedFor(s);
            } else {
                assertRecordedOnce(s);
            }
        }
        assertNoViolations();
    }

    // ---------------------------------------------------------------- helpers

    private static ConditionFactory await() {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200));
    }

    /** Launches the streams (webhooks round robin over the replicas) and waits until each records audio on some replica. */
    private void launchAndAwaitMedia() {
        for (int i = 0; i < STREAMS; i++) {
            streams.add(zoom.launch(Product.MEETING, MEETING));
        }
        for (SimulatedStream s : streams) {
            s.awaitState(StreamPhase.STREAMING, WAIT);
            await().until(() -> s.sent(MediaKind.TRANSCRIPT) > 0 && Files.isRegularFile(dir(s).resolve(RecordingLayout.MIXED_AUDIO)));
        }
        await().until(() -> owners().keySet().containsAll(streams.stream().map(SimulatedStream::streamId).toList()));
    }

    /** A replica something was done to, the streams it ran then, and who ran each stream before. */
    private record Disrupted(ClusterHarness.Replica replica, List<SimulatedStream> streams,
                             Map<String, ClusterHarness.Replica> ownersBefore) {
    }

    /**
     * Launches the streams, does {@code what} to the replica that runs most of them, and waits until its
     * streams flow again on the others.
     */
    private Disrupted disruptTheBusiest(Consumer<ClusterHarness.Replica> what) {
        launchAndAwaitMedia();
        Map<String, ClusterHarness.Replica> owners = owners();
        ClusterHarness.Replica r = busiest(owners);
        List<SimulatedStream> moved = ownedBy(owners, r);
        Instant at = Instant.now();
        what.accept(r);
        awaitFlowingAgain(moved, at);
        return new Disrupted(r, moved, owners);
    }

    /**
     * Waits until each stream was joined again after {@code since} (by another replica: the one it was
     * on is gone or frozen) and Zoom is sending it data again.
     */
    private void awaitFlowingAgain(List<SimulatedStream> moved, Instant since) {
        for (SimulatedStream s : moved) {
            await().until(() -> s.joins(SocketRole.MEDIA).stream().map(Join::at).anyMatch(at -> at.isAfter(since)));
            long now = s.sent(MediaKind.TRANSCRIPT);
            await().until(() -> s.sent(MediaKind.TRANSCRIPT) > now);
        }
    }

    /** Which running replica runs each stream, from their status APIs. */
    private static Map<String, ClusterHarness.Replica> owners() {
        Map<String, ClusterHarness.Replica> owners = new HashMap<>();
        for (ClusterHarness.Replica r : cluster.replicas()) {
            if (r.alive()) {
                for (String id : r.activeStreams()) {
                    ClusterHarness.Replica other = owners.put(id, r);
                    assertThat(other).as("stream %s active on two replicas", id).isNull();
                }
            }
        }
        return owners;
    }

    private static ClusterHarness.Replica busiest(Map<String, ClusterHarness.Replica> owners) {
        return cluster.replicas().stream()
                .max(Comparator.comparingLong(r -> owners.values().stream().filter(o -> o == r).count())).orElseThrow();
    }

    private List<SimulatedStream> ownedBy(Map<String, ClusterHarness.Replica> owners, ClusterHarness.Replica r) {
        return streams.stream().filter(s -> owners.get(s.streamId()) == r).toList();
    }

    private void stopAllAndAwaitManifests() {
        for (SimulatedStream s : streams) {
            s.stop(StopReason.HOST_TRIGGERED);
        }
        for (SimulatedStream s : streams) {
            await().until(() -> Files.isRegularFile(dir(s).resolve(RecordingLayout.MANIFEST)));
        }
    }

    private static Path dir(SimulatedStream s) {
        return RecordingLayout.streamDir(cluster.dataDir(), "meeting", s.entityId(), s.streamId());
    }

    private static JsonNode manifest(SimulatedStream s) {
        try {
            return JSON.readTree(dir(s).resolve(RecordingLayout.MANIFEST).toFile());
        } catch (IOException e) {
            throw new AssertionError("manifest of " + s.streamId(), e);
        }
    }

    /** The manifest's TAKEOVER outages. */
    private static JsonNode takeovers(SimulatedStream s) {
        var list = JSON.createArrayNode();
        for (JsonNode o : manifest(s).path("outages")) {
            if ("TAKEOVER".equals(o.path("cause").asText())) {
                list.add(o);
            }
        }
        return list;
    }

    /**
     * One recording for the stream, finished, holding every transcript line Zoom delivered (none lost
     * to a takeover, none twice) and a well-formed WAV.
     */
    private void assertRecordedOnce(SimulatedStream s) {
        assertRecorded(s);
        try {
            assertThat(Files.readAllLines(dir(s).resolve(RecordingLayout.TRANSCRIPT_JSONL)))
                    .as("transcript lines of %s", s.streamId()).hasSize((int) s.sent(MediaKind.TRANSCRIPT));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The transcript of a stream whose replica froze or was killed: each line one Zoom sent, in the order
     * sent, none twice; and every line Zoom sent is there but those the lost client may never have read
     * (written to its sockets after it was last heard from, before Zoom dropped them for its silence or
     * they ended without a close frame), so in particular every line sent while the new owner ran the stream.
     */
    private void assertTranscriptAccountedFor(SimulatedStream s) throws IOException {
        List<MeetingScript.TranscriptLine> script = s.script().transcriptLines();
        long t0 = s.firstPacketTimestamp();
        long sent = s.sent(MediaKind.TRANSCRIPT);
        List<PossiblyUnread> unread = s.possiblyUnread().stream().filter(p -> p.kind() == MediaKind.TRANSCRIPT).toList();
        Map<Long, Integer> byEnd = new HashMap<>();
        for (int i = 0; i < sent; i++) {
            byEnd.put(script.get(i).endMs(), i);
        }
        List<Integer> recorded = new ArrayList<>();
        for (String line : Files.readAllLines(dir(s).resolve(RecordingLayout.TRANSCRIPT_JSONL))) {
            JsonNode n = JSON.readTree(line);
            Integer i = byEnd.get(n.path("end_time").asLong() - t0);
            assertThat(i).as("line of %s is one of the %d sent: %s", s.streamId(), sent, line).isNotNull();
            MeetingScript.TranscriptLine l = script.get(i);
            assertThat(List.of(n.path("start_time").asLong() - t0, n.path("end_time").asLong() - t0, n.path("text").asText()))
                    .as("line of %s", s.streamId()).containsExactly(l.startMs(), l.endMs(), l.text());
            recorded.add(i);
        }
        assertThat(recorded).as("lines of %s in the order sent, none twice", s.streamId()).isSorted().doesNotHaveDuplicates();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            if (!recorded.contains(i)) {
                missing.add(i);
            }
        }
        for (int i : missing) {
            long due = script.get(i).endMs();
            assertThat(unread).as("line %d of %s is missing but was read (due at %d ms)", i, s.streamId(), due)
                    .anyMatch(p -> p.covers(due));
        }
        assertThat((long) recorded.size()).as("transcript lines of %s", s.streamId())
                .isGreaterThanOrEqualTo(sent - s.possiblyUnread(MediaKind.TRANSCRIPT)).isLessThanOrEqualTo(sent);
    }

    /** One recording for the stream, finished and stopped, its marker gone, with a well-formed WAV. */
    private void assertRecorded(SimulatedStream s) {
        Path dir = dir(s);
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            assertThat(siblings.toList()).as("recordings of meeting %s", s.entityId()).containsExactly(dir);
            JsonNode m = manifest(s);
            assertThat(m.path("lifecycle").asText()).isEqualTo("STOPPED");
            assertThat(m.path("stop_reason").asInt()).isEqualTo(StopReason.HOST_TRIGGERED.code());
            assertThat(dir.resolve(RecordingLayout.MARKER)).doesNotExist();
            JsonNode audio = null;
            for (JsonNode f : m.path("files")) {
                if (f.path("path").asText().equals(RecordingLayout.MIXED_AUDIO)) {
                    audio = f;
                }
            }
            assertThat(audio).as("audio of %s", s.streamId()).isNotNull();
            assertThat(audio.path("duration_ms").asLong() * 32 + WavHeader.HEADER_SIZE).isEqualTo(audio.path("bytes").asLong());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertNoViolations() {
        Set<String> seen = new HashSet<>();
        for (SimulatedStream s : streams) {
            for (Violation v : s.violations()) {
                seen.add(s.streamId() + ": " + v);
            }
        }
        assertThat(seen).as("what Zoom saw the replicas do wrong").isEmpty();
    }
}
