package io.camelrtms.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.Signatures;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component in a plain Camel Main application, as another team would use it: the project under
 * {@code src/it/camel-main} (camel-main, camel-yaml-dsl, camel-platform-http-main, camel-webhook,
 * camel-file and this artifact) is resolved by Maven in a child process, its dependency tree is checked
 * for Spring, and it runs in its own JVM with one route,
 * {@code from: webhook:rtms:engagement?webhookPath=/zoom&webhookAutoRegister=false}, while the simulator
 * plays a signed meeting to it; a Pipe binds the {@code rtms-source} Kamelet to a file sink beside it.
 */
class CamelMainProjectTest {

    private static final String CLIENT_ID = "main-client";
    private static final String CLIENT_SECRET = "main-secret";
    private static final String WEBHOOK_SECRET = "main-webhook";

    @TempDir
    static Path work;
    private static Path project;
    private static String dependencyTree;
    private static String classPath;
    private static Process app;
    private static URI base;

    /** Puts this build's jar and POM in the local repository and resolves the example project. */
    @BeforeAll
    static void resolveTheProject() throws Exception {
        String version = System.getProperty("rtms.project.version");
        Path localRepo = Path.of(System.getProperty("rtms.maven.repo.local"));
        Path artifactDir = localRepo.resolve("io/camelrtms/camel-rtms/" + version);
        Files.createDirectories(artifactDir);
        jar(Path.of("target/classes"), artifactDir.resolve("camel-rtms-" + version + ".jar"));
        Files.copy(Path.of("pom.xml"), artifactDir.resolve("camel-rtms-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);

        project = work.resolve("camel-main");
        copyTree(Path.of("src/it/camel-main"), project);
        Path tree = work.resolve("tree.txt");
        Path cp = work.resolve("classpath.txt");
        run(project, List.of("mvn", "-B", "-q", "-Dmaven.repo.local=" + localRepo,
                "-Dcamel.version=" + System.getProperty("rtms.camel.version"), "-Dcamel-rtms.version=" + version,
                "dependency:tree", "-DoutputFile=" + tree, "dependency:build-classpath", "-Dmdep.outputFile=" + cp));
        dependencyTree = Files.readString(tree);
        classPath = project.resolve("src/main/resources") + java.io.File.pathSeparator + Files.readString(cp).trim();
    }

    @Test
    void itsDependencyTreeHasNoSpring() {
        assertThat(dependencyTree).contains("io.camelrtms:camel-rtms:jar:");
        assertThat(dependencyTree).doesNotContain("org.springframework");
        assertThat(dependencyTree).doesNotContainIgnoringCase("tomcat");
    }

    /** Starts the example application in its own JVM, as `java -cp … org.apache.camel.main.Main`. */
    @BeforeAll
    static void startTheApplication() throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath,
                "-Dcamel.server.port=" + port, "-Dcamel.server.host=127.0.0.1", "-Dzoom.data-dir=" + work.resolve("data"),
                "org.apache.camel.main.Main")
                .redirectErrorStream(true).redirectOutput(work.resolve("camel-main.log").toFile());
        builder.environment().putAll(Map.of("ZOOM_CLIENT_ID", CLIENT_ID, "ZOOM_CLIENT_SECRET", CLIENT_SECRET,
                "ZOOM_WEBHOOK_SECRET_TOKEN", WEBHOOK_SECRET));
        app = builder.start();
        base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest unsigned = HttpRequest.newBuilder(base.resolve("/zoom")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"meeting.rtms_started\"}")).build();
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.send(unsigned, HttpResponse.BodyHandlers.discarding()).statusCode())
                        .as("an unsigned webhook is refused").isEqualTo(401));
    }

    @AfterAll
    static void stopTheApplication() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void itsOneWebhookRouteRecordsEveryTranscriptAndChatLine() throws Exception {
        MeetingScript script = MeetingScript.standard();
        try (ZoomSimulator zoom = zoomPostingTo("/zoom")) {
            SimulatedStream stream = zoom.launch(Product.MEETING, script);
            stream.awaitState(StreamPhase.ENDED, Duration.ofSeconds(60));
            Path transcript = work.resolve("data").resolve(stream.streamId()).resolve("TRANSCRIPT.txt");
            Path chat = work.resolve("data").resolve(stream.streamId()).resolve("CHAT.txt");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(lines(transcript)).hasSize(script.transcriptLines().size());
                assertThat(lines(chat)).hasSize(script.chat().size());
            });
            for (MeetingScript.TranscriptLine line : script.transcriptLines()) {
                assertThat(Files.readString(transcript)).contains(line.text());
            }
            for (MeetingScript.ChatMessage message : script.chat()) {
                assertThat(Files.readString(chat)).contains(message.text());
            }
            assertThat(stream.violations()).isEmpty();
        }
    }

    @Test
    void theRtmsSourceKameletInAPipeDeliversEveryTranscriptLine() throws Exception {
        MeetingScript script = MeetingScript.standard();
        try (ZoomSimulator zoom = zoomPostingTo("/zoom-pipe")) {
            SimulatedStream stream = zoom.launch(Product.MEETING, script);
            stream.awaitState(StreamPhase.ENDED, Duration.ofSeconds(60));
            Path out = work.resolve("data").resolve("pipe").resolve(stream.streamId() + ".txt");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (MeetingScript.TranscriptLine line : script.transcriptLines()) {
                    assertThat(lines(out)).contains(line.text());
                }
            });
            assertThat(stream.violations()).isEmpty();
        }
    }

    @Test
    void aRetriedDeliveryIsAnsweredDuplicateAndAFormIsRefusedWith415() throws Exception {
        String body = "{\"event\":\"meeting.rtms_started\",\"event_ts\":" + System.currentTimeMillis()
                + ",\"payload\":{\"meeting_uuid\":\"retried\",\"rtms_stream_id\":\"retried-stream\","
                + "\"server_urls\":\"ws://127.0.0.1:9/signaling\"}}";
        HttpClient http = HttpClient.newHttpClient();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            HttpRequest signed = HttpRequest.newBuilder(base.resolve("/zoom")).header("Content-Type", "application/json")
                    .header("x-zm-request-timestamp", ts).header("x-zm-signature", Signatures.webhook(WEBHOOK_SECRET, ts,
                            body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            answers.add(http.send(signed, HttpResponse.BodyHandlers.ofString()).body());
        }
        assertThat(answers).containsExactly("{\"status\":\"accepted\"}", "{\"status\":\"duplicate\"}");
        HttpRequest form = HttpRequest.newBuilder(base.resolve("/zoom"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("event=meeting.rtms_started")).build();
        assertThat(http.send(form, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(415);
    }

    private static ZoomSimulator zoomPostingTo(String path) {
        return ZoomSimulator.start(SimulatorConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
                .host("127.0.0.1").port(0).webhook(base.resolve(path), WEBHOOK_SECRET).build());
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Path out = dir.resolve("mvn.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("%s failed:%n%s", command, Files.readString(out)).isTrue();
    }

    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(paths::add);
        }
        for (Path p : paths) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
