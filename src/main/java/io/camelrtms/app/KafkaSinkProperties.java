package io.camelrtms.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code kafka} sink ({@code rtms.kafka.*}). */
@ConfigurationProperties(prefix = "rtms.kafka")
public class KafkaSinkProperties {

    /** host:port[,host:port…] of the Kafka brokers; empty: those of the cluster mode (rtms.cluster.kafka.bootstrap-servers). */
    private String brokers = "";

    /**
     * The topic of each media type (audio, transcript, chat, event, lifecycle, video, deskshare);
     * a type not listed goes to rtms- and the type, e.g. rtms-transcript.
     */
    private Map<String, String> topics = new LinkedHashMap<>();

    /** Audio is sent in records of this much decoded PCM per stream and speaker. */
    private Duration audioChunk = Duration.ofSeconds(1);

    /** How long one send may wait for the brokers before it is retried, then spooled. */
    private Duration sendTimeout = Duration.ofSeconds(10);

    /**
     * Further Kafka client properties of the sink's producer (security.protocol, sasl.*, ssl.*, …); empty
     * while the sink uses the cluster's brokers: the cluster's (rtms.cluster.kafka.properties). The values
     * are never logged.
     */
    private Map<String, String> properties = new LinkedHashMap<>();

    /** Streams whose records are sent at the same time. */
    private int deliveryThreads = 4;

    public String getBrokers() {
        return brokers;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public Map<String, String> getTopics() {
        return topics;
    }

    public void setTopics(Map<String, String> topics) {
        this.topics = topics;
    }

    public Duration getAudioChunk() {
        return audioChunk;
    }

    public void setAudioChunk(Duration audioChunk) {
        this.audioChunk = audioChunk;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public int getDeliveryThreads() {
        return deliveryThreads;
    }

    public void setDeliveryThreads(int deliveryThreads) {
        this.deliveryThreads = deliveryThreads;
    }
}
