package io.camelrtms.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the delivering sinks ({@code http}, {@code s3}) retry and spool ({@code rtms.delivery.*}):
 * Camel redelivers a failed request with exponential backoff; after that it waits in the sink's
 * spool and a drainer tries again, with its own backoff, until the sink answers.
 */
@ConfigurationProperties(prefix = "rtms.delivery")
public class DeliveryProperties {

    /** Redeliveries of a failed request before it is spooled (0 = none). */
    private int maximumRedeliveries = 3;

    /** Wait before the first redelivery; each further one waits backoff-multiplier times longer. */
    private Duration redeliveryDelay = Duration.ofMillis(500);

    /** Longest wait between two redeliveries. */
    private Duration maximumRedeliveryDelay = Duration.ofSeconds(10);

    /** Growth of the wait from one redelivery to the next. */
    private double backoffMultiplier = 2.0;

    /** First wait before a sink that is down is tried again with its spooled requests. */
    private Duration drainDelay = Duration.ofSeconds(1);

    /** Longest wait between two tries of a sink that is down. */
    private Duration maximumDrainDelay = Duration.ofMinutes(1);

    /** Requests queued in memory per sink, over all streams; beyond it they are spooled. */
    private int queueCapacity = 10_000;

    /** At shutdown, how long requests being sent may take before what is left is spooled. */
    private Duration stopTimeout = Duration.ofSeconds(5);

    public int getMaximumRedeliveries() {
        return maximumRedeliveries;
    }

    public void setMaximumRedeliveries(int maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    public Duration getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Duration redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public Duration getMaximumRedeliveryDelay() {
        return maximumRedeliveryDelay;
    }

    public void setMaximumRedeliveryDelay(Duration maximumRedeliveryDelay) {
        this.maximumRedeliveryDelay = maximumRedeliveryDelay;
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getDrainDelay() {
        return drainDelay;
    }

    public void setDrainDelay(Duration drainDelay) {
        this.drainDelay = drainDelay;
    }

    public Duration getMaximumDrainDelay() {
        return maximumDrainDelay;
    }

    public void setMaximumDrainDelay(Duration maximumDrainDelay) {
        this.maximumDrainDelay = maximumDrainDelay;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }
}
