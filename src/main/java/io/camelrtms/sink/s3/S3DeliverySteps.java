package io.camelrtms.sink.s3;

import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.delivery.SinkDeliveryException;
import io.camelrtms.sink.delivery.SinkRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The steps of the s3 sink's delivery route ({@code rtms-sink-s3-attempt} in routes/sinks.yaml, bean
 * {@code rtmsS3DeliverySteps}), run on the sink's delivery threads for each attempt of a request:
 * {@link #prepare} (the endpoint, and for a PUT the file slice to send), {@link #keysToDelete} (one
 * page of a prefix delete) and {@link #verify} (size check, then the local delete after an upload).
 */
public class S3DeliverySteps {

    /** Set before the upload: the bytes sent, checked against S3 by {@link #verify}. */
    public static final String H_EXPECTED_LENGTH = "RtmsS3ExpectedLength";
    /** Exchange property holding the camel-aws2-s3 endpoint URI. */
    public static final String PROPERTY_ENDPOINT = "RtmsS3Endpoint";
    /** Exchange property: {@code true} while a prefix delete has keys left. */
    public static final String PROPERTY_KEYS_LEFT = "RtmsS3KeysLeft";

    private static final String PROPERTY_STREAM = "RtmsS3OpenStream";
    private static final String PROPERTY_CLOSE_REGISTERED = "RtmsS3CloseRegistered";
    private static final String PROPERTY_ROUNDS = "RtmsS3DeleteRounds";
    private static final int MAX_DELETE_ROUNDS = 100_000;

    private final String endpointUri;
    private final Path dataDir;

    /**
     * @param endpointUri the camel-aws2-s3 endpoint requests go to
     * @param dataDir     the recorder's data root: emptied directories are removed up to it, never it
     */
    public S3DeliverySteps(String endpointUri, Path dataDir) {
        this.endpointUri = endpointUri;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * Before each attempt: the endpoint, and for a PUT the body (the file slice, opened anew on every
     * attempt) with its length. A file that no longer exists cannot be uploaded: the request is set
     * aside ({@link SinkDelivery#PROPERTY_REJECTED}) rather than retried.
     */
    public void prepare(Exchange exchange) throws IOException {
        exchange.setProperty(PROPERTY_ENDPOINT, endpointUri);
        Message m = exchange.getMessage();
        m.removeHeader(AWS2S3Constants.S3_OPERATION);
        if (!S3Requests.PUT.equals(m.getHeader(S3Requests.H_ACTION, String.class))) {
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
        if (!Boolean.TRUE.equals(exchange.getProperty(PROPERTY_CLOSE_REGISTERED, Boolean.class))) {
            exchange.setProperty(PROPERTY_CLOSE_REGISTERED, true);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    closeOpenStream(done);
                }
            });
        }
        m.setBody(in);
        m.setHeader(AWS2S3Constants.CONTENT_LENGTH, length);
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
                if (o instanceof S3Object s3) {
                    keys.add(s3.key());
                }
            }
        }
        int rounds = exchange.getProperty(PROPERTY_ROUNDS, 0, Integer.class) + 1;
        if (rounds > MAX_DELETE_ROUNDS) {
            throw new SinkDeliveryException("S3 still lists keys under " + m.getHeader(AWS2S3Constants.PREFIX) + " after " + rounds + " deletes");
        }
        exchange.setProperty(PROPERTY_ROUNDS, rounds);
        exchange.setProperty(PROPERTY_KEYS_LEFT, !keys.isEmpty());
        m.setHeader(AWS2S3Constants.KEYS_TO_DELETE, keys);
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
        Long actual = body instanceof HeadObjectResponse head ? head.contentLength() : null;
        if (actual == null || actual != expected) {
            throw new SinkDeliveryException("S3 holds " + actual + " bytes under " + m.getHeader(AWS2S3Constants.KEY) + ", " + expected + " were sent");
        }
        SinkRequest request = exchange.getProperty(SinkDelivery.PROPERTY_REQUEST, SinkRequest.class);
        Path file = request.file().path();
        String mode = m.getHeader(S3Requests.H_DELETE_LOCAL, String.class);
        closeOpenStream(exchange);
        if (S3Requests.DELETE_LOCAL_FILE.equals(mode)) {
            Files.deleteIfExists(file);
        } else if (S3Requests.DELETE_LOCAL_LAST.equals(mode)) {
            Path dir = file.getParent();
            List<Path> left = S3Keys.files(dir);
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
}
