package io.camelrtms.component;

import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.StreamSettings;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Zoom Realtime Media Streams. {@code rtms:<channel>} is a logical channel, like {@code direct:}:
 * a producer sends the normalised webhook control messages that open and close streams, and the
 * consumer of the same channel emits one exchange per media message, event and lifecycle change of
 * every stream. The consumer's options decide what is requested from Zoom.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtms", title = "Zoom RTMS", syntax = "rtms:channel",
             category = { Category.NETWORKING, Category.CHAT }, headersClass = RtmsConstants.class)
public class RtmsEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the logical channel joining the control producer and the media consumer.")
    @Metadata(required = true)
    private String channel;

    @UriParam
    private RtmsConfiguration configuration;

    public RtmsEndpoint(String uri, RtmsComponent component, String channel, RtmsConfiguration configuration) {
        super(uri, component);
        this.channel = channel;
        this.configuration = configuration;
    }

    @Override
    public RtmsComponent getComponent() {
        return (RtmsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new RtmsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RtmsConsumer consumer = new RtmsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The settings every stream of this endpoint's channel uses; validates the options. */
    StreamSettings streamSettings() {
        return configuration.streamSettings();
    }

    ConnectionOptions connectionOptions() {
        return configuration.connectionOptions();
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public RtmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RtmsConfiguration configuration) {
        this.configuration = configuration;
    }
}
