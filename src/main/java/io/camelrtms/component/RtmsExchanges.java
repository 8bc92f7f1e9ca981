package io.camelrtms.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.client.LifecycleEvent;
import io.camelrtms.protocol.ControlMessage;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.SessionState;
import io.camelrtms.protocol.StopReason;
import io.camelrtms.protocol.StreamState;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeadersMapFactory;

/** Builds the exchanges of {@code from: rtms:}: the one place that maps RTMS messages to headers and bodies. */
final class RtmsExchanges {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** RtmsEventName of a message type this version does not act on; the body is its raw JSON. */
    static final String UNKNOWN_MESSAGE = "UNKNOWN_MESSAGE";
    /** RtmsEventName of an event type this version does not know; the body is its raw JSON. */
    static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    /** RtmsEventName of an event that carries an event_code and no event_type. */
    static final String EVENT_CODE = "EVENT_CODE";
    /** RtmsEventName of a msg 29, the answer to a video subscription. */
    static final String VIDEO_SUBSCRIPTION = "VIDEO_SUBSCRIPTION";

    private RtmsExchanges() {
    }

    static Exchange media(RtmsConsumer consumer, StreamDispatch stream, MediaData m, long seq, MediaParams negotiated) {
        Exchange ex = consumer.createExchange(false);
        Message in = ex.getIn();
        HeadersMapFactory maps = ex.getContext().getCamelContextExtension().getHeadersMapFactory();
        in.setHeaders(maps.newMap(stream.mediaHeaders(maps, m.kind(), negotiated)));
        in.setHeader(RtmsConstants.TIMESTAMP, m.timestamp());
        in.setHeader(RtmsConstants.SEQUENCE, seq);
        if (m.userId() != null) {
            in.setHeader(RtmsConstants.USER_ID, m.userId());
        }
        if (m.userName() != null) {
            in.setHeader(RtmsConstants.USER_NAME, m.userName());
        }
        if (m.channelId() != null) {
            in.setHeader(RtmsConstants.CHANNEL_ID, m.channelId());
        }
        switch (m.kind()) {
            case AUDIO, VIDEO, DESKSHARE -> in.setBody(m.data());
            case TRANSCRIPT -> {
                if (m.startTime() >= 0) {
                    in.setHeader(RtmsConstants.TRANSCRIPT_START, m.startTime());
                }
                if (m.endTime() >= 0) {
                    in.setHeader(RtmsConstants.TRANSCRIPT_END, m.endTime());
                }
                if (m.language() != null) {
                    in.setHeader(RtmsConstants.TRANSCRIPT_LANGUAGE, m.language());
                }
                if (m.attribute() != null) {
                    in.setHeader(RtmsConstants.TRANSCRIPT_ATTRIBUTE, m.attribute());
                }
                in.setBody(m.text());
            }
            case CHAT -> in.setBody(m.text());
            default -> throw new IllegalStateException(m.kind().name());
        }
        return ex;
    }

    /**
     * Consecutive audio messages as one exchange ({@code audioBatch}): the first message's exchange with
     * the payloads of all of them as its body, and how many it holds.
     */
    static Exchange audioBatch(RtmsConsumer consumer, StreamDispatch stream, AudioBatch.Taken batch, long seq) {
        Exchange ex = media(consumer, stream, batch.first(), seq, batch.negotiated());
        Message in = ex.getIn();
        in.setBody(batch.body());
        in.setHeader(RtmsConstants.BATCHED_MESSAGES, batch.messages());
        return ex;
    }

    /** The headers of a media exchange that stay the same for a stream's kind and negotiated parameters. */
    static void constantMediaHeaders(Map<String, Object> headers, MediaKind kind, MediaParams negotiated) {
        headers.put(RtmsConstants.MEDIA_TYPE, StreamDispatch.typeOf(kind).name());
        switch (kind) {
            case AUDIO -> {
                MediaParams.Audio a = AudioBatch.audioOf(negotiated);
                headers.put(RtmsConstants.AUDIO_CODEC, a.codec().name());
                headers.put(RtmsConstants.AUDIO_SAMPLE_RATE, a.sampleRate().hertz());
                headers.put(RtmsConstants.AUDIO_CHANNELS, a.channels());
                headers.put(RtmsConstants.AUDIO_PER_SPEAKER, a.perSpeaker());
                headers.put(RtmsConstants.AUDIO_SEND_RATE, a.sendRate());
            }
            case VIDEO, DESKSHARE -> {
                MediaParams.Video v = negotiated == null ? null : kind == MediaKind.VIDEO ? negotiated.video() : negotiated.deskshare();
                if (v != null) {
                    headers.put(RtmsConstants.VIDEO_CODEC, v.codec().name());
                    headers.put(RtmsConstants.VIDEO_RESOLUTION, v.resolution().name());
                    headers.put(RtmsConstants.VIDEO_FPS, v.fps());
                }
            }
            default -> {
            }
        }
    }

