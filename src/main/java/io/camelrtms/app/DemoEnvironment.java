package io.camelrtms.app;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no Zoom app is configured ({@code rtms.demo.enabled=auto} and no
 * client id), the bundle runs against its built-in Zoom simulator. This gives the run a set of
 * throw-away credentials before any bean reads them, so the webhook check and the handshake
 * signatures work exactly as with Zoom; {@link DemoMeeting} then plays one meeting.
 */
public class DemoEnvironment implements EnvironmentPostProcessor {

    static final String ENABLED = "rtms.demo.enabled";
    static final String ACTIVE = "rtms.demo.active";
    private static final String SOURCE = "rtmsDemoCredentials";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!active(env)) {
            return;
        }
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put(ACTIVE, "true");
        putIfBlank(env, demo, "rtms.zoom.client-id", "demo-client-" + random(4));
        putIfBlank(env, demo, "rtms.zoom.client-secret", random(16));
        putIfBlank(env, demo, "rtms.zoom.webhook-secret-token", random(16));
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, demo));
    }

    /** Demo on when asked for, or when {@code auto} (the bundle's setting) and no Zoom client id is configured; off when unset. */
    static boolean active(ConfigurableEnvironment env) {
        String mode = env.getProperty(ENABLED, "false").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "true" -> true;
            case "false" -> false;
            default -> env.getProperty("rtms.zoom.client-id", "").isBlank();
        };
    }

    private static void putIfBlank(ConfigurableEnvironment env, Map<String, Object> demo, String key, String value) {
        if (env.getProperty(key, "").isBlank()) {
            demo.put(key, value);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
