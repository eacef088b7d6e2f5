package org.peerstack.exc;

/**
 * The native WebRTC library could not be loaded or initialised. The message names the missing system
 * library where it can (libwebrtc needs {@code libpulse0} among others; see README, "Requirements").
 */
public final class NativeLibraryException extends PeerstackException {

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NativeLibraryError";
    }
}
