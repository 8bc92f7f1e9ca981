package io.camelrtms.component;

import io.camelrtms.protocol.ControlMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/**
 * Takes control messages for a channel: a {@link ControlMessage} body (started, stopped,
 * interrupted, concurrency events) from the webhook route, or a deliberate close of one stream
 * named by the {@value RtmsConstants#STREAM_ID} header with {@value #ACTION}={@code close}.
 * Returns at once: connecting happens in the background.
 */
public class RtmsProducer extends DefaultProducer {

    /** Header naming a deliberate action; {@code close} ends the stream named by RtmsStreamId with msg 21. */
    public static final String ACTION = "RtmsAction";

    public RtmsProducer(RtmsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public RtmsEndpoint getEndpoint() {
        return (RtmsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RtmsChannel channel = getEndpoint().getComponent().channel(getEndpoint().getChannel());
        String action = exchange.getIn().getHeader(ACTION, String.class);
        if ("close".equalsIgnoreCase(action)) {
            String streamId = exchange.getIn().getHeader(RtmsConstants.STREAM_ID, String.class);
            if (streamId == null) {
                throw new IllegalArgumentException("RtmsAction=close needs the RtmsStreamId header");
            }
            exchange.getIn().setHeader(RtmsConstants.LIFECYCLE, channel.close(streamId) ? "CLOSING" : "UNKNOWN_STREAM");
            return;
        }
        ControlMessage control = exchange.getIn().getBody(ControlMessage.class);
        if (control == null) {
            throw new InvalidPayloadException(exchange, ControlMessage.class);
        }
        channel.control(control);
    }
}
