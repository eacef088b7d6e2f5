package org.peerstack.bench.sfu;

/** What SfuFanout ramps: a forwarder that answers a publisher and offers to subscribers. */
public interface FanoutTarget extends AutoCloseable {

    /** Answers the publisher's offer. */
    String publish(String offer) throws Exception;

    /** A new subscriber slot. */
    Subscription subscribe() throws Exception;

    /** CPU time of the forwarding thread(s) or process, in nanoseconds. */
    long cpuNanos();

    /** RTP packets forwarded to subscribers so far. */
    long forwarded() throws Exception;

    /** The abs-send-time extension id on packets the subscribers receive. */
    int absSendTimeId();

    /** Starts a window of the forwarder's own added delay (no-op where it is not measured). */
    default void resetOwnDelay() throws Exception {
    }

    /**
     * The forwarder's own added delay over the window, from receipt of a packet to the return of the
     * system call that sent each copy, in milliseconds: {p50, p99} by the wall clock, then {p50, p99} by
     * the forwarding thread's CPU clock; NaN where it is not measured.
     */
    default double[] ownDelayMillis() throws Exception {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }

    /** One subscriber's signaling with the forwarder (the forwarder offers). */
    interface Subscription {
        String offer() throws Exception;

        void answer(String sdp) throws Exception;

        void close();
    }
}
