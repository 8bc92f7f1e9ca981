package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Client messages written out by hand in the tests, with an HMAC computed independently of Signatures. */
final class TestMessages {

    static final String CLIENT_ID = "test-client-id";
    static final String CLIENT_SECRET = "test-client-secret";

    private TestMessages() {
    }

    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String signature(String entityId, String streamId) {
        return hmacHex(CLIENT_SECRET, CLIENT_ID + "," + entityId + "," + streamId);
    }

    static ObjectNode signalingHandshake(String entityKey, String entityId, String streamId, String signature) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("msg_type", 1);
        n.put("protocol_version", 1);
        n.put("sequence", 42);
        n.put(entityKey, entityId);
        n.put("rtms_stream_id", streamId);
        n.put("signature", signature);
        return n;
    }

    static String signalingHandshake(SimulatedStream s) {
        return signalingHandshake(s.product().entityKey(), s.entityId(), s.streamId(), signature(s.entityId(), s.streamId())).toString();
    }

    static ObjectNode mediaHandshake(SimulatedStream s, int mediaType, ObjectNode mediaParams) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("msg_type", 3);
        n.put("protocol_version", 1);
        n.put("sequence", 7);
        n.put(s.product().entityKey(), s.entityId());
        n.put("rtms_stream_id", s.streamId());
        n.put("signature", signature(s.entityId(), s.streamId()));
        n.put("media_type", mediaType);
        n.put("payload_encryption", false);
        if (mediaParams != null) {
            n.set("media_params", mediaParams);
        }
        return n;
    }

    static String ready(SimulatedStream s) {
        return "{\"msg_type\":7,\"rtms_stream_id\":\"" + s.streamId() + "\"}";
    }

    static String subscribe(int... eventTypes) {
        StringBuilder b = new StringBuilder("{\"msg_type\":5,\"events\":[");
        for (int i = 0; i < eventTypes.length; i++) {
            b.append(i > 0 ? "," : "").append("{\"event_type\":").append(eventTypes[i]).append(",\"subscribe\":true}");
        }
        return b.append("]}").toString();
    }

    static ObjectNode audioParams(int codec, int sampleRate, int channels, int dataOpt, int sendRate) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        ObjectNode a = p.putObject("audio");
        a.put("content_type", 2);
        a.put("codec", codec);
        a.put("sample_rate", sampleRate);
        a.put("channel", channels);
        a.put("data_opt", dataOpt);
        a.put("send_rate", sendRate);
        return p;
    }
}
