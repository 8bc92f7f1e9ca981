package io.camelrtms.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away TLS identity for {@code wss://} tests: a self-signed RSA certificate for
 * {@code localhost} and {@code 127.0.0.1}, made by the JDK's own {@code keytool} (no extra library,
 * and it works on every JDK 17+), in a PKCS12 key store for the simulator and a PKCS12 trust store
 * (plus the PEM certificate) for the client under test.
 *
 * @param keyStore    PKCS12 key store with the private key (give it to {@link SimulatorConfig.Builder#tls})
 * @param trustStore  PKCS12 trust store holding only the certificate
 * @param certificate the certificate in PEM
 * @param password    password of both stores (random; never logged)
 */
public record SelfSignedKeyStore(Path keyStore, Path trustStore, Path certificate, String password) {

    private static final String ALIAS = "rtms-simulator";

    /** Creates the stores in {@code dir} (e.g. a JUnit {@code @TempDir}). Takes a second or two. */
    public static SelfSignedKeyStore create(Path dir) {
        try {
            Files.createDirectories(dir);
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path keyStore = dir.resolve("simulator-keystore.p12");
            Path trustStore = dir.resolve("simulator-truststore.p12");
            Path certificate = dir.resolve("simulator.crt");
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost, O=camel-rtms simulator", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", password);
            return new SelfSignedKeyStore(keyStore, trustStore, certificate, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a self-signed key store in " + dir, e);
        }
    }

    /** An SSL context that trusts exactly this certificate (for java.net.http or other JDK clients). */
    public SSLContext clientSslContext() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load the trust store", e);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SelfSignedKeyStore[" + keyStore + ", " + trustStore + "]";
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
