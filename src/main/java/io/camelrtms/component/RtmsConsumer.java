package io.camelrtms.component;

import io.camelrtms.client.StreamLog;
import io.camelrtms.client.StreamSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.MDC;

/**
 * Emits the exchanges of every stream of its channel. Exchanges of one stream are processed one at
 * a time and in order, on the component's worker pool, never on a Vert.x event loop.
 */
public class RtmsConsumer extends DefaultConsumer {

    private RtmsChannel channel;
    private StreamSettings settings;
    private EventLoopBudget eventLoopBudget;

    public RtmsConsumer(RtmsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public RtmsEndpoint getEndpoint() {
        return (RtmsEndpoint) super.getEndpoint();
    }

    /** Where media may run the route on the event loop (mediaOnEventLoop), else null: always on the worker pool. */
    EventLoopBudget eventLoopBudget() {
        return eventLoopBudget;
    }

    /** The validated stream settings of this consumer's endpoint. */
    StreamSettings settings() {
        return settings;
    }

    @Override
    protected void doStart() throws Exception {
        // Validate every option now: a bad combination is a configuration error at start, not at the first stream.
        settings = getEndpoint().streamSettings();
        RtmsConfiguration conf = getEndpoint().getConfiguration();
        eventLoopBudget = conf.isMediaOnEventLoop()
                ? new EventLoopBudget("rtms:" + getEndpoint().getChannel(), conf.getEventLoopBudget()) : null;
        super.doStart();
        channel = getEndpoint().getComponent().channel(getEndpoint().getChannel());
        channel.attach(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (channel != null) {
            // Ends or leaves every stream and waits until what they queued has been processed.
            channel.detach(this, getEndpoint().getConfiguration().getShutdownAction(),
                    getEndpoint().getConfiguration().getCloseTimeout() + 5_000);
            channel = null;
        }
        super.doStop();
    }

    /** Runs one exchange through the route; failures go to the consumer's exception handler. */
    void deliver(Exchange exchange) {
        // Route work of a stream logs with the stream's id and product in the MDC, like the client does.
        String streamId = exchange.getIn().getHeader(RtmsConstants.STREAM_ID, String.class);
        String product = exchange.getIn().getHeader(RtmsConstants.PRODUCT, String.class);
        MDC.put(StreamLog.STREAM_ID, streamId);
        MDC.put(StreamLog.PRODUCT, product);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            MDC.remove(StreamLog.STREAM_ID);
            MDC.remove(StreamLog.PRODUCT);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing an RTMS exchange", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
