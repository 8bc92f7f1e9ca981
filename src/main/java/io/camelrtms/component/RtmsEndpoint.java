package io.camelrtms.component;

import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.StreamSettings;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zoom Realtime Media Streams. {@code rtms:<channel>} is a logical channel, like {@code direct:}:
 * a producer sends the normalised webhook control messages that open and close streams, and the
 * consumer of the same channel emits one exchange per media message, event and lifecycle change of
 * every stream. The consumer's options decide what is requested from Zoom.
 *
 * <p>{@code from: webhook:rtms:<channel>?webhookPath=/zoom&webhookAutoRegister=false} (Camel's webhook
 * component over the runtime's platform-http) takes Zoom's webhooks itself, verified with
 * {@code webhookSecretToken}, and needs no control route.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rtms", title = "Zoom RTMS", syntax = "rtms:channel",
             category = { Category.NETWORKING, Category.CHAT }, headersClass = RtmsConstants.class)
public class RtmsEndpoint extends DefaultEndpoint implements WebhookCapableEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RtmsEndpoint.class);

    @UriPath(description = "Name of the logical channel joining the control producer and the media consumer.")
    @Metadata(required = true)
    private String channel;

    @UriParam
    private RtmsConfiguration configuration;

    private WebhookConfiguration webhookConfiguration;

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

    /**
     * {@code from: webhook:rtms:<channel>}: Zoom's requests are verified and acted on here, and the route
     * receives the channel's media exchanges, as a {@code from: rtms:<channel>} route would.
     */
    @Override
    public Processor createWebhookHandler(Processor next) {
        return new RtmsWebhookHandler(this, next);
    }

    /** Zoom has no API to subscribe a webhook: the endpoint URL is entered in the app's Event Subscriptions. */
    @Override
    public void registerWebhook() {
        LOG.info("webhook:rtms:{} is not registered with Zoom automatically: enter its URL{} as the event notification "
                 + "endpoint URL in your Zoom app (set webhookAutoRegister=false to silence this line)", channel,
                webhookConfiguration != null ? " (path " + webhookConfiguration.computeFullPath(false) + ")" : "");
    }

    @Override
    public void unregisterWebhook() {
        // nothing was registered
    }

    @Override
    public void setWebhookConfiguration(WebhookConfiguration webhookConfiguration) {
        this.webhookConfiguration = webhookConfiguration;
    }

    @Override
    public List<String> getWebhookMethods() {
        return List.of("POST");
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
