package io.camelrtms.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelrtms.zoomapi.RtmsAppAction;
import io.camelrtms.zoomapi.RtmsAppTarget;
import io.camelrtms.zoomapi.ZoomApiClient;
import io.camelrtms.zoomapi.ZoomApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, stops, pauses and resumes RTMS from the server side through Zoom's REST API:
 * {@code POST /api/rtms/{start|stop|pause|resume}} with {@code {"meetingId": …}} (optionally
 * {@code "participantUserId"}) or {@code {"sessionId": …}} for a Video SDK session.
 * <p>
 * These calls can start a recording in any meeting of the account, so they need
 * {@code Authorization: Bearer <RTMS_ADMIN_TOKEN>}: 503 while no admin token is configured, 401 for a
 * missing or wrong one. Zoom's refusals come back as JSON naming Zoom's status, code and message.
 */
@RestController
@RequestMapping("/api/rtms")
public class RtmsControlController {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far more than any {@code {"meetingId": …, "participantUserId": …}} needs. */
    static final int MAX_BODY_BYTES = 4096;

    private final AdminToken adminToken;
    private final ZoomApiClient zoom;

    RtmsControlController(AdminToken adminToken, ZoomApiClient zoom) {
        this.adminToken = adminToken;
        this.zoom = zoom;
    }

    @PostMapping(value = "/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> control(@PathVariable String action,
                                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                       HttpServletRequest http) throws IOException {
        if (!adminToken.isConfigured()) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "RTMS control is disabled: set RTMS_ADMIN_TOKEN to enable it");
        }
        if (!adminToken.accepts(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"rtms\"")
                    .body(Map.of("error", "missing or wrong bearer token"));
        }
        Optional<RtmsAppAction> rtmsAction = RtmsAppAction.fromWireName(action);
        if (rtmsAction.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "unknown action; use start, stop, pause or resume");
        }
        // read only after the token check, and only so much: the body is a few ids
        byte[] body = http.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        Request request;
        try {
            request = Request.parse(body);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            int zoomStatus = zoom.updateRtmsAppStatus(request.target(), rtmsAction.get(), request.participantUserId());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", "requested");
            answer.put("action", rtmsAction.get().wireName());
            answer.put(RtmsAppTarget.label(request.target().kind()), request.target().id());
            answer.put("zoomStatus", zoomStatus);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        } catch (ZoomApiException e) {
            return zoomError(e);
        }
    }

    /** What Zoom said, with a status that tells the caller whose problem it is. */
    private static ResponseEntity<Map<String, Object>> zoomError(ZoomApiException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_CONFIGURED -> HttpStatus.SERVICE_UNAVAILABLE;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case TOKEN_REFUSED, UNREACHABLE -> HttpStatus.BAD_GATEWAY;
            // the caller's mistakes (no such meeting, meeting not live, too many requests) keep Zoom's
            // status; 401/403 and 5xx are this server's credentials or Zoom's trouble, not the caller's
            case REFUSED -> switch (e.zoomStatus()) {
                case 400, 404, 409, 429 -> HttpStatus.valueOf(e.zoomStatus());
                default -> HttpStatus.BAD_GATEWAY;
            };
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", e.getMessage());
        if (e.zoomStatus() != 0) {
            answer.put("zoomStatus", e.zoomStatus());
        }
        if (e.zoomCode() != null) {
            answer.put("zoomCode", e.zoomCode());
        }
        if (e.zoomMessage() != null) {
            answer.put("zoomMessage", e.zoomMessage());
        }
        return ResponseEntity.status(status).body(answer);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    /** The request body: exactly one of meetingId and sessionId. */
    private record Request(RtmsAppTarget target, String participantUserId) {

        static Request parse(byte[] body) {
            if (body == null || body.length == 0) {
                throw new IllegalArgumentException("body required: {\"meetingId\": …} or {\"sessionId\": …}");
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalArgumentException("body is not valid JSON");
            }
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object: {\"meetingId\": …} or {\"sessionId\": …}");
            }
            String meetingId = id(json, "meetingId");
            String sessionId = id(json, "sessionId");
            if ((meetingId == null) == (sessionId == null)) {
                throw new IllegalArgumentException("give exactly one of meetingId and sessionId");
            }
            String participant = id(json, "participantUserId");
            if (participant != null && sessionId != null) {
                throw new IllegalArgumentException("participantUserId applies to meetings only");
            }
            if (participant != null && (participant.length() > RtmsAppTarget.MAX_ID_LENGTH
                    || participant.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
                throw new IllegalArgumentException("participantUserId is not a Zoom user id");
            }
            RtmsAppTarget target = meetingId != null ? RtmsAppTarget.meeting(meetingId) : RtmsAppTarget.videoSdkSession(sessionId);
            return new Request(target, participant);
        }

        /** A string or (for numeric meeting ids) a whole number; null when absent. */
        private static String id(JsonNode json, String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.isIntegralNumber()) {
                return value.bigIntegerValue().toString();
            }
            throw new IllegalArgumentException(field + " must be a string");
        }
    }
}
