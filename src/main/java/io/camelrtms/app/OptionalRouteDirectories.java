package io.camelrtms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code file:<dir>/…?optional=true} in {@code camel.main.routes-include-pattern} mean what it says
 * when the directory itself is missing: Camel only tolerates a missing file there, and a start from a
 * directory without {@code ./routes} (the exec jar, the Docker image) would fail on the bundle's own
 * {@code file:routes/*.yaml?optional=true}. Such an entry is dropped before Camel reads the pattern.
 */
public class OptionalRouteDirectories implements EnvironmentPostProcessor {

    static final String PATTERN = "camel.main.routes-include-pattern";
    private static final String OPTIONAL = "?optional=true";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String pattern = env.getProperty(PATTERN);
        if (pattern == null) {
            return;
        }
        String kept = Arrays.stream(pattern.split(","))
                .map(String::trim)
                .filter(entry -> !missingOptionalDirectory(entry))
                .collect(Collectors.joining(","));
        if (!kept.equals(pattern)) {
            env.getPropertySources().addFirst(new MapPropertySource("rtmsOptionalRouteDirectories", Map.of(PATTERN, kept)));
        }
    }

    private static boolean missingOptionalDirectory(String entry) {
        if (!entry.startsWith("file:") || !entry.endsWith(OPTIONAL)) {
            return false;
        }
        String path = entry.substring("file:".length(), entry.length() - OPTIONAL.length());
        int wildcard = indexOfWildcard(path);
        String directory = wildcard < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', wildcard)));
        return !Files.isDirectory(Path.of(directory.isEmpty() ? "." : directory));
    }

    private static int indexOfWildcard(String path) {
        int star = path.indexOf('*');
        int question = path.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }
}
