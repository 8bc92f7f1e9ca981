package io.camelrtms.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy (staged into target/s3proxy by the pom) as a separate {@code java -jar} process on
 * 127.0.0.1, storing objects on disk under a directory of the test (jclouds filesystem provider),
 * with signature checks on (aws-v2-or-v4) and a known access key. {@link #kill()} ends it the hard
 * way (SIGKILL); {@link #start()} brings it back on the same port with the same objects.
 */
final class S3ProxyProcess implements AutoCloseable {

    static final String ACCESS_KEY = "rtms-test-access";
    static final String SECRET_KEY = "rtms-test-secret-key";
    static final Duration READY = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process process;

    private S3ProxyProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts S3Proxy on a free port, keeping its objects under {@code dir}. */
    static S3ProxyProcess start(Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        S3ProxyProcess p = new S3ProxyProcess(dir, port);
        p.start();
        return p;
    }

    /**
     * For a Spring Boot test of the bundle: starts S3Proxy, makes its key the AWS SDK's default
     * credentials (system properties), creates the bucket, and points the bundle's data directory and
     * s3 endpoint at the test's. {@link #stopForBundle()} undoes it.
     */
    static S3ProxyProcess startForBundle(DynamicPropertyRegistry registry, Path dir, Path data, String bucket) throws IOException {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        S3ProxyProcess s3 = start(dir);
        try (S3Client c = s3.client()) {
            c.createBucket(b -> b.bucket(bucket));
        }
        registry.add("rtms.data-dir", data::toString);
        registry.add("rtms.s3.endpoint-override", s3::endpoint);
        return s3;
    }

    void stopForBundle() throws InterruptedException {
        close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: `mvn process-test-resources` stages it (maven-dependency-plugin)");
        }
        return jar;
    }

    void start() throws IOException {
        Files.createDirectories(dir.resolve("objects"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("objects").toAbsolutePath(),
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString(),
                "--properties", conf.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                .start();
        Awaitility.await().atMost(READY).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; see " + dir.resolve("s3proxy.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** SIGKILL: S3 disappears mid-request. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A plain AWS SDK client for the test's own look at the bucket. */
    S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
