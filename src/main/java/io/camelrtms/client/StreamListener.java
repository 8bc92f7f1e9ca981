package io.camelrtms.client;

import io.camelrtms.protocol.MediaData;
import io.camelrtms.protocol.RtmsMessage;

/**
 * Receives what a stream produces. Every method is called on the stream's Vert.x event loop, in
 * arrival order: implementations must return quickly and hand any real work to another thread.
 */
public interface StreamListener {

    void onMedia(StreamSession session, MediaData media);

    /**
     * msg 6 event updates, msg 8 stream state and msg 9 session state updates, msg 29 video
     * subscription answers, and every message of a type the client does not act on
     * ({@link io.camelrtms.protocol.RtmsMessage.Other}), so nothing new from Zoom is dropped silently.
     */
    void onEvent(StreamSession session, RtmsMessage event);

    void onLifecycle(StreamSession session, LifecycleEvent event);

    /**
     * Asked before every signaling connection (the first and each reconnect): false keeps the stream
     * from connecting for now, e.g. on a cluster node that may no longer run it.
     */
    default boolean mayConnect(StreamSession session) {
        return true;
    }
}
