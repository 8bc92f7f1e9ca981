package io.camelrtms.simulator;

import java.time.Instant;

/**
 * A connection the simulator accepted for a stream (its handshake succeeded), with who made it: a
 * test of several clients (the replicas of a cluster) tells from these which client joined a
 * stream when, and whether one joined twice.
 *
 * @param connection the connection's number, unique within the simulator
 * @param role       signaling or media
 * @param urlKey     the media URL key ({@code audio}, {@code all}, …), or {@code null} for signaling
 * @param remote     the client's address and port as the simulator saw them
 * @param at         when the handshake was accepted
 */
public record Join(long connection, SocketRole role, String urlKey, String remote, Instant at) {
}
