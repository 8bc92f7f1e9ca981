package io.camelrtms.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Bodies that may hold JSON (event details, chat documents, lifecycle objects) or plain text. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as JSON when it is a JSON object or array, else {@code null} (plain text, empty, or not JSON). */
    public static JsonNode parseOrNull(ObjectMapper mapper, String body) {
        if (body == null) {
            return null;
        }
        String t = body.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            return mapper.readTree(t);
        } catch (IOException notJson) {
            return null;
        }
    }
}
