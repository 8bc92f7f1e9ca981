package io.camelrtms.app;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The runnable bundle: the auto-configuration of this package (nothing is component-scanned, so a
 * team's own Spring Boot application gets exactly the same beans), plus the bundle's settings and
 * routes, which ship in the jar under {@code camel-rtms/} so that the jar runs from any directory.
 * {@code ./application.yaml} and {@code ./routes/*.yaml} override them (a route of the same id
 * replaces the bundled one).
 *
 * <p>Logback's event counters are left out: they install a turbo filter that every
 * {@code isTraceEnabled()} check then runs through, and Camel checks that several times per
 * exchange — about a tenth of the bundle's CPU at hundreds of streams (BENCHMARKS.md).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = LogbackMetricsAutoConfiguration.class)
public class RtmsApplication {

    /** Spring Boot's own locations, with the bundled settings first so that every later one overrides them. */
    static final String CONFIG_LOCATIONS = "optional:classpath:/camel-rtms/,optional:classpath:/,optional:classpath:/config/,"
            + "optional:file:./,optional:file:./config/";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The bundle as {@link #main} runs it. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(RtmsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.location", CONFIG_LOCATIONS));
        return application;
    }
}
