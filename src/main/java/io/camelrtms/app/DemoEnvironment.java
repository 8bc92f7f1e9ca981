package io.camelrtms.app;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when nothing of a Zoom app is configured ({@code rtms.demo.enabled=auto} and no
 * client id, client secret or webhook secret), the bundle runs against its built-in Zoom simulator. This
 * gives the run a set of throw-away credentials before any bean reads them, so the webhook check and the
 * handshake signatures work exactly as with Zoom, and sends every media type to the file sink only (a
 * simulated meeting has no business in S3 or someone's HTTP endpoint); {@link DemoMeeting} then plays one
 * meeting.
 * <p>
 * A partial Zoom configuration is a deployment mistake (a typo in a variable's name), not a wish for the
 * demo: with {@code auto} it stops the start with a {@link ZoomConfigurationException} naming what is
 * missing. {@code rtms.demo.enabled=false} starts with whatever is configured (e.g. only the webhook secret,
 * to pass Zoom's URL validation while the app is being set up); {@code true} insists on the demo and so
 * refuses any Zoom credential.
 */
public class DemoEnvironment implements EnvironmentPostProcessor {

    static final String ENABLED = "rtms.demo.enabled";
    static final String ACTIVE = "rtms.demo.active";
    private static final String SOURCE = "rtmsDemoCredentials";
    private static final List<String> MEDIA_TYPES = List.of("audio", "transcript", "chat", "event", "video", "deskshare");

    /** The Zoom settings that decide between demo and Zoom, with the variable each comes from. */
    private static final Map<String, String> ZOOM_SETTINGS = Map.of(
            "rtms.zoom.client-id", "ZOOM_CLIENT_ID",
            "rtms.zoom.client-secret", "ZOOM_CLIENT_SECRET",
            "rtms.zoom.webhook-secret-token", "ZOOM_WEBHOOK_SECRET_TOKEN");
    private static final List<String> ZOOM_KEYS = List.of(
            "rtms.zoom.client-id", "rtms.zoom.client-secret", "rtms.zoom.webhook-secret-token");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!active(env)) {
            return;
        }
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put(ACTIVE, "true");
        demo.put("rtms.zoom.client-id", "demo-client-" + random(4));
        demo.put("rtms.zoom.client-secret", random(16));
        demo.put("rtms.zoom.webhook-secret-token", random(16));
        for (String type : MEDIA_TYPES) {
            demo.put("rtms.sinks." + type, "file");
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, demo));
    }

    /**
     * Demo on when asked for and nothing of Zoom is configured, or when {@code auto} (the bundle's setting) and
     * nothing of Zoom is configured; off when everything is, when {@code false}, or when unset
     * (a Spring Boot application that is not the bundle).
     *
     * @throws ZoomConfigurationException for {@code auto} with part of the Zoom settings, or {@code true} with any
     */
    static boolean active(ConfigurableEnvironment env) {
        String mode = env.getProperty(ENABLED, "false").trim().toLowerCase(Locale.ROOT);
        List<String> set = ZOOM_KEYS.stream().filter(k -> !env.getProperty(k, "").isBlank()).toList();
        return switch (mode) {
            case "false" -> false;
            case "true" -> {
                if (!set.isEmpty()) {
                    throw new ZoomConfigurationException("RTMS_DEMO=true plays a simulated meeting, but "
                            + variables(set) + (set.size() == 1 ? " is" : " are") + " set: unset "
                            + (set.size() == 1 ? "it" : "them") + " for the demo, or unset RTMS_DEMO to use Zoom");
                }
                yield true;
            }
            default -> {
                if (set.isEmpty()) {
                    yield true;
                }
                List<String> missing = ZOOM_KEYS.stream().filter(k -> !set.contains(k)).toList();
                if (!missing.isEmpty()) {
                    throw new ZoomConfigurationException("The Zoom app is configured only in part: "
                            + variables(missing) + (missing.size() == 1 ? " is" : " are") + " not set (but "
                            + variables(set) + (set.size() == 1 ? " is" : " are") + "). Set "
                            + (missing.size() == 1 ? "it" : "them") + " from the app's page in the Zoom Marketplace, "
                            + "or unset all three for the built-in demo");
                }
                yield false;
            }
        };
    }

    private static String variables(List<String> keys) {
        return String.join(", ", keys.stream().map(ZOOM_SETTINGS::get).toList());
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
