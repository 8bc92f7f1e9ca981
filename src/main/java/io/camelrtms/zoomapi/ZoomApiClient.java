package io.camelrtms.zoomapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops, pauses and resumes an RTMS app's stream through Zoom's REST API:
 * <ul>
 *   <li>meetings and webinars: {@code PATCH /v2/live_meetings/{meetingId}/rtms_app/status}
 *       ("Update participant Realtime Media Streams (RTMS) app status", scope
 *       {@code meeting:update:participant_rtms_app_status[:admin]}), authorized with a Server-to-Server
 *       OAuth token;</li>
 *   <li>Video SDK sessions: {@code PATCH /v2/videosdk/sessions/{sessionId}/rtms_app/status}
 *       ("Update Realtime Media Streams (RTMS) app status"), authorized with a Video SDK API JWT when
 *       one is configured, else with the same OAuth token.</li>
 * </ul>
 * The body of both is {@code {"action":"start"|"stop"|"pause"|"resume","settings":{"client_id":…}}},
 * {@code client_id} being the RTMS app's client id, plus {@code settings.participant_user_id} for a
 * meeting when the stream is to be started for a particular participant. Sources: Zoom's API reference
 * for the meetings endpoint (linked from developers.zoom.us/changelog/rtms/july-04-2026), Zoom's blog
 * "Remote manual control of RTMS streams" (developers.zoom.us/blog/zcc-rtms-manual: "the specified
 * action … start, stop, pause, resume; within settings, the client ID of your authorized application"),
 * and the Video SDK API's operation {@code updateSessionRtmsAppStatus}. Zoom answers 2xx (204 No
 * Content) once it accepted the request; the stream itself is announced by the usual
 * {@code *.rtms_started} webhook.
 */
public final class ZoomApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomApiClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiBaseUrl;
    private final AccessTokenSource meetingTokens;
    private final AccessTokenSource videoSdkTokens;
    private final String rtmsClientId;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param apiBaseUrl     e.g. {@code https://api.zoom.us}
     * @param meetingTokens  tokens for the meetings API (Server-to-Server OAuth)
     * @param videoSdkTokens tokens for the Video SDK API
     * @param rtmsClientId   the client id of the RTMS app to start or stop (the {@code settings.client_id}); blank
     *                       makes every call fail with {@link ZoomApiException.Reason#NOT_CONFIGURED}
     */
    public ZoomApiClient(URI apiBaseUrl, AccessTokenSource meetingTokens, AccessTokenSource videoSdkTokens,
                         String rtmsClientId, HttpClient http, Duration timeout) {
        this.apiBaseUrl = ServerToServerOAuth.stripTrailingSlash(apiBaseUrl.toString());
        this.meetingTokens = meetingTokens;
        this.videoSdkTokens = videoSdkTokens;
        this.rtmsClientId = rtmsClientId;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Asks Zoom to change the RTMS app's status in a meeting or session.
     *
     * @param participantUserId for meetings only: the participant (Zoom user id) the stream is started for;
     *                          null lets Zoom use the token's user or the host
     * @return Zoom's HTTP status (2xx)
     */
    public int updateRtmsAppStatus(RtmsAppTarget target, RtmsAppAction action, String participantUserId)
            throws ZoomApiException {
        if (rtmsClientId == null || rtmsClientId.isBlank()) {
            throw new ZoomApiException(ZoomApiException.Reason.NOT_CONFIGURED,
                    "the RTMS app's client id is not configured (rtms.zoom-api.rtms-client-id or ZOOM_CLIENT_ID)");
        }
        ObjectNode settings = JSON.createObjectNode().put("client_id", rtmsClientId);
        if (participantUserId != null && !participantUserId.isBlank() && target.kind() == RtmsAppTarget.Kind.MEETING) {
            settings.put("participant_user_id", participantUserId);
        }
        ObjectNode body = JSON.createObjectNode().put("action", action.wireName());
        body.set("settings", settings);
        URI uri = URI.create(apiBaseUrl + target.statusPath());
        AccessTokenSource tokens = target.kind() == RtmsAppTarget.Kind.MEETING ? meetingTokens : videoSdkTokens;

        HttpResponse<String> response = patch(uri, body.toString(), tokens.token());
        if (response.statusCode() == 401) {
            // a cached token can be revoked before it expires: get a fresh one and try once more
            tokens.invalidate(bearerOf(response.request()));
            response = patch(uri, body.toString(), tokens.token());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            ZoomErrorBody error = ZoomErrorBody.parse(response.body());
            LOG.warn("Zoom refused to {} RTMS for {} {}: HTTP {} code {} {}", action.wireName(),
                    RtmsAppTarget.label(target.kind()), target.id(), status, error.code(), error.message());
            throw new ZoomApiException(ZoomApiException.Reason.REFUSED, "Zoom refused the request",
                    status, error.code(), error.message());
        }
        LOG.info("Zoom accepted RTMS {} for {} {} (HTTP {})", action.wireName(), RtmsAppTarget.label(target.kind()),
                target.id(), status);
        return status;
    }

    private HttpResponse<String> patch(URI uri, String json, String token) throws ZoomApiException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build();
        return ServerToServerOAuth.send(http, request, "the Zoom API");
    }

    private static String bearerOf(HttpRequest request) {
        return request.headers().firstValue("Authorization").map(v -> v.substring("Bearer ".length())).orElse(null);
    }
}
