package org.peerstack.exc;

/**
 * The native WebRTC library could not be loaded or initialised. The message names the missing system
 * library where it can (libwebrtc needs {@code libpulse0} among others; see README, "Requirements").
 */
public final class NativeLibraryException extends PeerstackException {

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NativeLibraryError";
    }
}
