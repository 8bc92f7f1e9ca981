package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.simulator.MeetingScript;
import io.camelrtms.simulator.SimulatedStream;
import io.camelrtms.simulator.SimulatorConfig;
import io.camelrtms.simulator.StreamPhase;
import io.camelrtms.simulator.ZoomSimulator;
import io.camelrtms.zoomapi.ZoomAppContexts;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The panel in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; never
 * downloaded), served by the real application. Zoom's Apps SDK is played by
 * {@code zoom-sdk-stub.js}, injected through the DevTools protocol before the page's scripts run; the
 * browser resolves no host but 127.0.0.1, so the real SDK from appssdk.zoom.us never loads. Streams come
 * from the Zoom simulator through the real webhook, rtms: component and routes.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        PanelTestProperties.WEBHOOK_SECRET, PanelTestProperties.CLIENT_ID, PanelTestProperties.CLIENT_SECRET,
        PanelTestProperties.NO_ADMIN_TOKEN,
        PanelTestProperties.DATA_DIR, PanelTestProperties.NO_RESUME})
class ZoomAppPanelBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChromeDriver browser;
    private static Path profile;
    private static String stubSource;
    private static ZoomSimulator zoom;

    @LocalServerPort
    private int port;

    private String injected;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests skipped: they need /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install -y chromium chromium-driver, as .ci/run does)");
        try (InputStream in = ZoomAppPanelBrowserTest.class.getResourceAsStream("zoom-sdk-stub.js")) {
            stubSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        profile = Files.createTempDirectory("panel-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile,
                // no name resolves but our own server: the real Apps SDK cannot load over the stub
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // an explicit driver executable keeps Selenium Manager from looking for, or downloading, one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    /** Zoom, posting its webhooks to this test's server (whose port is known once the context runs). */
    @BeforeEach
    void startZoom() {
        if (zoom == null) {
            zoom = ZoomSimulator.start(SimulatorConfig.builder()
                    .clientId(PanelTestProperties.CLIENT_ID_VALUE).clientSecret(PanelTestProperties.CLIENT_SECRET_VALUE)
                    .host("127.0.0.1").port(0)
                    .webhook(URI.create("http://127.0.0.1:" + port + "/api/webhooks/zoom"), PanelTestProperties.WEBHOOK_SECRET_VALUE)
                    .build());
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (zoom != null) {
            zoom.close();
            zoom = null;
        }
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @AfterEach
    void removeStub() {
        if (injected != null) {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", injected));
            injected = null;
        }
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void outsideZoomThePanelSaysSoAndShowsNoStreamOfAnyMeeting() {
        SimulatedStream stream = zoom.launch(Product.MEETING, longMeeting());
        try {
            stream.awaitState(StreamPhase.STREAMING, WAIT);
            open(null);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(text("notice")).startsWith("Open this page inside Zoom to start or stop RTMS");
                assertThat(text("stream-empty")).isEqualTo("Streams are shown only inside a Zoom meeting.");
            });
            // without Zoom's app context the server tells nothing about the meeting that is streaming
            assertThat(byId("stream-details").isDisplayed()).isFalse();
            assertThat(browser.getPageSource()).doesNotContain(stream.entityId()).doesNotContain(stream.streamId());
            assertThat(byId("start").isEnabled()).isFalse();
            assertThat(byId("stop").isEnabled()).isFalse();
            assertThat(byId("error").isDisplayed()).isFalse();
            // nothing of the panel's own was refused by its Content-Security-Policy
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                    .noneMatch(m -> m.contains("Content Security Policy"));
        } finally {
            stream.stop(StopReason.MEETING_ENDED);
        }
    }

    @Test
    void theRealSdkRefusingAnOrdinaryBrowserAlsoMeansOutsideZoom() throws Exception {
        open(Map.of("fail", Map.of("config", Map.of("message", "The Zoom Apps SDK is not supported by this browser"))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(text("notice"))
                .startsWith("Open this page inside Zoom")
                .endsWith("(Zoom Apps SDK: The Zoom Apps SDK is not supported by this browser)"));
        assertThat(byId("start").isEnabled()).isFalse();
    }

    @Test
    void insideAMeetingStartAndStopCallTheAppsSdk() throws Exception {
        open(Map.of("meetingUUID", "panel-uuid-1=="));

        await().atMost(WAIT).until(() -> byId("start").isEnabled());
        assertThat(text("context")).isEqualTo("Meeting: Panel test meeting (panel-uuid-1==)");
        assertThat(byId("notice").isDisplayed()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) browser.executeScript("return window.zoomSdkConfig;");
        assertThat(config).containsEntry("version", "0.16");
        @SuppressWarnings("unchecked")
        List<String> capabilities = (List<String>) config.get("capabilities");
        assertThat(capabilities).contains("startRTMS", "stopRTMS", "getRTMSStatus", "getMeetingUUID", "getAppContext");
        assertThat(text("stream-empty")).isEqualTo("No stream for this meeting yet.");

        byId("start").click();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(calls()).contains("startRTMS");
            assertThat(text("info")).startsWith("Zoom is starting RTMS");
        });
        byId("stop").click();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(calls()).containsSubsequence("startRTMS", "stopRTMS");
            assertThat(text("info")).isEqualTo("Zoom is stopping RTMS.");
        });
        assertThat(byId("error").isDisplayed()).isFalse();
    }

    @Test
    void anAppsSdkErrorIsShown() throws Exception {
        open(Map.of("meetingUUID", "panel-uuid-2",
                "fail", Map.of("startRTMS", Map.of("message", "The app is not allowed to start RTMS", "code", "10235"))));
        await().atMost(WAIT).until(() -> byId("start").isEnabled());

        byId("start").click();

        await().atMost(WAIT).untilAsserted(() -> assertThat(text("error"))
                .isEqualTo("Zoom could not start RTMS: The app is not allowed to start RTMS (code 10235)"));
        assertThat(byId("info").isDisplayed()).isFalse();
    }

    @Test
    void pauseAndResumeShowOnlyWhereTheClientSupportsThem() throws Exception {
        open(Map.of("meetingUUID", "panel-uuid-3"));
        await().atMost(WAIT).until(() -> byId("pause").isDisplayed());

        byId("pause").click();
        byId("resume").click();

        await().atMost(WAIT).untilAsserted(() -> assertThat(calls()).contains("pauseRTMS", "resumeRTMS"));

        open(Map.of("meetingUUID", "panel-uuid-3", "unsupportedApis", List.of("pauseRTMS", "resumeRTMS", "startRTMS")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(calls()).contains("getMeetingUUID"));
        assertThat(byId("pause").isDisplayed()).isFalse();
        assertThat(byId("start").isEnabled()).isFalse();
        assertThat(byId("stop").isEnabled()).isTrue();
    }

    @Test
    void theStatusViewFollowsTheMeetingsStreamAsZoomStartsAndStopsIt() throws Exception {
        String meetingUuid = "pAnEl/Te+st" + System.nanoTime() + "==";
        SimulatedStream stream = zoom.createStream(Product.MEETING, meetingUuid, "panel" + System.nanoTime(), longMeeting());
        try {
            open(Map.of("meetingUUID", meetingUuid));
            await().atMost(WAIT).until(() -> byId("start").isEnabled());
            assertThat(text("stream-empty")).isEqualTo("No stream for this meeting yet.");

            // the host clicks Start: the Apps SDK asks Zoom, and Zoom announces the stream by webhook
            byId("start").click();
            await().atMost(WAIT).until(() -> calls().contains("startRTMS"));
            assertThat(zoom.webhookSender().send(stream.startedWebhook())).isEqualTo(200);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(byId("stream-details").getDomAttribute("data-phase")).isEqualTo("STREAMING");
                assertThat(text("stream-state")).startsWith("STREAMING");
                assertThat(text("stream-id")).isEqualTo("meeting " + stream.streamId());
                assertThat(text("stream-media")).contains("AUDIO");
                assertThat(text("transcript")).contains("Alice Panel").contains("Hello from the panel test.");
            });
            assertThat(text("stream-ended")).isEqualTo("—");

            // the host clicks Stop: Zoom ends the stream and says so by webhook
            byId("stop").click();
            await().atMost(WAIT).until(() -> calls().contains("stopRTMS"));
            stream.stop(StopReason.HOST_TRIGGERED);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(byId("stream-details").getDomAttribute("data-phase")).isEqualTo("STOPPED");
                assertThat(text("stream-state")).isEqualTo("STOPPED (STOPPED)");
                assertThat(text("stream-ended")).endsWith(": HOST_TRIGGERED");
            });
            assertThat(stream.violations()).isEmpty();
            assertThat(byId("error").isDisplayed()).isFalse();
        } finally {
            stream.stop(StopReason.MEETING_ENDED);
        }
    }

    @Test
    void aContextForAnotherMeetingOrATamperedOneShowsNothingOfThisMeeting() throws Exception {
        SimulatedStream stream = startedMeeting("other");
        String meetingUuid = stream.entityId();
        try {
            stream.awaitState(StreamPhase.STREAMING, WAIT);

            // the page claims this meeting, but Zoom's context says another: the server goes by the context
            open(Map.of("meetingUUID", meetingUuid, "appContext", context("someone-elses-meeting==")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(text("stream-empty")).isEqualTo("No stream for this meeting yet."));
            assertThat(byId("stream-details").isDisplayed()).isFalse();

            String tampered = tamper(context(meetingUuid));
            open(Map.of("meetingUUID", meetingUuid, "appContext", tampered));
            await().atMost(WAIT).untilAsserted(() -> assertThat(text("status-error"))
                    .isEqualTo("The stream status is unavailable: HTTP 401"));
            assertThat(byId("stream-details").isDisplayed()).isFalse();
            assertThat(browser.getPageSource()).doesNotContain(stream.streamId());
        } finally {
            stream.stop(StopReason.MEETING_ENDED);
        }
    }

    @Test
    void anExpiredContextIsReplacedByAFreshOneFromTheAppsSdk() throws Exception {
        SimulatedStream stream = startedMeeting("fresh");
        String meetingUuid = stream.entityId();
        try {
            String expired = ZoomAppContexts.meeting(PanelTestProperties.CLIENT_SECRET_VALUE, PanelTestProperties.CLIENT_ID_VALUE,
                    "panel-user", meetingUuid, System.currentTimeMillis() - 1);

            open(Map.of("meetingUUID", meetingUuid, "appContexts", List.of(expired, context(meetingUuid))));

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(byId("stream-details").getDomAttribute("data-stream-id")).isEqualTo(stream.streamId());
                assertThat(byId("stream-details").getDomAttribute("data-phase")).isEqualTo("STREAMING");
            });
            assertThat(calls().stream().filter("getAppContext"::equals).count()).isGreaterThanOrEqualTo(2);
            assertThat(byId("status-error").isDisplayed()).isFalse();
        } finally {
            stream.stop(StopReason.MEETING_ENDED);
        }
    }

    /** A long meeting of its own that Zoom has announced to the bundle by webhook. */
    private static SimulatedStream startedMeeting(String name) {
        SimulatedStream stream = zoom.createStream(Product.MEETING, "pAnEl-" + name + System.nanoTime() + "==",
                name + System.nanoTime(), longMeeting());
        assertThat(zoom.webhookSender().send(stream.startedWebhook())).isEqualTo(200);
        return stream;
    }

    /** Zoom's app context of a user in {@code meetingUuid}, for this app, valid for ten minutes. */
    private static String context(String meetingUuid) {
        return ZoomAppContexts.meeting(PanelTestProperties.CLIENT_SECRET_VALUE, PanelTestProperties.CLIENT_ID_VALUE,
                "panel-user", meetingUuid, System.currentTimeMillis() + 600_000);
    }

    /** The context with one bit of its ciphertext flipped. */
    static String tamper(String context) {
        byte[] packed = Base64.getDecoder().decode(context);
        packed[packed.length - 20] ^= 0x01;
        return Base64.getEncoder().encodeToString(packed);
    }

    /** A meeting that runs until the test stops it, with one transcript line early on. */
    private static MeetingScript longMeeting() {
        return MeetingScript.builder()
                .durationMillis(120_000)
                .speakers(MeetingScript.Speaker.of(16778240, "Alice Panel", 1000).talks(0, 2000))
                .transcriptLines(MeetingScript.TranscriptLine.of(0, 1500, 16778240, "Hello from the panel test."))
                .build();
    }

    /** Opens the panel, with the SDK stub configured by {@code stub} injected first, or with no SDK when null. */
    private void open(Map<String, ?> stub) {
        removeStub();
        if (stub != null) {
            Map<String, Object> options = new HashMap<>(stub);
            if (options.get("meetingUUID") instanceof String meeting && !options.containsKey("appContext")
                    && !options.containsKey("appContexts")) {
                // inside a meeting the Zoom client gives a context for it
                options.put("appContext", context(meeting));
            }
            try {
                String source = "window.zoomSdkStubOptions = " + JSON.writeValueAsString(options) + ";\n" + stubSource;
                injected = (String) browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", source)).get("identifier");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        browser.get("http://127.0.0.1:" + port + "/app/");
    }

    @SuppressWarnings("unchecked")
    private List<String> calls() {
        return (List<String>) browser.executeScript("return window.zoomSdkCalls || [];");
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return byId(id).getText();
    }
}
