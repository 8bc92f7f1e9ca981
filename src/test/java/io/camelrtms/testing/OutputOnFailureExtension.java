package io.camelrtms.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Keeps {@code mvn test} quiet: everything the test JVM prints (log lines, the Spring banner, a
 * test's own prints) is held in memory per test and shown only when that test fails, headed by its
 * name; a passing test's output is dropped. Output printed while a class starts (a Spring context,
 * a simulator) is held for the class and shown with the first failure in it, or when the class's
 * own set-up or tear-down fails.
 *
 * <p>Registered for every test through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}
 * and {@code junit.jupiter.extensions.autodetection.enabled} in {@code junit-platform.properties}.
 * {@code -Drtms.test.output=show} turns the capture off and prints everything as it happens.
 *
 * <p>It swaps {@code System.out} and {@code System.err} rather than configuring Logback because
 * Spring's {@code OutputCaptureExtension}, which some tests use to assert what was (not) logged,
 * reads the console: logs still reach {@code System.out}, they just stop there unless a test fails.
 */
public final class OutputOnFailureExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, TestWatcher {

    /** Bytes kept per test (and per class start); older output is dropped first. */
    private static final int LIMIT = 4 * 1024 * 1024;

    private static final boolean SHOW_ALL = "show".equals(System.getProperty("rtms.test.output"));
    private static final PrintStream REAL_OUT = System.out;
    private static final Buffer BUFFER = new Buffer();

    static {
        if (!SHOW_ALL) {
            PrintStream captured = new PrintStream(BUFFER, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);
        }
    }

    /** What the class printed before its first test (its Spring context, its servers). */
    private String classStart = "";
    private boolean classStartShown;
    /** What the last test printed, held from its afterEach until its result is known. */
    private String testOutput = "";

    @Override
    public void beforeAll(ExtensionContext context) {
        BUFFER.take();
        classStart = "";
        classStartShown = false;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String pending = BUFFER.take();
        if (classStart.isEmpty()) {
            classStart = pending;
        }
        testOutput = "";
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testOutput = BUFFER.take();
    }

    // A test's result arrives after its afterEach, or without one when the test instance could not
    // be prepared (a Spring context that failed to start): the output is whatever was held then.
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        report(context, Optional.of(cause), testOutput + BUFFER.take());
        testOutput = "";
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        testOutput = "";
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testOutput = "";
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String rest = BUFFER.take();
        if (classStart.isEmpty()) {
            classStart = rest; // no test ran: the class start is all there is
            rest = "";
        }
        // only the class's own set-up or tear-down failing; an assumption that skips the class is no failure
        report(context, context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)), rest);
    }

    private void report(ExtensionContext context, Optional<Throwable> failure, String output) {
        if (SHOW_ALL || failure.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (!classStartShown && !classStart.isEmpty()) {
            classStartShown = true;
            text.append("---- output of ").append(context.getRequiredTestClass().getSimpleName())
                    .append(" before its first test ----\n").append(classStart);
        }
        text.append("---- output of ").append(context.getDisplayName()).append(" (")
                .append(context.getTestMethod().map(m -> m.getName()).orElse("class lifecycle"))
                .append("), which failed: ").append(headline(failure.get())).append(" ----\n").append(output)
                .append("---- end of output ----\n");
        synchronized (REAL_OUT) {
            REAL_OUT.print(text);
            REAL_OUT.flush();
        }
    }

    /** The failure's first line, short: the full message and stack trace follow in Surefire's report. */
    private static String headline(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        return failure.getClass().getSimpleName() + ": " + (first.length() > 160 ? first.substring(0, 160) + "…" : first);
    }

    /** Bytes written since the last {@link #take()}, at most {@link #LIMIT} of the newest. */
    private static final class Buffer extends OutputStream {
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long dropped;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            trim();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            trim();
        }

        private void trim() {
            if (bytes.size() > LIMIT) {
                byte[] all = bytes.toByteArray();
                int keep = LIMIT / 2;
                dropped += all.length - keep;
                bytes = new ByteArrayOutputStream(LIMIT);
                bytes.write(all, all.length - keep, keep);
            }
        }

        synchronized String take() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (dropped > 0) {
                text = "[" + dropped + " earlier bytes dropped]\n" + text;
            }
            bytes = new ByteArrayOutputStream();
            dropped = 0;
            return text;
        }
    }
}
