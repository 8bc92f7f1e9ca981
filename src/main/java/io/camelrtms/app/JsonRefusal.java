package io.camelrtms.app;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The answer of a servlet filter that refuses a request: a status and {@code {"error": …}}. */
final class JsonRefusal {

    private JsonRefusal() {
    }

    /** @param error a fixed text of our own, needing no JSON escaping */
    static void send(HttpServletResponse response, int status, String error) throws IOException {
        byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