    /** An EVENT exchange of a stream, numbered {@code seq}, for the caller to fill in. */
    private static Exchange streamEvent(RtmsConsumer consumer, StreamDispatch stream, long seq) {
        Exchange ex = consumer.createExchange(false);
        Message in = ex.getIn();
        stream.identify(in.getHeaders());
        in.setHeader(RtmsConstants.MEDIA_TYPE, RtmsMediaType.EVENT.name());
        in.setHeader(RtmsConstants.SEQUENCE, seq);
        return ex;
    }

    static Exchange event(RtmsConsumer consumer, StreamDispatch stream, RtmsMessage event, long seq) {
        Exchange ex = streamEvent(consumer, stream, seq);
        Message in = ex.getIn();
        if (event instanceof RtmsMessage.EventUpdate e) {
            if (e.hasEventType()) {
                in.setHeader(RtmsConstants.EVENT_TYPE, e.eventType());
            }
            if (e.eventCode() != null) {
                in.setHeader(RtmsConstants.EVENT_CODE, e.eventCode());
            }
            in.setHeader(RtmsConstants.EVENT_NAME, eventName(stream, e));
            in.setHeader(RtmsConstants.TIMESTAMP, e.timestamp());
            in.setBody(e.event().toString());
        } else if (event instanceof RtmsMessage.VideoSubscriptionResponse r) {
            in.setHeader(RtmsConstants.EVENT_NAME, VIDEO_SUBSCRIPTION);
            if (r.userId() != null) {
                in.setHeader(RtmsConstants.USER_ID, r.userId());
            }
            in.setHeader(RtmsConstants.TIMESTAMP, r.raw().path("timestamp").asLong(System.currentTimeMillis()));
            in.setBody(r.raw().toString());
        } else if (event instanceof RtmsMessage.Other o) {
            in.setHeader(RtmsConstants.EVENT_NAME, UNKNOWN_MESSAGE);
            in.setHeader(RtmsConstants.TIMESTAMP, o.raw().path("timestamp").asLong(System.currentTimeMillis()));
            in.setBody(o.raw().toString());
        } else if (event instanceof RtmsMessage.StreamStateUpdate s) {
            ObjectNode body = JSON.objectNode();
            body.put("state", s.state());
            StreamState state = StreamState.of(s.state());
            body.put("state_name", state != null ? state.name() : "UNKNOWN_" + s.state());
            if (s.reason() >= 0) {
                body.put("reason", s.reason());
                body.put("reason_name", StopReason.nameOf(s.reason()));
            }
            body.put("timestamp", s.timestamp());
            keepUnknownFields(body, s.raw(), RtmsMessage.StreamStateUpdate.KNOWN_FIELDS);
            in.setHeader(RtmsConstants.EVENT_NAME, "STREAM_STATE");
            in.setHeader(RtmsConstants.TIMESTAMP, s.timestamp());
            in.setBody(body.toString());
        } else if (event instanceof RtmsMessage.SessionStateUpdate s) {
            ObjectNode body = JSON.objectNode();
            body.put("rtms_session_id", s.sessionId());
            body.put("state", s.state());
            SessionState state = SessionState.of(s.state());
            body.put("state_name", state != null ? state.name() : "UNKNOWN_" + s.state());
            if (s.stopReason() >= 0) {
                body.put("stop_reason", s.stopReason());
                body.put("stop_reason_name", StopReason.nameOf(s.stopReason()));
            }
            body.put("timestamp", s.timestamp());
            keepUnknownFields(body, s.raw(), RtmsMessage.SessionStateUpdate.KNOWN_FIELDS);
            in.setHeader(RtmsConstants.EVENT_NAME, "SESSION_STATE");
            in.setHeader(RtmsConstants.TIMESTAMP, s.timestamp());
            in.setBody(body.toString());
        }
        return ex;
    }

    /**
     * The name of an event: its type's name in the product's numbering; {@link #EVENT_CODE} when it
     * has only a code (Zoom's code table was not published, so codes are not named);
     * {@link #UNKNOWN_EVENT} when neither is known.
     */
    static String eventName(StreamDispatch stream, RtmsMessage.EventUpdate e) {
        if (!e.hasEventType()) {
            return e.eventCode() != null ? EVENT_CODE : UNKNOWN_EVENT;
        }
        return EventType.isKnown(stream.started.product(), e.eventType()) ? EventType.name(stream.started.product(), e.eventType()) : UNKNOWN_EVENT;
    }

