package io.camelrtms.simulator;

import io.camelrtms.protocol.MediaKind;

/**
 * Data messages of one kind that the simulator wrote on a connection after it had last heard from
 * the connection's client, on a connection it then dropped because that client stayed silent (it
 * missed its keep-alives, or said nothing while a newer client replaced it), or that ended without a
 * close frame (the client's process killed, or the link broken; for a signaling connection, every socket
 * of its client): a client frozen or gone at that point never read them, so a recording may lack them
 * through no fault of the client's successor. Messages written before the client was last heard from count as read: it was running
 * then, and on a local link it reads what it is sent at once.
 *
 * @param kind       the media kind
 * @param connection the number of the connection they were written on (see {@link Join#connection()})
 * @param messages   how many
 * @param fromMs     the timeline time at which the first of them was due (a transcript line is due at its end)
 * @param toMs       the timeline time at which the last of them was due
 */
public record PossiblyUnread(MediaKind kind, long connection, int messages, long fromMs, long toMs) {

    /** Whether the message due at timeline time {@code atMs} is one of these. */
    public boolean covers(long atMs) {
        return atMs >= fromMs && atMs <= toMs;
    }
}
