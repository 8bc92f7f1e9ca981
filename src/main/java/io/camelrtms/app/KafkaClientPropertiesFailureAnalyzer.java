package io.camelrtms.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link KafkaClientPropertiesException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class KafkaClientPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<KafkaClientPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KafkaClientPropertiesException cause) {
        return new FailureAnalysis(cause.getMessage(), "Remove that property from rtms.cluster.kafka.properties / "
                + "rtms.kafka.properties (see docs/cluster.md, \"Security\"): the bundle sets it itself.", cause);
    }
}
