package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message a client sent to the simulator.
 *
 * @param role      the socket it arrived on
 * @param urlKey    for media sockets the URL key ({@code audio}, {@code all}, {@code sharescreen}, …);
 *                  {@code null} on signaling
 * @param msgType   its {@code msg_type}, or -1 when the frame was not a JSON object with an integer msg_type
 * @param json      the parsed message, or {@code null} when it was not JSON
 * @param raw       the frame text exactly as received (UTF-8 decoded for binary frames)
 * @param binary    whether it came in a binary frame
 * @param at        when it arrived
 */
public record ReceivedMessage(SocketRole role, String urlKey, int msgType, JsonNode json, String raw, boolean binary,
                              Instant at) {
}
