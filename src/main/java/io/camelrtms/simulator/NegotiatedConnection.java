package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import java.time.Instant;
import java.util.Set;

/**
 * A media connection the simulator accepted, with the parameters it confirmed in msg 4.
 *
 * @param urlKey    the URL key it connected to ({@code audio}, {@code all}, …)
 * @param mediaType the {@code media_type} bitmask the client asked for
 * @param kinds     the media kinds the connection carries
 * @param params    the negotiated params (only members for the connection's kinds are set)
 * @param echoed    the {@code media_params} object sent back in msg 4
 * @param at        when the handshake was answered
 */
public record NegotiatedConnection(String urlKey, int mediaType, Set<MediaKind> kinds, MediaParams params,
                                   JsonNode echoed, Instant at) {
}
