package io.camelrtms.sink;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.protocol.StopReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code s3} sink: uploads what the file recorder wrote, under the same layout, as keys
 * {@code <prefix>/<product>/<safe entity id>/<safe stream id>/<relative path>}.
 *
 * <p>It acts on LIFECYCLE exchanges (which reach it after the file sink): STOPPED or FAILED queue
 * one upload per file of the stream's media types that go to S3, {@code manifest.json} last, as
 * durable requests of the sink's {@link SinkDelivery} (they survive a crash and are retried until
 * S3 takes them). STOPPED with STREAM_REVOKED drops what is still queued and deletes every key of
 * the stream. With a segment interval, files of live streams are also uploaded while they grow, as
 * numbered segments under {@code <stream>/segments/} (see the README), removed once the final
 * upload is complete.
 *
 * <p>The delivery route calls {@link #prepare} (opens the file slice), {@link #keysToDelete} (pages
 * of a prefix delete) and {@link #verify} (size check and local delete after a verified upload).
 */
public class S3Uploader extends ServiceSupport {

    /** The sink's name: {@code rtms.sinks.<type>: s3}. */
    public static final String NAME = "s3";
    /** Request header: {@code PUT} or {@code DELETE_PREFIX}. */
    public static final String H_ACTION = "RtmsS3Action";
    /** Request header: {@code file} deletes the local file after a verified upload, {@code last} the manifest when nothing else is left. */
    public static final String H_DELETE_LOCAL = "RtmsS3DeleteLocal";
    /** Set before the upload: the bytes sent, checked against S3 by {@link #verify}. */
    public static final String H_EXPECTED_LENGTH = "RtmsS3ExpectedLength";
    /** Exchange property holding the camel-aws2-s3 endpoint URI. */
    public static final String PROPERTY_ENDPOINT = "RtmsS3Endpoint";
    /** Exchange property: {@code true} while a prefix delete has keys left. */
    public static final String PROPERTY_KEYS_LEFT = "RtmsS3KeysLeft";
    public static final String SEGMENTS = "segments";

    static final String KEY = "CamelAwsS3Key";
    static final String PREFIX = "CamelAwsS3Prefix";
    static final String CONTENT_TYPE = "CamelAwsS3ContentType";
    static final String CONTENT_LENGTH = "CamelAwsS3ContentLength";
    static final String KEYS_TO_DELETE = "CamelAwsS3KeysToDelete";
    static final String OPERATION = "CamelAwsS3Operation";

    private static final Logger LOG = LoggerFactory.getLogger(S3Uploader.class);
    private static final String PROPERTY_STREAM = "RtmsS3OpenStream";
    private static final String PROPERTY_ROUNDS = "RtmsS3DeleteRounds";
    private static final int MAX_DELETE_ROUNDS = 100_000;

    /**
     * @param dataDir                the recorder's data root
     * @param prefix                 key prefix ({@code ""} for none)
     * @param segmentInterval        upload live streams' files this often; zero turns it off
     * @param deleteLocalAfterUpload delete a local file once S3 holds it (same size)
     * @param deleteOnRevoke         STREAM_REVOKED deletes the stream's keys
     * @param types                  media types (lower case) whose files go to S3
     * @param keptTypes              media types (lower case) that also go to the file sink: never deleted locally
     * @param endpointUri            the camel-aws2-s3 endpoint the delivery route uses
     */
    public record Settings(Path dataDir, String prefix, Duration segmentInterval, boolean deleteLocalAfterUpload,
                           boolean deleteOnRevoke, Set<String> types, Set<String> keptTypes, String endpointUri) {
    }

    private final Settings settings;
    private final Path dataDir;
    private final String prefix;
    private final Map<String, LiveStream> live = new ConcurrentHashMap<>();
    private volatile SinkDelivery delivery;
    private ScheduledExecutorService segmenter;

    public S3Uploader(Settings settings) {
        this.settings = settings;
        this.dataDir = settings.dataDir().toAbsolutePath().normalize();
        String p = settings.prefix() == null ? "" : settings.prefix().strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = p;
    }

    public void setDelivery(SinkDelivery delivery) {
        this.delivery = delivery;
    }

    public SinkDelivery delivery() {
        return delivery;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    protected void doStart() {
        long every = settings.segmentInterval() == null ? 0 : settings.segmentInterval().toMillis();
        if (every > 0) {
            segmenter = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rtms-sink-s3-segments");
                t.setDaemon(true);
                return t;
            });
            segmenter.scheduleWithFixedDelay(this::uploadSegments, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (segmenter != null) {
            segmenter.shutdownNow();
            segmenter = null;
        }
    }

    /** The key of a stream directory (no trailing slash). */
    public String streamKey(Path streamDir) {
        String rel = dataDir.relativize(streamDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    // ---- on the media threads

    /** The route's step: acts on LIFECYCLE exchanges, ignores anything else. */
    public void lifecycle(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        if (!"LIFECYCLE".equals(m.getHeader(RtmsConstants.MEDIA_TYPE, String.class))) {
            LOG.debug("The s3 sink uploads what the file recorder finished; ignoring a {} exchange",
                    m.getHeader(RtmsConstants.MEDIA_TYPE, String.class));
            return;
        }
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, String.class);
        if (streamId == null || streamId.isEmpty()) {
            return;
        }
        Path dir = RecordingLayout.streamDir(dataDir, m.getHeader(RtmsConstants.PRODUCT, String.class),
                m.getHeader(RtmsConstants.ENTITY_ID, String.class), streamId);
        String lifecycle = m.getHeader(RtmsConstants.LIFECYCLE, String.class);
        if (!"STOPPED".equals(lifecycle) && !"FAILED".equals(lifecycle)) {
            live.computeIfAbsent(streamId, id -> new LiveStream(id, dir));
            return;
        }
        LiveStream stream = live.remove(streamId);
        if (stream == null) {
            stream = new LiveStream(streamId, dir);
        }
        Integer reason = m.getHeader(RtmsConstants.STOP_REASON, Integer.class);
        synchronized (stream) {
            stream.ended = true;
            if (settings.deleteOnRevoke() && reason != null && reason == StopReason.STREAM_REVOKED.code()) {
                revoke(stream);
            } else {
                uploadFinished(stream);
            }
        }
    }

    private void revoke(LiveStream stream) throws IOException {
        SinkDelivery d = require();
        int dropped = d.discard(stream.streamId);
        String key = streamKey(stream.dir) + "/";
        d.submitDurable(deletePrefix(stream.streamId, key));
        LOG.warn("Stream {} was revoked: {} uploads not yet done were dropped and its keys in S3 are being deleted",
                stream.streamId, dropped);
    }

    private void uploadFinished(LiveStream stream) throws IOException {
        Path manifest = stream.dir.resolve(RecordingLayout.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            LOG.warn("Stream {}: no {} in {}; nothing uploaded to S3", stream.streamId, RecordingLayout.MANIFEST, stream.dir);
            return;
        }
        SinkDelivery d = require();
        String key = streamKey(stream.dir);
        int n = 0;
        for (Path file : files(stream.dir)) {
            String rel = relative(stream.dir, file);
            String type = mediaTypeOf(rel);
            if (type == null || !settings.types().contains(type) || stream.uploadedFrames.contains(rel)) {
                continue;
            }
            boolean deleteLocal = settings.deleteLocalAfterUpload() && !settings.keptTypes().contains(type);
            d.submitDurable(put(stream.streamId, key + "/" + rel, file, 0, -1, deleteLocal ? "file" : null));
            n++;
        }
        d.submitDurable(put(stream.streamId, key + "/" + RecordingLayout.MANIFEST, manifest, 0, -1,
                settings.deleteLocalAfterUpload() ? "last" : null));
        if (settings.segmentInterval() != null && !settings.segmentInterval().isZero()) {
            d.submitDurable(deletePrefix(stream.streamId, key + "/" + SEGMENTS + "/"));
        }
        LOG.info("Stream {}: {} files and the manifest queued for upload to S3 under {}/", stream.streamId, n, key);
    }

    // ---- rolling segments (the segmenter thread)

    /** Uploads what live streams' files gained since the last pass; the segmenter calls it, tests may too. */
    public void uploadSegments() {
        for (LiveStream stream : live.values()) {
            synchronized (stream) {
                if (stream.ended || !Files.isDirectory(stream.dir)) {
                    continue;
                }
                try {
                    uploadSegments(stream);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Stream {}: rolling upload to S3 failed: {}", stream.streamId, e.toString());
                }
            }
        }
    }

    private void uploadSegments(LiveStream stream) throws IOException {
        SinkDelivery d = require();
        String key = streamKey(stream.dir);
        Map<Path, Path> newestFrame = new HashMap<>();
        List<Path> all = files(stream.dir);
        for (Path f : all) {
            if (isFrame(f)) {
                newestFrame.merge(f.getParent(), f, (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()) >= 0 ? a : b);
            }
        }
        for (Path file : all) {
            String rel = relative(stream.dir, file);
            String type = mediaTypeOf(rel);
            if (type == null || !settings.types().contains(type)) {
                continue;
            }
            if (isFrame(file)) {
                // a frame is written once and never changes: it goes to its final key at once
                // (all but the newest of its directory, which may still be being written)
                if (!file.equals(newestFrame.get(file.getParent())) && stream.uploadedFrames.add(rel)) {
                    d.submitDurable(put(stream.streamId, key + "/" + rel, file, 0, -1, null));
                }
                continue;
            }
            long size = Files.size(file);
            long from = stream.offsets.getOrDefault(rel, 0L);
            if (size > from) {
                String segment = key + "/" + SEGMENTS + "/" + rel + "/" + String.format("%020d", from);
                d.submitDurable(put(stream.streamId, segment, file, from, size - from, null));
                stream.offsets.put(rel, size);
            }
        }
    }

    // ---- requests

    private static SinkRequest put(String streamId, String key, Path file, long offset, long length, String deleteLocal) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_ACTION, "PUT");
        h.put(KEY, key);
        h.put(CONTENT_TYPE, contentTypeOf(file.getFileName().toString()));
        if (deleteLocal != null) {
            h.put(H_DELETE_LOCAL, deleteLocal);
        }
        return new SinkRequest(streamId, key + (offset > 0 ? "@" + offset : ""), "PUT", h, null,
                new SinkRequest.FileSlice(file.toAbsolutePath().normalize(), offset, length));
    }

    private static SinkRequest deletePrefix(String streamId, String keyPrefix) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_ACTION, "DELETE_PREFIX");
        h.put(PREFIX, keyPrefix);
        return SinkRequest.of(streamId, "delete:" + keyPrefix, "DELETE_PREFIX", h, null);
    }

    // ---- in the delivery route (the sink's delivery threads)

    /**
     * Before each attempt: the endpoint, and for a PUT the body (the file slice, opened anew on every
     * attempt) with its length. A file that no longer exists cannot be uploaded: the request is set
     * aside ({@link SinkDelivery#PROPERTY_REJECTED}) rather than retried.
     */
    public void prepare(Exchange exchange) throws IOException {
        exchange.setProperty(PROPERTY_ENDPOINT, settings.endpointUri());
        Message m = exchange.getMessage();
        m.removeHeader(OPERATION);
        if (!"PUT".equals(m.getHeader(H_ACTION, String.class))) {
            exchange.setProperty(PROPERTY_KEYS_LEFT, true);
            exchange.setProperty(PROPERTY_ROUNDS, 0);
            return;
        }
        SinkRequest request = exchange.getProperty(SinkDelivery.PROPERTY_REQUEST, SinkRequest.class);
        SinkRequest.FileSlice slice = request == null ? null : request.file();
        closeOpenStream(exchange);
        if (slice == null || !Files.isRegularFile(slice.path())) {
            exchange.setProperty(SinkDelivery.PROPERTY_REJECTED, "the local file is gone: " + (slice == null ? "?" : slice.path()));
            return;
        }
        long size = Files.size(slice.path());
        long length = slice.length() < 0 ? size - slice.offset() : slice.length();
        if (slice.offset() + length > size) {
            exchange.setProperty(SinkDelivery.PROPERTY_REJECTED, "the local file is shorter than the slice to upload: " + slice.path());
            return;
        }
        InputStream in = new FileSliceInputStream(slice.path(), slice.offset(), length);
        exchange.setProperty(PROPERTY_STREAM, in);
        if (!Boolean.TRUE.equals(exchange.getProperty("RtmsS3CloseRegistered", Boolean.class))) {
            exchange.setProperty("RtmsS3CloseRegistered", true);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    closeOpenStream(done);
                }
            });
        }
        m.setBody(in);
        m.setHeader(CONTENT_LENGTH, length);
        m.setHeader(H_EXPECTED_LENGTH, length);
    }

    private static void closeOpenStream(Exchange exchange) {
        InputStream open = exchange.getProperty(PROPERTY_STREAM, InputStream.class);
        if (open != null) {
            exchange.removeProperty(PROPERTY_STREAM);
            try {
                open.close();
            } catch (IOException ignored) {
                // read-only file
            }
        }
    }

    /** One page of a prefix delete: the keys listed become the keys to delete; none left ends the loop. */
    public void keysToDelete(Exchange exchange) {
        Message m = exchange.getMessage();
        List<String> keys = new ArrayList<>();
        Object body = m.getBody();
        if (body instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof software.amazon.awssdk.services.s3.model.S3Object s3) {
                    keys.add(s3.key());
                }
            }
        }
        int rounds = exchange.getProperty(PROPERTY_ROUNDS, 0, Integer.class) + 1;
        if (rounds > MAX_DELETE_ROUNDS) {
            throw new SinkDeliveryException("S3 still lists keys under " + m.getHeader(PREFIX) + " after " + rounds + " deletes");
        }
        exchange.setProperty(PROPERTY_ROUNDS, rounds);
        exchange.setProperty(PROPERTY_KEYS_LEFT, !keys.isEmpty());
        m.setHeader(KEYS_TO_DELETE, keys);
    }

    /**
     * After an upload whose local copy is to be deleted: S3's size of the object (headObject) must be
     * the size sent; then the local file goes (for {@code last}, the manifest, only when nothing else
     * of the stream is left, and then the empty directories).
     *
     * @throws SinkDeliveryException when the sizes differ (the upload is retried)
     */
    public void verify(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        long expected = m.getHeader(H_EXPECTED_LENGTH, -1L, Long.class);
        Object body = m.getBody();
        Long actual = body instanceof software.amazon.awssdk.services.s3.model.HeadObjectResponse head ? head.contentLength() : null;
        if (actual == null || actual != expected) {
            throw new SinkDeliveryException("S3 holds " + actual + " bytes under " + m.getHeader(KEY) + ", " + expected + " were sent");
        }
        SinkRequest request = exchange.getProperty(SinkDelivery.PROPERTY_REQUEST, SinkRequest.class);
        Path file = request.file().path();
        String mode = m.getHeader(H_DELETE_LOCAL, String.class);
        closeOpenStream(exchange);
        if ("file".equals(mode)) {
            Files.deleteIfExists(file);
        } else if ("last".equals(mode)) {
            Path dir = file.getParent();
            List<Path> left = files(dir);
            if (left.size() == 1 && left.get(0).equals(file)) {
                Files.deleteIfExists(file);
                deleteEmptyDirs(dir);
            }
        }
    }

    private void deleteEmptyDirs(Path streamDir) throws IOException {
        if (!Files.isDirectory(streamDir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(streamDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (DirectoryNotEmptyException kept) {
                        // something was kept locally
                    }
                }
            }
        }
        try {
            Path entity = streamDir.getParent();
            if (entity != null && !entity.equals(dataDir)) {
                Files.deleteIfExists(entity);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException otherStreams) {
            // other streams of the same meeting keep it
        }
    }

    // ---- helpers

    private SinkDelivery require() {
        SinkDelivery d = delivery;
        if (d == null) {
            throw new IllegalStateException("The s3 sink is not in use: name it in rtms.sinks and set rtms.s3.bucket");
        }
        return d;
    }

    /** Regular files of a stream directory, sorted, without hidden ones (the recording marker, temporary files). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                    .sorted().toList();
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isFrame(Path file) {
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

    /** A stream being recorded, as far as rolling uploads are concerned. Guarded by its own monitor. */
    private static final class LiveStream {
        final String streamId;
        final Path dir;
        final Map<String, Long> offsets = new HashMap<>();
        final Set<String> uploadedFrames = new HashSet<>();
        boolean ended;

        LiveStream(String streamId, Path dir) {
            this.streamId = streamId;
            this.dir = dir;
        }
    }
}
