package io.camelrtms.app;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A start the Kafka brokers refused to authenticate (wrong SASL credentials, a TLS handshake the
 * truststore does not accept) as Spring Boot's short "APPLICATION FAILED TO START" report, naming the
 * settings to check, instead of a page of stack trace. Kafka's message says what failed, never the
 * credentials. Kafka's exception is recognised by its class name: kafka-clients is optional for an
 * application that embeds the bundle without Kafka, and this class must load there too.
 */
public class KafkaAuthenticationFailureAnalyzer implements FailureAnalyzer {

    static final String AUTHENTICATION_EXCEPTION = "org.apache.kafka.common.errors.AuthenticationException";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isAuthenticationFailure(t.getClass())) {
                return new FailureAnalysis("Kafka refused to authenticate this replica: " + t.getMessage(),
                        "Check the Kafka client properties: rtms.cluster.kafka.properties (security.protocol, "
                                + "sasl.mechanism, sasl.jaas.config, ssl.truststore.*), or rtms.kafka.properties for the "
                                + "kafka sink's own brokers (docs/cluster.md, \"Security\").", failure);
            }
        }
        return null;
    }

    private static boolean isAuthenticationFailure(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(AUTHENTICATION_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }
}
