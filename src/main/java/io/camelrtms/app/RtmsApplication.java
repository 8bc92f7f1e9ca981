package io.camelrtms.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The bundle. Logback's event counters are left out: they install a turbo filter that every
 * {@code isTraceEnabled()} check then runs through, and Camel checks that several times per
 * exchange — about a tenth of the bundle's CPU at hundreds of streams (BENCHMARKS.md).
 */
@SpringBootApplication(exclude = LogbackMetricsAutoConfiguration.class)
public class RtmsApplication {
    public static void main(String[] args) {
        SpringApplication.run(RtmsApplication.class, args);
    }
}
