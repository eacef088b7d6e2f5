package org.peerstack.internal.natives;

import java.util.concurrent.atomic.AtomicReference;
import org.peerstack.exc.NativeLibraryException;

/**
 * Loads webrtc-java's native library exactly once, before any other webrtc-java class is touched.
 *
 * <p>webrtc-java loads its {@code .so} only from the static initialisers of some classes; touching
 * {@code NativeI420Buffer} or {@code CustomVideoSource} first fails with {@link UnsatisfiedLinkError}.
 * Every peerstack entry point that uses native code calls {@link #load()} first. A failure is turned
 * into a {@link NativeLibraryException} that names the missing system library, and is remembered so
 * later calls fail the same way instead of with a confusing {@link NoClassDefFoundError}.
 */
public final class WebRtcNatives {

    private static final AtomicReference<Object> STATE = new AtomicReference<>();
    private static final Object LOADED = new Object();

    private WebRtcNatives() {
    }

    /** Loads the library if needed. Thread-safe and cheap after the first call. */
    public static void load() {
        Object state = STATE.get();
        if (state == LOADED) {
            return;
        }
        synchronized (WebRtcNatives.class) {
            state = STATE.get();
            if (state == null) {
                state = tryLoad();
                STATE.set(state);
            }
        }
        if (state instanceof NativeLibraryException failure) {
            throw new NativeLibraryException(failure.getMessage(), failure);
        }
    }

    private static Object tryLoad() {
        try {
            // The class initialiser of PeerConnectionFactory runs NativeLoader.loadLibrary("webrtc-java").
            Class.forName("dev.onvoid.webrtc.PeerConnectionFactory", true, WebRtcNatives.class.getClassLoader());
            QuietExit.install();
            return LOADED;
        } catch (ClassNotFoundException e) {
            return new NativeLibraryException("webrtc-java is not on the classpath", e);
        } catch (LinkageError | RuntimeException e) {
            return new NativeLibraryException(describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder("cannot load the webrtc-java native library");
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("libpulse")) {
                return text.append(": libpulse.so.0 is missing; install the system package libpulse0 ")
                        .append("(scripts/install-system-deps.sh does)").toString();
            }
            if (t.getCause() == null) {
                text.append(": ").append(t);
            }
        }
        return text.toString();
    }
}
