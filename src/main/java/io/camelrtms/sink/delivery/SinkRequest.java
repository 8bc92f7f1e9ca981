package io.camelrtms.sink.delivery;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request of a delivering sink, exactly as it is sent and, when the sink is down, spooled:
 * the headers (with the idempotency key) and the body, or for a large body a slice of a local file
 * read when the request is sent (an S3 upload of a recorded file).
 *
 * @param stream the stream it belongs to: requests of one stream are delivered in order
 * @param id     unique per request and the same on every retry and redelivery: the idempotency key
 * @param type   what it carries (e.g. {@code TRANSCRIPT}, {@code AUDIO}, {@code PUT}), for logs and routing
 * @param headers the message headers of the request
 * @param body   the body, or {@code null} when {@code file} is used or there is none
 * @param file   the local file (slice) to send as the body, or {@code null}
 */
public record SinkRequest(String stream, String id, String type, Map<String, String> headers, byte[] body, FileSlice file) {

    public SinkRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A request with an in-memory body. */
    public static SinkRequest of(String stream, String id, String type, Map<String, String> headers, byte[] body) {
        return new SinkRequest(stream, id, type, headers, body, null);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /**
     * A byte range of a local file.
     *
     * @param path   the file
     * @param offset first byte
     * @param length bytes to send, or -1 for everything from {@code offset} to the end at send time
     */
    public record FileSlice(Path path, long offset, long length) {

        public static FileSlice whole(Path path) {
            return new FileSlice(path, 0, -1);
        }
    }
}
