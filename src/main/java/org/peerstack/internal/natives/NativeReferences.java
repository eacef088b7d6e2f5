package org.peerstack.internal.natives;

import dev.onvoid.webrtc.internal.NativeObject;
import dev.onvoid.webrtc.internal.RefCountedObject;
import java.lang.reflect.Field;

/**
 * Drops native references webrtc-java 0.14.0 takes and never gives back.
 *
 * <p>{@code PeerConnectionFactory.createPeerConnection} hands the Java object the only reference to the
 * native {@code PeerConnection}, and {@code RTCPeerConnection.close()} clears the handle without releasing
 * it: every closed connection leaked its whole native state (~0.45 MiB, measured with
 * {@code bench/run LeakSoak 300 100 raw}). This class reads the handle before {@code close()} and releases
 * that reference afterwards through webrtc-java's own {@code RefCountedObject.release()}, which calls
 * {@code webrtc::RefCountInterface::Release()} on it. Only for handles known to hold one reference of
 * their own; never for an object that is still in use.
 */
public final class NativeReferences {

    private static final Field HANDLE = handleField();

    private NativeReferences() {
    }

    private static Field handleField() {
        try {
            Field field = NativeObject.class.getDeclaredField("nativeHandle");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The native pointer behind {@code object}, or 0 when it cannot be read (then nothing is released). */
    public static long handleOf(NativeObject object) {
        if (HANDLE == null || object == null) {
            return 0;
        }
        try {
            return HANDLE.getLong(object);
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /** Releases one reference on the ref-counted native object at {@code handle}; 0 is ignored. */
    public static void release(long handle) {
        if (handle == 0 || HANDLE == null) {
            return;
        }
        Reference reference = new Reference();
        try {
            HANDLE.setLong(reference, handle);
        } catch (IllegalAccessException e) {
            return;
        }
        reference.release();
    }

    /** A throw-away Java handle through which one native reference is released. */
    private static final class Reference extends RefCountedObject {
    }
}
