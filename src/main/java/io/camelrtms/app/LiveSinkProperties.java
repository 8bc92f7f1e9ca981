package io.camelrtms.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code live} sink's WebSocket server ({@code rtms.live.*}); it listens only while a media type goes to {@code live}. */
@ConfigurationProperties(prefix = "rtms.live")
public class LiveSinkProperties {

    /**
     * Address the feed binds to. Loopback by default; any other address needs {@code rtms.api-token}
     * (subscribers then present it), else the bundle refuses to start.
     */
    private String host = "127.0.0.1";

    /** Port of the feed, its own (not the webhook port). */
    private int port = 8082;

    /** Messages waiting for the subscribers; beyond that the newest are dropped rather than slowing the media path. */
    private int queueSize = 1000;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }
}