    /** Fields of a state message this version does not know go into the body as received, under {@code unknown_fields}. */
    private static void keepUnknownFields(ObjectNode body, JsonNode raw, Set<String> known) {
        if (raw == null) {
            return;
        }
        ObjectNode unknown = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!known.contains(f.getKey())) {
                if (unknown == null) {
                    unknown = body.putObject("unknown_fields");
                }
                unknown.set(f.getKey(), f.getValue());
            }
        }
    }

    /** The fields a data message carried that this version does not know, as an UNKNOWN_MESSAGE event. */
    static Exchange unknownFields(RtmsConsumer consumer, StreamDispatch stream, MediaData m, long seq) {
        Exchange ex = streamEvent(consumer, stream, seq);
        Message in = ex.getIn();
        in.setHeader(RtmsConstants.EVENT_NAME, UNKNOWN_MESSAGE);
        in.setHeader(RtmsConstants.TIMESTAMP, m.timestamp());
        ObjectNode body = JSON.objectNode();
        body.put("msg_type", m.msgType());
        body.set("unknown_content_fields", m.unknownFields());
        in.setBody(body.toString());
        return ex;
    }

    static Exchange lifecycle(RtmsConsumer consumer, StreamDispatch stream, LifecycleEvent e, long seq) {
        Exchange ex = consumer.createExchange(false);
        Message in = ex.getIn();
        stream.identify(in.getHeaders());
        in.setHeader(RtmsConstants.MEDIA_TYPE, RtmsMediaType.LIFECYCLE.name());
        in.setHeader(RtmsConstants.LIFECYCLE, e.kind().name());
        in.setHeader(RtmsConstants.TIMESTAMP, e.time());
        in.setHeader(RtmsConstants.SEQUENCE, seq);
        ObjectNode body = JSON.objectNode();
        body.put("lifecycle", e.kind().name());
        body.put("rtms_stream_id", stream.streamId());
        body.put("product", stream.started.product().id());
        body.put(stream.started.entityKey(), stream.started.entityId());
        body.put("time", e.time());
        body.put("detail", e.detail());
        body.put("server_url", e.serverUrl());
        body.put("reconnects", e.reconnects());
        if (e.outageMillis() > 0) {
            body.put("outage_ms", e.outageMillis());
        }
        if (e.resumed()) {
            body.put("resumed", true);
        }
        if (!e.outages().isEmpty()) {
            var list = body.putArray("outages");
            e.outages().forEach(o -> {
                ObjectNode entry = list.addObject().put("from", o.from()).put("to", o.to()).put("ms", o.millis())
                        .put("cause", o.cause().name()).put("detail", o.detail());
                if (o.fromNode() != null) {
                    entry.put("fromNode", o.fromNode()).put("toNode", o.toNode());
                }
            });
        }
        if (e.stopReason() != null) {
            in.setHeader(RtmsConstants.STOP_REASON, e.stopReason());
            in.setHeader(RtmsConstants.STOP_REASON_NAME, StopReason.nameOf(e.stopReason()));
            body.put("stop_reason", e.stopReason());
            body.put("stop_reason_name", StopReason.nameOf(e.stopReason()));
        }
        MediaParams n = stream.session != null ? stream.session.negotiated() : null;
        if (n != null) {
            body.set("media_params", n.toJson());
        }
        in.setBody(body.toString());
        return ex;
    }

    static Exchange overflow(RtmsConsumer consumer, StreamDispatch stream, long refused, long seq) {
        Exchange ex = streamEvent(consumer, stream, seq);
        Message in = ex.getIn();
        in.setHeader(RtmsConstants.EVENT_NAME, "QUEUE_OVERFLOW");
        in.setHeader(RtmsConstants.TIMESTAMP, System.currentTimeMillis());
        ObjectNode body = JSON.objectNode();
        body.put("error", "the route did not keep up and media messages were refused");
        body.put("refused", refused);
        in.setBody(body.toString());
        return ex;
    }

    /** An account-level control message (rtms.concurrency_*, rtms.start_failed) as an EVENT exchange. */
    static Exchange account(RtmsConsumer consumer, ControlMessage control) {
        Exchange ex = consumer.createExchange(false);
        Message in = ex.getIn();
        in.setHeader(RtmsConstants.MEDIA_TYPE, RtmsMediaType.EVENT.name());
        in.setHeader(RtmsConstants.EVENT_NAME, control.kind().name());
        in.setHeader(RtmsConstants.TIMESTAMP, control.eventTs());
        if (control.product() != null) {
            in.setHeader(RtmsConstants.PRODUCT, control.product().id());
            in.setHeader(RtmsConstants.ENTITY_KEY, control.entityKey());
            in.setHeader(RtmsConstants.ENTITY_ID, control.entityId());
        }
        if (control.streamId() != null) {
            in.setHeader(RtmsConstants.STREAM_ID, control.streamId());
        }
        ObjectNode body = JSON.objectNode();
        body.put("event", control.event());
        body.put("event_ts", control.eventTs());
        control.attributes().forEach(body::put);
        in.setBody(body.toString());
        return ex;
    }
}
