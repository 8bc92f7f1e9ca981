package io.camelrtms.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.protocol.ControlMessage;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of the cluster's records: control messages (with their channel) and stream states. */
final class ClusterJson {

    /** A control message on its way to the stream's owner, with the rtms: channel it was given to. */
    record ControlRecord(String channel, ControlMessage message) {
    }

    // records and enums map as they are; a field a later version adds is ignored, not an error
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ClusterJson() {
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return JSON.readValue(bytes, type);
    }
}
