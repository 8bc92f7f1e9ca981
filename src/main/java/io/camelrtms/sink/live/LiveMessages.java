package io.camelrtms.sink.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.component.RtmsConstants;
import io.camelrtms.sink.SinkDocuments;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The {@code live} sink's message: the same document the http sink posts ({@link SinkDocuments}), which
 * the route then marshals with Camel's JSON data format. Every document names its stream
 * ({@code rtms_stream_id}), since the feed goes to every subscriber and they pick their streams.
 */
public final class LiveMessages {

    /** The sink's name: {@code rtms.sinks.<type>: live}. */
    public static final String NAME = "live";

    private final ObjectMapper mapper;

    public LiveMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The document of a TRANSCRIPT, CHAT, EVENT or LIFECYCLE exchange. */
    public ObjectNode document(Exchange exchange) {
        Message m = exchange.getMessage();
        String type = m.getHeader(RtmsConstants.MEDIA_TYPE, "EVENT", String.class);
        String streamId = m.getHeader(RtmsConstants.STREAM_ID, String.class);
        String stream = streamId == null || streamId.isEmpty() ? "account" : streamId;
        return SinkDocuments.of(mapper, m, type, stream, m.getHeader(RtmsConstants.SEQUENCE, Long.class));
    }
}
