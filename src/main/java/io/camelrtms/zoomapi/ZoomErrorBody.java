package io.camelrtms.zoomapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Zoom's error code and message from an error response: {@code {"code":3001,"message":"…"}} from the
 * API, {@code {"reason":"…","error":"invalid_client"}} from the OAuth endpoint. Only these fields are
 * taken, shortened, so nothing else of a response ends up in our logs or answers.
 */
record ZoomErrorBody(Integer code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    static ZoomErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return new ZoomErrorBody(null, null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            return new ZoomErrorBody(null, null);
        }
        if (node == null || !node.isObject()) {
            return new ZoomErrorBody(null, null);
        }
        Integer code = node.path("code").canConvertToInt() ? node.path("code").asInt() : null;
        String message = text(node, "message");
        if (message == null) {
            message = text(node, "reason");
        }
        if (message == null) {
            message = text(node, "error");
        }
        return new ZoomErrorBody(code, message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            return null;
        }
        String s = value.asText().replaceAll("\\p{Cntrl}", " ");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
    }
}
