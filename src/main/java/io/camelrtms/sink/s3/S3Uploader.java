package io.camelrtms.sink.s3;

import io.camelrtms.component.RtmsConstants;
import io.camelrtms.component.StreamEnded;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.sink.SinkThreads;
import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.file.RecordingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;
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
 * <p>Where things go in the bucket is {@link S3Keys}'s, the requests are {@link S3Requests}, the
 * rolling uploads {@link S3Segments} and the delivery route's steps {@link S3DeliverySteps}. As a
 * Camel service it runs the rolling uploads on a thread of Camel's executor service manager.
 */
public class S3Uploader extends ServiceSupport implements CamelContextAware {

    /** The sink's name: {@code rtms.sinks.<type>: s3}. */
    public static final String NAME = "s3";

    private static final Logger LOG = LoggerFactory.getLogger(S3Uploader.class);

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
    private final S3Keys keys;
    private final S3Segments segments;
    private final Map<String, LiveStream> live = new ConcurrentHashMap<>();
    private volatile SinkDelivery delivery;
    private CamelContext camelContext;
    private ScheduledExecutorService segmenter;

    public S3Uploader(Settings settings) {
        this.settings = settings;
        this.keys = new S3Keys(settings.dataDir(), settings.prefix());
        this.segments = new S3Segments(keys, settings.types());
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

    public S3Keys keys() {
        return keys;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Set by Camel when the uploader is added as a service; its rolling uploads run on a thread of this context. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() {
        long every = settings.segmentInterval() == null ? 0 : settings.segmentInterval().toMillis();
        if (every > 0) {
            ObjectHelper.notNull(camelContext, "camelContext");
            segmenter = SinkThreads.scheduler(camelContext, this, "rtms-sink-s3-segments");
            segmenter.scheduleWithFixedDelay(this::uploadSegments, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (segmenter != null) {
            camelContext.getExecutorServiceManager().shutdownNow(segmenter);
            segmenter = null;
        }
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
        Path dir = RecordingLayout.streamDir(keys.dataDir(), m.getHeader(RtmsConstants.PRODUCT, String.class),
                m.getHeader(RtmsConstants.ENTITY_ID, String.class), streamId);
        String lifecycle = m.getHeader(RtmsConstants.LIFECYCLE, String.class);
        if (!StreamEnded.isEnd(lifecycle)) {
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
        String key = keys.streamKey(stream.dir) + "/";
        d.submitDurable(S3Requests.deletePrefix(stream.streamId, key));
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
        String key = keys.streamKey(stream.dir);
        int n = 0;
        for (Path file : S3Keys.files(stream.dir)) {
            String rel = S3Keys.relative(stream.dir, file);
            String type = S3Keys.mediaTypeOf(rel);
            if (type == null || !settings.types().contains(type) || stream.uploadedFrames.contains(rel)) {
                continue;
            }
            boolean deleteLocal = settings.deleteLocalAfterUpload() && !settings.keptTypes().contains(type);
            d.submitDurable(S3Requests.put(stream.streamId, key + "/" + rel, file, 0, -1,
                    deleteLocal ? S3Requests.DELETE_LOCAL_FILE : null));
            n++;
        }
        d.submitDurable(S3Requests.put(stream.streamId, key + "/" + RecordingLayout.MANIFEST, manifest, 0, -1,
                settings.deleteLocalAfterUpload() ? S3Requests.DELETE_LOCAL_LAST : null));
        if (settings.segmentInterval() != null && !settings.segmentInterval().isZero()) {
            d.submitDurable(S3Requests.deletePrefix(stream.streamId, S3Keys.segmentsPrefix(key)));
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
                    segments.upload(stream, require());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Stream {}: rolling upload to S3 failed: {}", stream.streamId, e.toString());
                }
            }
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
}
