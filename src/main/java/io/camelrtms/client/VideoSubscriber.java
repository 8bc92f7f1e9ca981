package io.camelrtms.client;

import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.RtmsMessage;
import io.camelrtms.protocol.RtmsMessages;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps a stream's individual-video subscriptions in force: feeds Zoom's participant events and
 * subscription answers, and the route's own choices, to {@link VideoSubscriptions}, and sends the
 * msg 28s that bring Zoom up to date whenever the stream can take them. Used only on the session's
 * event loop.
 */
final class VideoSubscriber {

    private final VideoSubscriptions subscriptions;
    private final StreamLog log;
    private final BooleanSupplier canSend;
    private final Consumer<String> send;

    private VideoSubscriber(VideoSubscriptions subscriptions, StreamLog log, BooleanSupplier canSend, Consumer<String> send) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.canSend = canSend;
        this.send = send;
    }

    /**
     * A subscriber for a stream that asks for individual video (video data option 4), else {@code null}.
     *
     * @param canSend whether messages can go out now: streaming, with the signaling socket open
     * @param send    sends one message on the signaling socket
     */
    static VideoSubscriber forStream(StreamSettings settings, StreamLog log, BooleanSupplier canSend, Consumer<String> send) {
        MediaParams.Video video = settings.mediaParams().video();
        return settings.mediaKinds().contains(MediaKind.VIDEO) && video != null
                && video.dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM
                ? new VideoSubscriber(new VideoSubscriptions(settings.videoSelection(), settings.maxVideoSubscriptions()),
                        log, canSend, send)
                : null;
    }

    /** The route subscribes to one participant's video, or drops it. */
    void choose(String userId, boolean subscribe) {
        if (subscribe) {
            subscriptions.pin(userId);
        } else {
            subscriptions.drop(userId);
        }
        sendUpdates();
    }

    void onEvent(RtmsMessage.EventUpdate e) {
        if (subscriptions.onEvent(e)) {
            sendUpdates();
        }
    }

    void onAnswer(RtmsMessage.VideoSubscriptionResponse r) {
        subscriptions.onAnswer(r);
        sendUpdates();
    }

    /** New connections may have lost the subscriptions: ask for them again. */
    void connectionsRenewed() {
        subscriptions.connectionsRenewed();
        sendUpdates();
    }

    /** Sends the msg 28s that bring the subscriptions up to date, if the stream can take them now. */
    private void sendUpdates() {
        if (!canSend.getAsBoolean()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (VideoSubscriptions.Request r : subscriptions.reconcile()) {
            log.debug("RTMS stream {}: {} the video of user {}", log.streamId(), r.subscribe() ? "subscribing to" : "dropping", r.userId());
            send.accept(RtmsMessages.videoSubscription(r.userId(), r.subscribe(), now));
        }
    }
}
