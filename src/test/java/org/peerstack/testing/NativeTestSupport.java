package org.peerstack.testing;

import org.peerstack.config.AudioMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peerstack.internal.natives.NativeFactory;
import org.peerstack.internal.natives.WebRtcNatives;

/**
 * The one shared helper for tests that use libwebrtc. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NativeTestSupport natives = NativeTestSupport.withAudio(AudioMode.DUMMY);
 * }</pre>
 *
 * <p>Before the class it announces which network the JVM is on (see {@link NetworkNamespace}), loads
 * the native library (a missing {@code libpulse0} fails with a message that says so) and builds a
 * {@link NativeFactory}, whose audio device module can never abort the JVM. Everything the tests hand
 * to {@link #register(AutoCloseable)} is closed after the class in reverse order of registration,
 * before the factory and then its audio device module are disposed: the teardown order libwebrtc
 * needs. A failure while closing fails the class instead of being swallowed.
 */
public final class NativeTestSupport implements BeforeAllCallback, AfterAllCallback {

    private final AudioMode audioMode;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private NativeFactory factory;

    private NativeTestSupport(AudioMode audioMode) {
        this.audioMode = audioMode;
    }

    public static NativeTestSupport withAudio(AudioMode audioMode) {
        return new NativeTestSupport(audioMode);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        NetworkNamespace.announce();
        WebRtcNatives.load();
        factory = NativeFactory.create(audioMode);
    }

    /** The class's factory; valid between beforeAll and afterAll. */
    public NativeFactory factory() {
        if (factory == null) {
            throw new IllegalStateException("NativeTestSupport must be registered as a static @RegisterExtension field");
        }
        return factory;
    }

    /** Closes {@code resource} after the class, before the factory; returns it for chaining. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<Exception> failures = new ArrayList<>();
        synchronized (this) {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }
        if (factory != null) {
            factory.close();
            factory = null;
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
