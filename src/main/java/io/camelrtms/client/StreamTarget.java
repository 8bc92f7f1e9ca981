package io.camelrtms.client;

import io.camelrtms.protocol.Product;

/**
 * Which stream to join and where: the values a {@code *_started} webhook carries.
 *
 * @param entityId     the entity id exactly as received; it is part of the signature
 * @param signalingUrl the {@code ws://} or {@code wss://} signaling URL
 */
public record StreamTarget(Product product, String entityId, String streamId, String signalingUrl) {

    public StreamTarget withSignalingUrl(String url) {
        return new StreamTarget(product, entityId, streamId, url);
    }
}
