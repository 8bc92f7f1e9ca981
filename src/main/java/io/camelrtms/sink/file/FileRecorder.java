package io.camelrtms.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.media.PcmFormat;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.sink.SinkThreads;
import io.camelrtms.sink.JsonBodies;
import io.camelrtms.sink.VideoFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} sink: records every exchange of {@code from: rtms:…} under the data root, one
 * directory per stream (see {@link RecordingLayout}). AUDIO is PCM from the media route's decode
 * step (WAV), or Opus packets it kept as Zoom sent them (Ogg Opus; with {@code rtms.recording.opus:
 * both} the packet comes beside the PCM and both are written). LIFECYCLE STOPPED or FAILED finishes the stream's files and
 * writes its manifest; STOPPED with STREAM_REVOKED deletes the stream's data instead (configurable).
 * LIFECYCLE with {@code RtmsLeft} closes the files unfinished for the stream's next owner; with
 * {@code RtmsFenced} too it only releases them, writing nothing, since that owner may have finished them.
 *
 * <p>As a Camel service it recovers unfinished recordings when it starts, before any route runs,
 * and runs one shared scheduler (a thread of Camel's executor service manager) that flushes buffered
 * audio and WAV headers at the configured interval. Exchanges of one stream must come one at a time and in order; different streams may
 * come concurrently.
 */
public class FileRecorder extends ServiceSupport implements Processor, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(FileRecorder.class);

    private final RecorderSettings settings;
    private final ObjectMapper mapper;
    private final Map<String, StreamRecording> recordings = new ConcurrentHashMap<>();
    private final WriteDelaySweep sweep = new WriteDelaySweep();
    private final Set<String> warnedStreams = ConcurrentHashMap.newKeySet();
    private final RecordingStatistics statistics = new RecordingStatistics();
    private CamelContext camelContext;
    private ScheduledExecutorService scheduler;

    private Supplier<Set<String>> resumingStreams = Set::of;
    private BooleanSupplier leased = () -> true;

    public FileRecorder(RecorderSettings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    public RecorderSettings settings() {
        return settings;
    }

    /** Audio written and its latency, over all streams. */
    public RecordingStatistics statistics() {
        return statistics;
    }

    /** The recording of a stream while it is open, else {@code null}. */
    public StreamRecording recording(String streamId) {
        return recordings.get(streamId);
    }

    /**
     * Tells the start-up recovery which streams a restarted {@code rtms:} component is about to
     * rejoin: their recordings are left open so they continue in the same files.
     */
    public void setResumingStreams(Supplier<Set<String>> resumingStreams) {
        this.resumingStreams = resumingStreams;
    }

    /**
     * Tells the recorder whether this node still holds its lease on the streams it runs (a cluster). While
     * it does not, the scheduler hands no buffered data to the files: a process resumed after a pause runs
     * its overdue flushes at once, and the streams' next owner may already have written past that data.
     * The fenced last exchange that follows drops those buffers ({@link RtmsConstants#FENCED}).
     */
    public void setLeased(BooleanSupplier leased) {
        this.leased = leased;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Set by Camel when the recorder is added as a service; its scheduler runs on a thread of this context. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Streams being recorded. */
    public int openRecordings() {
        return recordings.size();
    }

    @Override
    protected void doStart() {
        if (settings.recoverOnStart()) {
            new RecordingRecovery(mapper, settings.maxCue().toMillis()).recoverAll(settings.dataDir(), resumingStreams.get());
        }
        ObjectHelper.notNull(camelContext, "camelContext");
        scheduler = SinkThreads.scheduler(camelContext, this, "rtms-recording-flush");
        long every = settings.headerRefreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::flushAll, every, every, TimeUnit.MILLISECONDS);
        // Audio that stopped arriving (a speaker fell silent) still reaches the file within the write delay.
        long delay = settings.maxWriteDelay().toNanos();
        if (delay > 0 && delay < settings.headerRefreshInterval().toNanos()) {
            long period = Math.max(1_000_000L, delay);
            scheduler.scheduleAtFixedRate(this::drainDue, period, period, TimeUnit.NANOSECONDS);
        }
        LOG.info("Recording to {}", settings.dataDir().toAbsolutePath().normalize());
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        int open = recordings.size();
        for (StreamRecording r : recordings.values()) {
            try {
                r.closeFiles();
            } catch (IOException e) {
                LOG.warn("Closing the files of stream {}: {}", r.info().streamId(), e.getMessage());
            }
        }
        recordings.clear();
        if (open > 0) {
            LOG.info("Stopped with {} streams still recording; their files are closed and will be finished "
                    + "by the recovery pass at the next start", open);
        }
    }

    /** Hands to the operating system every audio buffer that has waited the longest write delay. */
    void drainDue() {
        if (!leased.getAsBoolean()) {
            return;
        }
        long now = System.nanoTime();
        for (StreamRecording r : sweep.recordings()) {
            try {
                r.drainDue(now);
            } catch (IOException | RuntimeException e) {
                if (warnedStreams.add("flush:" + r.info().streamId())) {
                    LOG.warn("Cannot write the recording of stream {}: {}", r.info().streamId(), e.toString());
                }
            }
        }
    }

    /** Flushes every open recording; the scheduler calls it, tests may too. */
    public void flushAll() {
        if (!leased.getAsBoolean()) {
            return;
        }
        for (StreamRecording r : recordings.values()) {
            try {
                r.flush();
            } catch (IOException | RuntimeException e) {
                if (warnedStreams.add("flush:" + r.info().streamId())) {
                    LOG.warn("Cannot flush the recording of stream {}: {}", r.info().streamId(), e.toString());
                }
            }
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        String type = m.getHeader(RtmsConstants.MEDIA_TYPE, String.class);
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, String.class);
        if (type == null || streamId == null || streamId.isEmpty()) {
            if ("EVENT".equals(type)) {
                LOG.debug("Not recording account-level event {}: it belongs to no stream",
                        m.getHeader(RtmsConstants.EVENT_NAME, String.class));
                return;
            }
            if (warnedStreams.add("no-stream")) {
                LOG.warn("Ignoring exchanges without {} and {} headers: the recorder cannot place them",
                        RtmsConstants.MEDIA_TYPE, RtmsConstants.STREAM_ID);
            }
            return;
        }
        if (type.equals("LIFECYCLE")) {
            lifecycle(m, streamId);
            return;
        }
        StreamRecording rec = recordingFor(m, streamId);
        switch (type) {
            case "AUDIO" -> audio(rec, m, streamId, exchange.getProperty(RtmsConstants.PROPERTY_OPUS_PACKET, byte[].class));
            case "TRANSCRIPT" -> transcript(rec, m);
            case "CHAT" -> chat(rec, m);
            case "EVENT" -> event(rec, m);
            case "VIDEO" -> video(rec, m, RecordingLayout.VIDEO_DIR);
            case "DESKSHARE" -> video(rec, m, RecordingLayout.DESKSHARE_DIR);
            default -> {
                if (warnedStreams.add("type:" + type)) {
                    LOG.warn("Not recording media type {}", type);
                }
            }
        }
    }

    private StreamRecording recordingFor(Message m, String streamId) throws IOException {
        StreamRecording rec = recordings.get(streamId);
        if (rec == null) {
            // No race: one stream's exchanges come one at a time.
            StreamInfo info = new StreamInfo(m.getHeader(RtmsConstants.PRODUCT, String.class),
                    m.getHeader(RtmsConstants.ENTITY_KEY, String.class), m.getHeader(RtmsConstants.ENTITY_ID, String.class),
                    streamId, m.getHeader(RtmsConstants.SERVER_REGION, String.class), Instant.now(), -1);
            rec = StreamRecording.open(streamDir(m, streamId), mapper, settings, info, statistics, sweep);
            recordings.put(streamId, rec);
        }
        return rec;
    }

    private Path streamDir(Message m, String streamId) {
        return RecordingLayout.streamDir(settings.dataDir(), m.getHeader(RtmsConstants.PRODUCT, String.class),
                m.getHeader(RtmsConstants.ENTITY_ID, String.class), streamId);
    }

    /**
     * @param opusPacket the Opus packet the decoded PCM came from (rtms.recording.opus: both), or {@code null}
     */
    private void audio(StreamRecording rec, Message m, String streamId, byte[] opusPacket) throws IOException {
        String codec = m.getHeader(RtmsConstants.AUDIO_CODEC, String.class);
        if ("OPUS".equalsIgnoreCase(codec)) {
            // kept as Zoom sent it (rtms.recording.opus: keep, or RtmsAudioKeepOpus): Ogg Opus only
            opus(rec, m, m.getBody(byte[].class));
            return;
        }
        if (codec != null && !codec.equalsIgnoreCase("L16")) {
            if (warnedStreams.add("codec:" + streamId)) {
                LOG.warn("Stream {}: {} audio reached the file sink undecoded; route AUDIO through the decode step. "
                        + "Skipping it", streamId, codec);
            }
            return;
        }
        byte[] pcm = m.getBody(byte[].class);
        if (pcm == null || pcm.length == 0) {
            return;
        }
        PcmFormat format = new PcmFormat(intHeader(m, RtmsConstants.AUDIO_SAMPLE_RATE, 16000),
                intHeader(m, RtmsConstants.AUDIO_CHANNELS, 1));
        Long ts = m.getHeader(RtmsConstants.TIMESTAMP, Long.class);
        if (ts != null) {
            rec.noteOrigin(ts);
        }
        rec.audio(pcm, format, speaker(m), m.getHeader(RtmsConstants.USER_NAME, String.class),
                m.getHeader(RtmsConstants.AUDIO_SOURCE_CODEC, String.class), ts,
                intHeader(m, RtmsConstants.AUDIO_CONCEALED_FRAMES, 0), intHeader(m, RtmsConstants.BATCHED_MESSAGES, 1));
        if (opusPacket != null && settings.opus().writesOgg()) {
            opus(rec, m, opusPacket);
        }
    }

    private void opus(StreamRecording rec, Message m, byte[] packet) throws IOException {
        if (packet == null || packet.length == 0) {
            return;
        }
        Long ts = m.getHeader(RtmsConstants.TIMESTAMP, Long.class);
        if (ts != null) {
            rec.noteOrigin(ts);
        }
        rec.opus(packet, intHeader(m, RtmsConstants.AUDIO_CHANNELS, 1), intHeader(m, RtmsConstants.AUDIO_SAMPLE_RATE, 48000),
                speaker(m), m.getHeader(RtmsConstants.USER_NAME, String.class), ts);
    }

    /** The user id or channel id of per-speaker audio, {@code null} for mixed audio. */
    private static String speaker(Message m) {
        String channelId = m.getHeader(RtmsConstants.CHANNEL_ID, String.class);
        boolean perSpeaker = Boolean.TRUE.equals(m.getHeader(RtmsConstants.AUDIO_PER_SPEAKER, Boolean.class)) || channelId != null;
        if (!perSpeaker) {
            return null;
        }
        String speaker = channelId != null ? channelId : m.getHeader(RtmsConstants.USER_ID, String.class);
        return speaker == null || speaker.isEmpty() ? "unknown" : speaker;
    }

    private void transcript(StreamRecording rec, Message m) throws IOException {
        long ts = longHeader(m, RtmsConstants.TIMESTAMP, -1);
        TranscriptEntry e = new TranscriptEntry(ts, longHeader(m, RtmsConstants.TRANSCRIPT_START, -1),
                longHeader(m, RtmsConstants.TRANSCRIPT_END, -1), m.getHeader(RtmsConstants.USER_ID, String.class),
                m.getHeader(RtmsConstants.USER_NAME, String.class), m.getHeader(RtmsConstants.TRANSCRIPT_LANGUAGE, Integer.class),
                m.getHeader(RtmsConstants.TRANSCRIPT_ATTRIBUTE, String.class), m.getBody(String.class));
        if (e.begin() > 0) {
            rec.noteOrigin(e.begin());
        }
        rec.transcript(e);
    }

    private void chat(StreamRecording rec, Message m) throws IOException {
        long ts = longHeader(m, RtmsConstants.TIMESTAMP, -1);
        if (ts > 0) {
            rec.noteOrigin(ts);
        }
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", ts);
        putIfPresent(line, "user_id", m.getHeader(RtmsConstants.USER_ID, String.class));
        putIfPresent(line, "user_name", m.getHeader(RtmsConstants.USER_NAME, String.class));
        String body = m.getBody(String.class);
        JsonNode json = JsonBodies.parseOrNull(mapper, body);
        if (json != null) {
            line.set("message", json);
        } else {
            line.put("text", body == null ? "" : body);
        }
        rec.chat(line);
    }

    private void event(StreamRecording rec, Message m) throws IOException {
        ObjectNode line = mapper.createObjectNode();
        long ts = longHeader(m, RtmsConstants.TIMESTAMP, -1);
        line.put("timestamp", ts);
        line.put("kind", "EVENT");
        Integer type = m.getHeader(RtmsConstants.EVENT_TYPE, Integer.class);
        if (type != null) {
            line.put("event_type", type);
        }
        putIfPresent(line, "event_code", m.getHeader(RtmsConstants.EVENT_CODE, String.class));
        String name = m.getHeader(RtmsConstants.EVENT_NAME, String.class);
        putIfPresent(line, "event_name", name);
        String body = m.getBody(String.class);
        JsonNode json = JsonBodies.parseOrNull(mapper, body);
        if (json != null) {
            line.set("event", json);
        } else if (body != null) {
            line.put("text", body);
        }
        if ("FIRST_PACKET_TIMESTAMP".equals(name)) {
            long first = json != null && json.path("timestamp").canConvertToLong() ? json.path("timestamp").asLong() : ts;
            rec.noteOrigin(first);
        }
        rec.event(line);
    }

    private void video(StreamRecording rec, Message m, String kindDir) throws IOException {
        byte[] data = m.getBody(byte[].class);
        if (data == null || data.length == 0) {
            return;
        }
        long ts = longHeader(m, RtmsConstants.TIMESTAMP, -1);
        if (ts > 0) {
            rec.noteOrigin(ts);
        }
        String format = VideoFormats.of(m.getHeader(RtmsConstants.VIDEO_CODEC, String.class), data);
        rec.video(kindDir, m.getHeader(RtmsConstants.USER_ID, String.class), format, data, ts,
                longHeader(m, RtmsConstants.SEQUENCE, -1));
    }

    private void lifecycle(Message m, String streamId) throws IOException {
        String lifecycle = m.getHeader(RtmsConstants.LIFECYCLE, String.class);
        Integer reason = m.getHeader(RtmsConstants.STOP_REASON, Integer.class);
        boolean last = StreamEnded.isEnd(lifecycle);
        if (Boolean.TRUE.equals(m.getHeader(RtmsConstants.FENCED, Boolean.class))) {
            abandon(streamId);
            return;
        }
        if (last && reason != null && reason == StopReason.STREAM_REVOKED.code() && settings.deleteOnRevoke()) {
            revoke(m, streamId);
            return;
        }
        StreamRecording rec = recordingFor(m, streamId);
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", longHeader(m, RtmsConstants.TIMESTAMP, System.currentTimeMillis()));
        line.put("kind", "LIFECYCLE");
        putIfPresent(line, "lifecycle", lifecycle);
        if (reason != null) {
            line.put("stop_reason", reason);
            line.put("stop_reason_name", reasonName(m, reason));
        }
        JsonNode details = JsonBodies.parseOrNull(mapper, m.getBody(String.class));
        if (details != null) {
            line.set("details", details);
        }
        rec.event(line);
        if (Boolean.TRUE.equals(m.getHeader(RtmsConstants.LEFT, Boolean.class))) {
            // Left for a restarted bundle or another cluster node, which continues these files: flush and
            // close them now, unfinished (the .recording marker stays), so nothing here writes them again.
            recordings.remove(streamId);
            rec.closeFiles();
            LOG.info("Left the recording of stream {} for its next owner to continue", streamId);
            return;
        }
        if (last) {
            recordings.remove(streamId);
            warnedStreams.removeIf(k -> k.endsWith(":" + streamId));
            Long errors = m.getHeader(RtmsConstants.AUDIO_DECODE_ERRORS, Long.class);
            // Loss accounting: the component reports every reconnect and outage window on the last lifecycle.
            Integer reconnects = details != null && details.has("reconnects") ? details.get("reconnects").asInt() : null;
            JsonNode outages = details != null && details.has("outages") ? details.get("outages")
                    : reconnects != null ? mapper.createArrayNode() : null;
            ObjectNode manifest = rec.finish(new Manifest.Ending(Instant.now(), lifecycle, reason,
                    reason == null ? null : reasonName(m, reason), false, errors, reconnects, outages));
            LOG.info("Finished the recording of stream {} ({}, {} files) in {}", streamId,
                    reason == null ? lifecycle : reasonName(m, reason), manifest.path("files").size(), rec.dir());
        }
    }

    /**
     * This node was fenced off the stream: its next owner continues these files and may already have
     * finished them, so not a byte is written here, no events line, no marker; the handles are released.
     */
    private void abandon(String streamId) {
        StreamRecording rec = recordings.remove(streamId);
        warnedStreams.removeIf(k -> k.endsWith(":" + streamId));
        if (rec != null) {
            rec.abandonFiles();
        }
        LOG.info("Let go of the recording of stream {} without writing it: this node lost the stream to a fence, "
                + "its next owner has the files", streamId);
    }

    private void revoke(Message m, String streamId) throws IOException {
        StreamRecording rec = recordings.remove(streamId);
        warnedStreams.removeIf(k -> k.endsWith(":" + streamId));
        if (rec != null) {
            rec.delete();
        } else {
            StreamRecording.deleteTree(streamDir(m, streamId));
        }
        LOG.warn("Stream {} was revoked (stop reason 8, STREAM_REVOKED): its stored data has been deleted", streamId);
    }

    private static String reasonName(Message m, int reason) {
        String name = m.getHeader(RtmsConstants.STOP_REASON_NAME, String.class);
        return name != null ? name : StopReason.nameOf(reason);
    }

    private static int intHeader(Message m, String name, int fallback) {
        Integer v = m.getHeader(name, Integer.class);
        return v == null ? fallback : v;
    }

    private static long longHeader(Message m, String name, long fallback) {
        Long v = m.getHeader(name, Long.class);
        return v == null ? fallback : v;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
