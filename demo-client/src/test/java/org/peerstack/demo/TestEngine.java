package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import org.peerstack.rtc.WebRtcEngine;

/**
 * The one engine (headless audio mode) every test of this JVM uses, closed at exit. A second engine in
 * the same process decoded no remote audio here (jitterBufferEmittedCount stayed 0), so the tests share
 * one, as the one-command call does.
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
