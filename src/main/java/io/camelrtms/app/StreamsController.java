package io.camelrtms.app;

import io.camelrtms.component.RtmsComponent;
import io.camelrtms.component.StreamStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live status API: open and recent streams with their state, negotiated media, counters and
 * files, and a server-sent-events feed of a stream's live transcript.
 */
@RestController
@RequestMapping("/api/streams")
public class StreamsController {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsController.class);
    private static final long SSE_TIMEOUT_MILLIS = 4 * 60 * 60 * 1000L;

    private final RtmsComponent component;
    private final TranscriptFeed transcripts;
    private final StreamFiles files;

    public StreamsController(RtmsComponent component, TranscriptFeed transcripts, StreamFiles files) {
        this.component = component;
        this.transcripts = transcripts;
        this.files = files;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, List<StreamStatus>> streams() {
        Map<String, List<StreamStatus>> body = new LinkedHashMap<>();
        body.put("active", component.streams());
        body.put("recent", component.recentStreams());
        return body;
    }

    @GetMapping(value = "/{streamId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> stream(@PathVariable String streamId) {
        StreamStatus status = component.stream(streamId);
        if (status == null) {
            return ResponseEntity.status(404).body(Map.of("error", "no such stream"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stream", status);
        body.put("files", files.list(status));
        return ResponseEntity.ok(body);
    }

    /**
     * Live transcript lines as server-sent events named {@code transcript} (JSON data), after the
     * stream's recent lines; an {@code end} event when the stream ends.
     */
    @GetMapping(value = "/{streamId}/transcript", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter transcript(@PathVariable String streamId) throws IOException {
        SseEmitter emitter = new SseEmitter(SSE_TIMEOUT_MILLIS);
        emitter.send(SseEmitter.event().name("open").data("{\"rtms_stream_id\":\"" + jsonSafe(streamId) + "\"}",
                MediaType.APPLICATION_JSON));
        TranscriptFeed.Subscription[] holder = new TranscriptFeed.Subscription[1];
        holder[0] = transcripts.watch(streamId, line -> {
            try {
                emitter.send(SseEmitter.event().name("transcript").data(line, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Transcript watcher of stream {} went away: {}", streamId, e.toString());
                if (holder[0] != null) {
                    holder[0].close();
                }
            }
        }, () -> {
            try {
                emitter.send(SseEmitter.event().name("end").data("{}", MediaType.APPLICATION_JSON));
                emitter.complete();
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Transcript watcher of stream {} went away: {}", streamId, e.toString());
            }
        });
        emitter.onCompletion(holder[0]::close);
        emitter.onTimeout(holder[0]::close);
        emitter.onError(e -> holder[0].close());
        return emitter;
    }

    private static String jsonSafe(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
