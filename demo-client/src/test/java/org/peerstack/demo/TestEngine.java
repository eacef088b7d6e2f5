package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import org.peerstack.rtc.WebRtcEngine;

/**
 * The engine (headless audio mode) the tests of this JVM share, closed at exit: one factory and its
 * threads instead of one per test. Tests that need an engine of their own (e.g. one that only receives)
 * create it.
 */
public final class TestEngine {

    private static WebRtcEngine engine;

    private TestEngine() {
    }

    public static synchronized WebRtcEngine get() {
        if (engine == null) {
            engine = WebRtcEngine.create(DemoConfig.load(AudioMode.HEADLESS));
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "test-engine-close"));
        }
        return engine;
    }
}
