package io.camelrtms.component;

import io.camelrtms.protocol.ControlMessage;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

/**
 * Takes control messages for a channel: a {@link ControlMessage} body (started, stopped,
 * interrupted, concurrency events) from the webhook route, or a deliberate close of one stream
 * named by the {@value RtmsConstants#STREAM_ID} header with {@value #ACTION}={@code close}, or a
 * change to the individual videos of one stream with {@value #ACTION}={@code subscribeVideo} or
 * {@code unsubscribeVideo} and the participant in {@value RtmsConstants#USER_ID}.
 * Returns at once: connecting happens in the background.
 */
public class RtmsProducer extends DefaultProducer {

    /**
     * Header naming a deliberate action on the stream named by RtmsStreamId: {@code close} ends it with
     * msg 21; {@code subscribeVideo} / {@code unsubscribeVideo} add or drop the individual video of the
     * participant in RtmsUserId (msg 28). The outcome is put in RtmsLifecycle.
     */
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
        if ("subscribeVideo".equalsIgnoreCase(action) || "unsubscribeVideo".equalsIgnoreCase(action)) {
            String streamId = exchange.getIn().getHeader(RtmsConstants.STREAM_ID, String.class);
            String userId = exchange.getIn().getHeader(RtmsConstants.USER_ID, String.class);
            if (streamId == null || userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("RtmsAction=" + action + " needs the RtmsStreamId and RtmsUserId headers");
            }
            exchange.getIn().setHeader(RtmsConstants.LIFECYCLE,
                    channel.subscribeVideo(streamId, userId.trim(), "subscribeVideo".equalsIgnoreCase(action)));
            return;
        }
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
