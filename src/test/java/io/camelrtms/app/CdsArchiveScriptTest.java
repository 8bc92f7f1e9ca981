package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image's class data sharing archive: {@code deploy/docker/cds-archive.sh} run on a bundle laid
 * out as Spring Boot's {@code extract} lays it out (one application jar naming its libraries), on this
 * JVM. The archive it writes must be valid for that jar and hold the classes of the start-up warm-up's
 * join path, which only a training run that lasts until readiness loads; and the Dockerfile must run the
 * archive the script writes.
 */
class CdsArchiveScriptTest {

    static final Path SCRIPT = Path.of("deploy", "docker", "cds-archive.sh");

    @TempDir
    Path dir;

    @Test
    void theTrainingRunWritesAnArchiveThatHoldsTheJoinPathAndIsValidForTheJar() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path jar = applicationJar(app.resolve("camel-rtms.jar"));

        Run training = run(List.of("bash", SCRIPT.toString(), app.toString()), Map.of("JAVA", java(),
                "CDS_TRAINING_PORT", Integer.toString(portWithItsManagementPortFree())), 300);
        assertThat(training.exitCode).as("the training run's output:%n%s", training.output).isZero();
        Path archive = app.resolve("camel-rtms.jsa");
        assertThat(archive).isRegularFile();
        assertThat(training.output).contains("cds-archive: " + archive);

        Run check = run(List.of(java(), "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit",
                "-jar", jar.toString()), Map.of(), 120);
        assertThat(check.output).contains("archive is valid")
                .contains(" io.camelrtms.app.RtmsApplication ")
                // loaded only when a stream joins: the warm-up's streams did, before readiness
                .contains(" io.camelrtms.client.MediaConnection ");
    }

    @Test
    void aDirectoryWithoutTheBundlesJarIsRefusedWithAClearError() throws Exception {
        Run refused = run(List.of("bash", SCRIPT.toString(), dir.toString()), Map.of(), 60);
        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.output).contains("cds-archive: expected one jar in " + dir);
        assertThat(dir.resolve("camel-rtms.jsa")).doesNotExist();
    }

    @Test
    void aBundleThatCannotStartStopsTheTrainingWithItsLog() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        try (OutputStream out = Files.newOutputStream(app.resolve("camel-rtms.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest("io.camelrtms.NoSuchMain", List.of()))) {
            jar.putNextEntry(new JarEntry("empty.txt"));
        }
        Run failed = run(List.of("bash", SCRIPT.toString(), app.toString()), Map.of("JAVA", java(),
                "CDS_TRAINING_PORT", Integer.toString(portWithItsManagementPortFree())), 120);
        assertThat(failed.exitCode).isNotZero();
        assertThat(failed.output).contains("the training run did not become ready").contains("io.camelrtms.NoSuchMain");
    }

    @Test
    void theDockerfileExtractsTheJarTrainsTheArchiveAndStartsWithIt() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile)
                .contains("COPY deploy/docker/cds-archive.sh /tmp/cds-archive.sh")
                .contains("java -Djarmode=tools -jar /tmp/camel-rtms.jar extract --destination /app/jar")
                .contains("bash /tmp/cds-archive.sh /app/jar")
                // extract keeps the jar's name, and the script names the archive after it
                .contains("ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=/app/jar/camel-rtms.jsa\", \"-jar\", \"/app/jar/camel-rtms.jar\"]");
    }

    /**
     * The bundle's classes in one jar whose manifest names the main class and every library, as the
     * extracted exec jar does (a CDS archive holds classes from jars only, not from directories).
     */
    private Path applicationJar(Path target) throws IOException {
        List<String> libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .map(entry -> Path.of(entry).toUri().toString())
                .toList();
        Path classes = Path.of("target", "classes");
        try (OutputStream out = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(out, manifest(RtmsApplication.class.getName(), libraries));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Manifest manifest(String mainClass, List<String> classPath) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        if (!classPath.isEmpty()) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        }
        return manifest;
    }

    private record Run(int exitCode, String output) { }

    private Run run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ZOOM_") || k.startsWith("ZM_RTMS") || k.startsWith("RTMS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The script listens on the port it is given and on that port + 2 (the actuator). */
    private static int portWithItsManagementPortFree() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket webhook = new ServerSocket(0); ServerSocket management = new ServerSocket(webhook.getLocalPort() + 2)) {
                return webhook.getLocalPort();
            } catch (IOException taken) {
                // the port + 2 is in use: try another pair
            }
        }
        throw new IOException("no free pair of ports (p, p + 2) in 20 attempts");
    }
}
