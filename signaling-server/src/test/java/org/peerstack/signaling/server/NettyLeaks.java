package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Netty's leak detector at PARANOID (every buffer tracked) with its reports captured: a test creates
 * one before its server and calls {@link #assertNoLeaks()} after closing it.
 */
final class NettyLeaks implements AutoCloseable {

    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();

    NettyLeaks() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        reports.start();
        logger.addAppender(reports);
    }

    /** Collects garbage and lets the detector report what was dropped unreleased; fails on any report. */
    void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            // the detector reports collected, unreleased buffers when the next buffer is tracked
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            probe.release();
        }
        List<String> leaks = reports.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK")).toList();
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }

    @Override
    public void close() {
        logger.detachAppender(reports);
        ResourceLeakDetector.setLevel(previous);
    }
}
