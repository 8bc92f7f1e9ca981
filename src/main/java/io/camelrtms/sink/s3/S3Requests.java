package io.camelrtms.sink.s3;

import io.camelrtms.sink.delivery.SinkRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * The requests the s3 sink queues on its delivery, exactly as they are spooled: the upload of a
 * file (or of a slice of it) under a key, and the delete of every key under a prefix. Their
 * headers are camel-aws2-s3's plus {@link #H_ACTION} and {@link #H_DELETE_LOCAL}, which the
 * delivery route reads.
 */
public final class S3Requests {

    /** Request header: {@link #PUT} or {@link #DELETE_PREFIX}. */
    public static final String H_ACTION = "RtmsS3Action";
    public static final String PUT = "PUT";
    public static final String DELETE_PREFIX = "DELETE_PREFIX";
    /**
     * Request header: {@link #DELETE_LOCAL_FILE} deletes the local file after a verified upload,
     * {@link #DELETE_LOCAL_LAST} the manifest when nothing else is left.
     */
    public static final String H_DELETE_LOCAL = "RtmsS3DeleteLocal";
    public static final String DELETE_LOCAL_FILE = "file";
    public static final String DELETE_LOCAL_LAST = "last";

    private S3Requests() {
    }

    /**
     * Uploads {@code length} bytes of a file from {@code offset} ({@code -1}: to its end at send time).
     *
     * @param deleteLocal {@link #DELETE_LOCAL_FILE}, {@link #DELETE_LOCAL_LAST} or {@code null} to keep the file
     */
    static SinkRequest put(String streamId, String key, Path file, long offset, long length, String deleteLocal) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_ACTION, PUT);
        h.put(AWS2S3Constants.KEY, key);
        h.put(AWS2S3Constants.CONTENT_TYPE, S3Keys.contentTypeOf(file.getFileName().toString()));
        if (deleteLocal != null) {
            h.put(H_DELETE_LOCAL, deleteLocal);
        }
        return new SinkRequest(streamId, key + (offset > 0 ? "@" + offset : ""), PUT, h, null,
                new SinkRequest.FileSlice(file.toAbsolutePath().normalize(), offset, length));
    }

    /** Deletes every key under {@code keyPrefix}. */
    static SinkRequest deletePrefix(String streamId, String keyPrefix) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_ACTION, DELETE_PREFIX);
        h.put(AWS2S3Constants.PREFIX, keyPrefix);
        return SinkRequest.of(streamId, "delete:" + keyPrefix, DELETE_PREFIX, h, null);
    }
}
