package io.camelrtms.component;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Exchanges shaped like those of {@code from: rtms:…} (see RtmsConstants), for one stream. */
public final class TestExchanges {

    public static final String PRODUCT = "meeting";
    public static final String ENTITY = "ab/c+d/ef==";
    public static final String ENTITY_DIR = "ab_c-d_ef";

    private final CamelContext context = new DefaultCamelContext();
    private final String streamId;
    private long sequence;

    public TestExchanges(String streamId) {
        this.streamId = streamId;
    }

    /** The (never started) context the exchanges belong to; enough for a sink's thread pools. */
    public CamelContext context() {
        return context;
    }

    public Exchange base(String mediaType) {
        Exchange ex = new DefaultExchange(context);
        Message m = ex.getIn();
        m.setHeader(RtmsConstants.MEDIA_TYPE, mediaType);
        m.setHeader(RtmsConstants.PRODUCT, PRODUCT);
        m.setHeader(RtmsConstants.ENTITY_KEY, "meeting_uuid");
        m.setHeader(RtmsConstants.ENTITY_ID, ENTITY);
        m.setHeader(RtmsConstants.STREAM_ID, streamId);
        m.setHeader(RtmsConstants.SEQUENCE, ++sequence);
        return ex;
    }

    public Exchange audio(byte[] payload, String codec, int rate, int channels, String userId, String userName, long timestamp) {
        Exchange ex = base("AUDIO");
        Message m = ex.getIn();
        boolean perSpeaker = !"0".equals(userId);
        m.setHeader(RtmsConstants.AUDIO_CODEC, codec);
        m.setHeader(RtmsConstants.AUDIO_SAMPLE_RATE, rate);
        m.setHeader(RtmsConstants.AUDIO_CHANNELS, channels);
        m.setHeader(RtmsConstants.AUDIO_PER_SPEAKER, perSpeaker);
        m.setHeader(RtmsConstants.AUDIO_SEND_RATE, 20);
        m.setHeader(RtmsConstants.USER_ID, userId);
        if (userName != null) {
            m.setHeader(RtmsConstants.USER_NAME, userName);
        }
        m.setHeader(RtmsConstants.TIMESTAMP, timestamp);
        m.setBody(payload);
        return ex;
    }

    public Exchange transcript(String text, String userId, String userName, long timestamp, long start, long end) {
        Exchange ex = base("TRANSCRIPT");
        Message m = ex.getIn();
        m.setHeader(RtmsConstants.USER_ID, userId);
        m.setHeader(RtmsConstants.USER_NAME, userName);
        m.setHeader(RtmsConstants.TIMESTAMP, timestamp);
        if (start >= 0) {
            m.setHeader(RtmsConstants.TRANSCRIPT_START, start);
        }
        if (end >= 0) {
            m.setHeader(RtmsConstants.TRANSCRIPT_END, end);
        }
        m.setHeader(RtmsConstants.TRANSCRIPT_LANGUAGE, 9);
        m.setBody(text);
        return ex;
    }

    public Exchange chat(String body, String userId, String userName, long timestamp) {
        Exchange ex = base("CHAT");
        ex.getIn().setHeader(RtmsConstants.USER_ID, userId);
        ex.getIn().setHeader(RtmsConstants.USER_NAME, userName);
        ex.getIn().setHeader(RtmsConstants.TIMESTAMP, timestamp);
        ex.getIn().setBody(body);
        return ex;
    }

    public Exchange event(int type, String name, String json, long timestamp) {
        Exchange ex = base("EVENT");
        ex.getIn().setHeader(RtmsConstants.EVENT_TYPE, type);
        ex.getIn().setHeader(RtmsConstants.EVENT_NAME, name);
        ex.getIn().setHeader(RtmsConstants.TIMESTAMP, timestamp);
        ex.getIn().setBody(json);
        return ex;
    }

    public Exchange video(String mediaType, String codec, byte[] data, String userId, long timestamp) {
        Exchange ex = base(mediaType);
        ex.getIn().setHeader(RtmsConstants.VIDEO_CODEC, codec);
        ex.getIn().setHeader(RtmsConstants.USER_ID, userId);
        ex.getIn().setHeader(RtmsConstants.TIMESTAMP, timestamp);
        ex.getIn().setBody(data);
        return ex;
    }

    public Exchange lifecycle(String kind, Integer stopReason, String stopReasonName) {
        Exchange ex = base("LIFECYCLE");
        ex.getIn().setHeader(RtmsConstants.LIFECYCLE, kind);
        ex.getIn().setHeader(RtmsConstants.TIMESTAMP, System.currentTimeMillis());
        if (stopReason != null) {
            ex.getIn().setHeader(RtmsConstants.STOP_REASON, stopReason);
            ex.getIn().setHeader(RtmsConstants.STOP_REASON_NAME, stopReasonName);
        }
        ex.getIn().setBody("{\"lifecycle\":\"" + kind + "\",\"rtms_stream_id\":\"" + streamId + "\"}");
        return ex;
    }
}
