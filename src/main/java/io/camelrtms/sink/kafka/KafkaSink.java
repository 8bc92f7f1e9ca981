package io.camelrtms.sink.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.sink.delivery.SinkDelivery;
import io.camelrtms.sink.delivery.AudioChunks;
import io.camelrtms.sink.delivery.PushSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The {@code kafka} sink: each TRANSCRIPT, CHAT, EVENT and LIFECYCLE message as a record of its JSON
 * document, decoded AUDIO as records of PCM chunks, VIDEO and DESKSHARE payloads as they are, on a
 * topic per media type, keyed by the stream id so that a stream's records share a partition and
 * keep their order. The requests are {@link PushSink}'s, their headers become the record's headers.
 *
 * <p>Delivered through the sink's {@link SinkDelivery}, like the http sink: Kafka's producer already
 * retries and queues, but only in memory and for {@code delivery.timeout.ms}; the delivery adds what a
 * broker outage needs: records wait in {@code <data-dir>/.spool/kafka} (across restarts) instead of
 * being lost or blocking the media threads, and go out in order per stream when the broker is back.
 * One record of a stream is in flight at a time, so a retry cannot overtake the record behind it.
 *
 * <p>The delivery route calls {@link #prepare}, which sets the topic and the key and the camel-kafka
 * endpoint (one producer for all topics), and {@link #rejected} when the brokers refuse a record for good.
 */
public class KafkaSink extends PushSink {

    /** The sink's name: {@code rtms.sinks.<type>: kafka}. */
    public static final String NAME = "kafka";
    /** Exchange property holding the camel-kafka endpoint URI. */
    public static final String PROPERTY_ENDPOINT = "RtmsKafkaEndpoint";
    /**
     * Name under which the sink's further client properties (security) are bound in Camel's registry: the
     * endpoint URI refers to them by name, so no value (a JAAS line holds a password) is in a URI that
     * Camel may log or show.
     */
    public static final String CLIENT_PROPERTIES = "rtmsKafkaSinkClientProperties";
    /** camel-kafka's header naming the record's topic (it does not become a record header). */
    static final String OVERRIDE_TOPIC = "kafka.OVERRIDE_TOPIC";
    /** camel-kafka's header holding the record's key (it does not become a record header). */
    static final String KEY = "kafka.KEY";

    /** The types with a topic, lower case. */
    public static final java.util.List<String> TYPES = java.util.List.of("audio", "transcript", "chat", "event",
            "lifecycle", "video", "deskshare");

    /**
     * @param brokers     Kafka's bootstrap servers, {@code host:port[,host:port…]}
     * @param topics      the topic of each type (lower case); a type not listed goes to {@code rtms-<type>}
     * @param sendTimeout how long one send may wait for the broker (metadata, acknowledgement) before it
     *                    counts as failed and is redelivered or spooled
     * @param clientProperties further producer properties (security), may be empty; applied on top of the
     *                    endpoint's (camel-kafka's additionalProperties), so the caller has refused those that
     *                    clash with it. {@link #toString} names their keys only
     */
    public record Settings(String brokers, Map<String, String> topics, Duration sendTimeout, Map<String, Object> clientProperties) {

        public Settings {
            clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        }

        @Override
        public String toString() {
            return "Settings[brokers=" + brokers + ", topics=" + topics + ", sendTimeout=" + sendTimeout + ", clientProperties="
                    + new TreeSet<>(clientProperties.keySet()) + " (values not shown)]";
        }
    }

    private final Map<String, String> topics = new LinkedHashMap<>();
    private final String endpoint;
    private final Map<String, Object> clientProperties;

    public KafkaSink(Settings settings, ObjectMapper mapper, AudioChunks chunks, boolean deleteOnRevoke) {
        super(NAME, mapper, chunks, deleteOnRevoke);
        for (String type : TYPES) {
            topics.put(type, "rtms-" + type);
        }
        settings.topics().forEach((type, topic) -> topics.put(type.toLowerCase(Locale.ROOT), topic));
        this.endpoint = endpointUri(settings);
        this.clientProperties = settings.clientProperties();
    }

    /** The further producer properties, to bind in Camel's registry as {@link #CLIENT_PROPERTIES}; empty: none. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    @Override
    protected String notInUseHint() {
        return "rtms.kafka.brokers (or rtms.cluster.kafka.bootstrap-servers)";
    }

    /** The topic of a media type ({@code AUDIO}, …, {@code LIFECYCLE}). */
    public String topicFor(String type) {
        String t = type == null ? "event" : type.toLowerCase(Locale.ROOT);
        return topics.getOrDefault(t, topics.get("event"));
    }

    /** The topics by type (lower case). */
    public Map<String, String> topics() {
        return Map.copyOf(topics);
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * The one camel-kafka endpoint of the sink: bytes as they are (JSON documents and PCM alike),
     * {@code acks=all} with the idempotent producer (a record the broker took is not written twice by the
     * producer's own retries, and retries keep the order), and every wait bounded by the send timeout so
     * a broker outage turns into a failed send the delivery can spool. Further client properties are
     * referred to by their registry name, never written into the URI.
     */
    static String endpointUri(Settings s) {
        long timeout = Math.max(1000, s.sendTimeout().toMillis());
        return "kafka:rtms-event?brokers=" + s.brokers().strip()
                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                + "&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5"
                + "&maxBlockMs=" + timeout + "&requestTimeoutMs=" + timeout + "&deliveryTimeoutMs=" + timeout
                + (s.clientProperties().isEmpty() ? "" : "&additionalProperties=#" + CLIENT_PROPERTIES);
    }

    // ---- sending (on the delivery threads, inside the delivery route)

    /** Before each attempt: the endpoint, the topic of the request's type and the stream id as the key. */
    public void prepare(Exchange exchange) {
        Message m = exchange.getMessage();
        exchange.setProperty(PROPERTY_ENDPOINT, endpoint);
        m.setHeader(OVERRIDE_TOPIC, topicFor(m.getHeader(H_TYPE, String.class)));
        m.setHeader(KEY, m.getHeader(H_STREAM_ID, String.class));
    }

    /**
     * After a send the brokers refused for good (the record is too large, the topic name invalid): the
     * delivery keeps the request aside ({@link SinkDelivery#PROPERTY_REJECTED}) and goes on with the next.
     */
    public void rejected(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(SinkDelivery.PROPERTY_REJECTED, e == null ? "refused by Kafka" : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
