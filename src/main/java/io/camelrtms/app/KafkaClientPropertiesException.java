package io.camelrtms.app;

/** A Kafka client property the operator set would break the cluster or the kafka sink; the message names it, never its value. */
public class KafkaClientPropertiesException extends IllegalStateException {

    public KafkaClientPropertiesException(String message) {
        super(message);
    }
}
