package io.camelrtms.app;

import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import io.camelrtms.zoomapi.ZoomAppContext;
import io.camelrtms.zoomapi.ZoomAppContext.InvalidContextException;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Zoom App panel's own API, on the webhook port next to the panel: the streams of the meeting the
 * panel runs in, and their live transcript. Every request carries the {@code x-zoom-app-context} the Apps
 * SDK's {@code getAppContext()} gives the page; it is decrypted with the app's client secret
 * ({@link ZoomAppContext}), and only streams of its meeting ({@code mid}) are shown. Without a valid
 * context: 401 (with {@code "expired": true} when it only needs refreshing), and nothing about any meeting.
 */
@RestController
@RequestMapping(ZoomAppConfiguration.PANEL_PATH + "/api")
public class PanelController {

    private static final Logger LOG = LoggerFactory.getLogger(PanelController.class);

    private final ZoomProperties zoom;
    private final RtmsComponent component;
    private final StreamsController streams;
    private final Clock clock;

    PanelController(ZoomProperties zoom, RtmsComponent component, StreamsController streams) {
        this.zoom = zoom;
        this.component = component;
        this.streams = streams;
        this.clock = Clock.systemUTC();
    }

    /** {@code {"meeting": uuid or null, "active": [...], "recent": [...]}}: the streams of the context's meeting. */
    @GetMapping(value = "/streams", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> streams(
            @RequestHeader(value = ZoomAppContext.HEADER, required = false) String header) {
        ZoomAppContext context;
        try {
            context = ZoomAppContext.decrypt(header, zoom.clientSecret(), zoom.clientId(), clock);
        } catch (InvalidContextException e) {
            return refuse(e);
        }
        String meeting = context.meetingId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meeting", meeting);
        body.put("active", ofMeeting(component.streams(), meeting));
        body.put("recent", ofMeeting(component.recentStreams(), meeting));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The live transcript of one of the context's meeting's streams; 404 for any other stream. */
    @GetMapping(value = "/streams/{streamId}/transcript", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Object transcript(@PathVariable String streamId,
                             @RequestHeader(value = ZoomAppContext.HEADER, required = false) String header) throws IOException {
        ZoomAppContext context;
        try {
            context = ZoomAppContext.decrypt(header, zoom.clientSecret(), zoom.clientId(), clock);
        } catch (InvalidContextException e) {
            return refuse(e);
        }
        StreamStatus status = component.stream(streamId);
        if (status == null || context.meetingId() == null || !context.meetingId().equals(status.entityId())) {
            // the same answer for a stream of another meeting as for none: nothing leaks about other meetings
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", "no such stream"));
        }
        return streams.transcript(streamId);
    }

    private static List<StreamStatus> ofMeeting(List<StreamStatus> all, String meeting) {
        if (meeting == null) {
            return List.of();
        }
        return all.stream().filter(s -> meeting.equals(s.entityId()))
                .sorted(Comparator.comparingLong(StreamStatus::startedAt).reversed()).toList();
    }

    private static ResponseEntity<Map<String, Object>> refuse(InvalidContextException e) {
        LOG.debug("Panel request refused: {}", e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("expired", e.expired());
        return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore()).body(body);
    }
}
