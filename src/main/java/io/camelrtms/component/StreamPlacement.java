package io.camelrtms.component;

import io.camelrtms.client.Outage;
import io.camelrtms.protocol.ControlMessage;
import java.util.List;

/**
 * Where the streams of the {@code rtms:} component run. The default, {@link #LOCAL}, runs every stream
 * on this node, as a single bundle does. A cluster (io.camelrtms.cluster, on Kafka) plugs in its own:
 * it sends each stream's control messages to the node that owns the stream, tells the component
 * which streams that node takes over or must leave, and records where each stream runs.
 *
 * <p>The component stays free of any cluster technology: it only asks the placement these questions.
 * Connection state stays in the stream's own state machine; a placement never touches a socket.
 */
public interface StreamPlacement {

    /** Every stream runs here: the behaviour of a bundle without a cluster. */
    StreamPlacement LOCAL = new StreamPlacement() {
    };

    /**
     * Takes a control message of one stream (started, stopped, interrupted) given to
     * {@code rtms:<channel>}. True when the placement sent it on to the stream's owner, which acts on it
     * through {@link RtmsComponent#act}; false (the default) to act on it here.
     *
     * @throws RuntimeException when it could not be sent on: the producer's exchange fails
     */
    default boolean forward(String channel, ControlMessage msg) {
        return false;
    }

    /** Whether this node may connect the stream now; false refuses a start here (the node is fenced). */
    default boolean mayRun(String streamId) {
        return true;
    }

    /**
     * Whether this node still holds its lease on the streams it runs, asked before each exchange reaches
     * the route. False once the lease is gone, even before the placement has fenced the streams off: a
     * process resumed after a pause runs the work it had queued at once, possibly before the thread that
     * notices the lost lease. What is not delivered then is what the fence would discard.
     */
    default boolean leased() {
        return true;
    }

    /** Whether a stopping component leaves its streams for others to rejoin, whatever its shutdown action. */
    default boolean handsOverOnStop() {
        return false;
    }

    /**
     * A stream began to run on this node (started, or rejoined after a restart or a takeover).
     *
     * @param started the start control message, with the server URL connected to
     * @param outages the windows without media before this node took it (takeovers), oldest first
     */
    default void running(String channel, ControlMessage started, List<Outage> outages) {
    }

    /** A stream that ran here ended for good (stopped or failed), not left for another node or a restart. */
    default void ended(String channel, String streamId) {
    }

    /** Whether this node has its share of the streams yet (a cluster: partitions assigned); readiness waits for it. */
    default boolean ready() {
        return true;
    }

    /** The node this component runs on, for status APIs; {@code null} without a cluster. */
    default String node() {
        return null;
    }
}
