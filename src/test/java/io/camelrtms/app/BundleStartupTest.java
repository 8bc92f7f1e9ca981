package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable bundle started as the exec jar starts it ({@link RtmsApplication#main}, its own JVM, the
 * main class path without the tests'), in an empty working directory: the settings and routes it runs
 * are the ones inside the jar, a route in {@code ./routes} replaces the bundled route of the same id,
 * and a configuration with no route for the webhook or the media refuses to start.
 */
class BundleStartupTest {

    @TempDir
    Path dir;

    @Test
    void withCredentialsItAnswersAnUnsignedWebhookWith401FromAnEmptyDirectory() throws Exception {
        int port = freePort();
        Process bundle = start(port, Map.of("ZOOM_CLIENT_ID", "empty-dir-client", "ZOOM_CLIENT_SECRET", "empty-dir-secret",
                "ZOOM_WEBHOOK_SECRET_TOKEN", "empty-dir-webhook"));
        try {
            awaitStatus(port, 401);
        } finally {
            stop(bundle);
        }
    }

    @Test
    void withoutAZoomAppItRecordsTheDemoMeetingUnderItsWorkingDirectory() throws Exception {
        Process bundle = start(freePort(), Map.of());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> manifests(dir.resolve("data")).size() == 1);
            Path manifest = manifests(dir.resolve("data")).get(0);
            assertThat(manifest.resolveSibling("audio.wav")).exists();
            assertThat(Files.readAllLines(manifest.resolveSibling("transcript.jsonl"))).hasSize(4);
        } finally {
            stop(bundle);
        }
    }

    @Test
    void aRouteInTheWorkingDirectoryReplacesTheBundledRouteOfTheSameId() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/webhook.yaml"), """
                - route:
                    id: zoom-webhook
                    from:
                      uri: "platform-http:{{rtms.webhook.path}}"
                      steps:
                        - setBody:
                            constant: replaced
                """);
        int port = freePort();
        Process bundle = start(port, Map.of("ZOOM_CLIENT_ID", "c", "ZOOM_CLIENT_SECRET", "s", "ZOOM_WEBHOOK_SECRET_TOKEN", "w"));
        try {
            assertThat(awaitStatus(port, 200)).isEqualTo("replaced");
        } finally {
            stop(bundle);
        }
    }

    @Test
    void withNoRouteOnTheWebhookPathItRefusesToStartAndSaysWhy() throws Exception {
        Process bundle = start(freePort(), Map.of("ZOOM_CLIENT_ID", "c", "ZOOM_CLIENT_SECRET", "s", "ZOOM_WEBHOOK_SECRET_TOKEN", "w"),
                "--camel.main.routes-include-pattern=classpath:camel-rtms/routes/media.yaml,classpath:camel-rtms/routes/sinks.yaml");
        assertThat(exitsWithError(bundle)).contains("No route serves Zoom's webhook");
    }

    @Test
    void withNoRouteConsumingTheRtmsChannelItRefusesToStartAndSaysWhy() throws Exception {
        Process bundle = start(freePort(), Map.of("ZOOM_CLIENT_ID", "c", "ZOOM_CLIENT_SECRET", "s", "ZOOM_WEBHOOK_SECRET_TOKEN", "w"),
                "--camel.main.routes-include-pattern=classpath:camel-rtms/routes/webhook.yaml,classpath:camel-rtms/routes/control.yaml");
        assertThat(exitsWithError(bundle)).contains("No route consumes an rtms channel");
    }

    /** The main class path: what the exec jar holds (the test classes and resources left out). */
    private Process start(int port, Map<String, String> env, String... args) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classPath, RtmsApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bundle.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ZOOM_") || k.startsWith("ZM_RTMS") || k.startsWith("RTMS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Posts an unsigned start until the bundle answers with {@code status}; returns the body of that answer. */
    private static String awaitStatus(int port, int status) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest unsigned = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"meeting.rtms_started\"}")).build();
        return Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> http.send(unsigned, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == status).body();
    }

    private String exitsWithError(Process bundle) throws Exception {
        boolean exited = bundle.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            bundle.destroyForcibly();
        }
        assertThat(exited).as("the bundle exits by itself").isTrue();
        assertThat(bundle.exitValue()).isNotZero();
        return Files.readString(dir.resolve("bundle.log"));
    }

    private static void stop(Process bundle) throws InterruptedException {
        bundle.destroy();
        if (!bundle.waitFor(30, TimeUnit.SECONDS)) {
            bundle.destroyForcibly();
        }
    }

    private static List<Path> manifests(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
