package org.peerstack.sfu.recorder;

import java.time.Duration;
import java.util.Objects;
import org.peerstack.exc.TypeException;

/** Immutable settings of a passthrough recording; see {@link #newBuilder()}. */
public final class SfuRecordingOptions {

    /** Default media time between two writes to the file (a WebM Cluster / MP4 fragment each). */
    public static final Duration DEFAULT_FRAGMENT_INTERVAL = Duration.ofSeconds(1);
    /** Default time a missing packet is waited for (the SFU NACKs the publisher meanwhile). */
    public static final Duration DEFAULT_REORDER_DELAY = Duration.ofMillis(200);
    /** Default most video packets held while waiting for a missing one (audio: an eighth). */
    public static final int DEFAULT_REORDER_PACKETS = 256;
    /** Default capacity of the queue between the SFU's I/O thread and the recording's worker (packets). */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;

    private final SfuRecordingFormat format;
    private final Duration fragmentInterval;
    private final Duration reorderDelay;
    private final int reorderPackets;
    private final int queueCapacity;

    private SfuRecordingOptions(Builder b) {
        this.format = b.format;
        this.fragmentInterval = b.fragmentInterval;
        this.reorderDelay = b.reorderDelay;
        this.reorderPackets = b.reorderPackets;
        this.queueCapacity = b.queueCapacity;
    }

    public static SfuRecordingOptions defaults() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public SfuRecordingFormat format() {
        return format;
    }

    public Duration fragmentInterval() {
        return fragmentInterval;
    }

    public Duration reorderDelay() {
        return reorderDelay;
    }

    public int reorderPackets() {
        return reorderPackets;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public static final class Builder {
        private SfuRecordingFormat format = SfuRecordingFormat.AUTO;
        private Duration fragmentInterval = DEFAULT_FRAGMENT_INTERVAL;
        private Duration reorderDelay = DEFAULT_REORDER_DELAY;
        private int reorderPackets = DEFAULT_REORDER_PACKETS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

        public Builder format(SfuRecordingFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        public Builder fragmentInterval(Duration d) {
            this.fragmentInterval = Objects.requireNonNull(d, "fragmentInterval");
            return this;
        }

        public Builder reorderDelay(Duration d) {
            this.reorderDelay = Objects.requireNonNull(d, "reorderDelay");
            return this;
        }

        public Builder reorderPackets(int n) {
            this.reorderPackets = n;
            return this;
        }

        public Builder queueCapacity(int n) {
            this.queueCapacity = n;
            return this;
        }

        /** @throws TypeException for a value out of range */
        public SfuRecordingOptions build() {
            if (fragmentInterval.toMillis() < 100 || fragmentInterval.toMillis() > 60_000) {
                throw new TypeException("fragmentInterval must be 100 ms to 60 s, not " + fragmentInterval);
            }
            if (reorderDelay.isNegative() || reorderDelay.toMillis() > 5_000) {
                throw new TypeException("reorderDelay must be 0 to 5 s, not " + reorderDelay);
            }
            if (reorderPackets < 8 || reorderPackets > 4096) {
                throw new TypeException("reorderPackets must be 8 to 4096, not " + reorderPackets);
            }
            if (queueCapacity < 64 || queueCapacity > 1 << 20) {
                throw new TypeException("queueCapacity must be 64 to 1048576, not " + queueCapacity);
            }
            return new SfuRecordingOptions(this);
        }
    }
}
