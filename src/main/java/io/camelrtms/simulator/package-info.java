/**
 * A fake Zoom RTMS server — signaling and media WebSockets, webhooks and fault injection — that
 * ships with camel-rtms so that routes can be tested without Zoom. It depends only on
 * {@code io.camelrtms.protocol}, Vert.x, Jackson and Concentus, never on the rtms client it tests.
 *
 * <h2>Using it in your own route test</h2>
 *
 * <pre>{@code
 * class MyRouteTest {
 *     static ZoomSimulator zoom;
 *
 *     @BeforeAll
 *     static void startZoom() {
 *         zoom = ZoomSimulator.start(SimulatorConfig.builder()
 *                 .clientId("test-id").clientSecret("test-secret")   // what your app is configured with
 *                 .playbackSpeed(20)                                 // a 6 s meeting in 0.3 s
 *                 .webhook(URI.create("http://127.0.0.1:" + appPort + "/api/webhooks/zoom"), "test-webhook-secret")
 *                 .build());
 *     }
 *
 *     @AfterAll
 *     static void stopZoom() {
 *         zoom.close();
 *     }
 *
 *     @Test
 *     void storesTheMeeting() {
 *         SimulatedStream s = zoom.launch(Product.MEETING, MeetingScript.standard()); // posts meeting.rtms_started
 *         s.awaitState(StreamPhase.ENDED, Duration.ofSeconds(20));                    // then meeting.rtms_stopped
 *         assertThat(s.violations()).isEmpty();             // the client spoke the protocol correctly
 *         assertThat(KeepAlive.answerable(s.keepAlives(SocketRole.SIGNALING))).allMatch(KeepAlive::answered);
 *         short[] alice = s.script().sourcePcm(16778240, 16000, 1); // compare with what the route stored
 *     }
 * }
 * }</pre>
 *
 * Without a webhook URL, create the stream yourself and deliver the envelope however your test
 * likes: {@code zoom.createStream(Product.MEETING, uuid, streamId, script).startedWebhook()}, or a
 * signed post with {@link io.camelrtms.simulator.WebhookSender}.
 *
 * <h2>What it checks and plays</h2>
 * <ul>
 *   <li>Handshake signatures, entity keys per product, media_type against the URL, media params
 *       (OPUS at 48 kHz, G.711 8 kHz mono, send_rate multiples of 20 up to 1000, JPG/PNG ≤ 5 fps,
 *       H264 1–30 fps), one signaling connection, no mixing of {@code all} with per-kind sockets,
 *       msg 7 on signaling once per media handshake, keep-alive echoes on the same socket,
 *       individual video subscriptions (msg 28) within the limit of concurrent ones (4 by default,
 *       {@link io.camelrtms.simulator.SimulatorConfig.Builder#maxVideoSubscriptions}). Every
 *       deviation is recorded in {@link io.camelrtms.simulator.SimulatedStream#violations()}.</li>
 *   <li>A {@link io.camelrtms.simulator.MeetingScript}: tone-synthesised speakers (L16, Opus via
 *       Concentus, G.711 A-law; mixed or per speaker, muted speakers send nothing), transcript
 *       lines, chat (plain and JSON), JPEG/PNG frames (H264 is a synthetic Annex-B sequence),
 *       participant, speaker, sharing and video events (named by {@code event_type},
 *       {@code event_code} or both: {@link io.camelrtms.simulator.SimulatorConfig.Builder#eventCodes};
 *       Zoom Phone by code only), and an idle gap with keep-alives.
 *       {@link io.camelrtms.simulator.MeetingScript#individualVideos()} plays five participants'
 *       individual videos and an event with only an {@code event_code}.
 *       Timestamps follow the timeline, so they stay consistent when playback is sped up.</li>
 *   <li>Faults ({@link io.camelrtms.simulator.SimulatedStream#faults()}): dropped media or
 *       signaling sockets, failover to a new URL, refused signatures or duplicate signals,
 *       delayed handshakes, malformed frames, injected state updates.</li>
 *   <li>TLS: {@link io.camelrtms.simulator.SelfSignedKeyStore} makes a key store for
 *       {@code wss://} and the matching trust store for your client.</li>
 * </ul>
 *
 * {@link io.camelrtms.simulator.SimulatorMain} runs it as a separate process, e.g. as the load
 * generator of a benchmark with many concurrent real-time streams.
 */
package io.camelrtms.simulator;
