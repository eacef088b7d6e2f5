package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.peerstack.exc.InvalidModificationException;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * Turns webrtc-java's observer callbacks ({@code onFailure(String)}) into futures completed with typed
 * exceptions. libwebrtc reports errors as text that starts with its {@code RTCErrorType}; the mapping
 * follows the W3C error names the same failures produce in browsers.
 */
public final class NativeResults {

    private NativeResults() {
    }

    /** An observer completing {@code future} with the created description. */
    public static CreateSessionDescriptionObserver created(CompletableFuture<RTCSessionDescription> future, String what) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(dev.onvoid.webrtc.RTCSessionDescription description) {
                future.complete(fromNative(description));
            }

            @Override
            public void onFailure(String error) {
                future.completeExceptionally(toException(what, error));
            }
        };
    }

    /** An observer completing {@code future} when a description was applied. */
    public static SetSessionDescriptionObserver applied(CompletableFuture<Void> future, String what) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                future.complete(null);
            }

            @Override
            public void onFailure(String error) {
                future.completeExceptionally(toException(what, error));
            }
        };
    }

    /**
     * The typed exception for something webrtc-java threw synchronously (it throws {@code java.lang.Error}
     * for SDP it cannot parse). JVM errors are rethrown untouched.
     */
    public static PeerstackException fromThrowable(String what, Throwable thrown) {
        if (thrown instanceof VirtualMachineError vme) {
            throw vme;
        }
        return toException(what, thrown.getMessage());
    }

    /** The typed exception for a libwebrtc error message. */
    public static PeerstackException toException(String what, String error) {
        String text = error == null ? "unknown error" : error;
        String lower = text.toLowerCase(Locale.ROOT);
        String message = what + " failed: " + text;
        if (lower.contains("wrong state") || lower.contains("invalid_state") || lower.contains("closed")) {
            return new InvalidStateException(message);
        }
        if (lower.contains("modified") || lower.contains("invalid_modification")) {
            return new InvalidModificationException(message);
        }
        if (lower.contains("parse") || lower.contains("syntax") || lower.contains("sdp")
                || lower.contains("create session description failed")) {
            return new OperationException("sdp-syntax-error", message);
        }
        return new OperationException(null, message);
    }

    public static RTCSessionDescription fromNative(dev.onvoid.webrtc.RTCSessionDescription description) {
        return new RTCSessionDescription(switch (description.sdpType) {
            case OFFER -> RTCSdpType.OFFER;
            case PR_ANSWER -> RTCSdpType.PRANSWER;
            case ANSWER -> RTCSdpType.ANSWER;
            case ROLLBACK -> RTCSdpType.ROLLBACK;
        }, description.sdp);
    }

    public static dev.onvoid.webrtc.RTCSessionDescription toNative(RTCSessionDescription description) {
        return new dev.onvoid.webrtc.RTCSessionDescription(switch (description.type()) {
            case OFFER -> dev.onvoid.webrtc.RTCSdpType.OFFER;
            case PRANSWER -> dev.onvoid.webrtc.RTCSdpType.PR_ANSWER;
            case ANSWER -> dev.onvoid.webrtc.RTCSdpType.ANSWER;
            case ROLLBACK -> dev.onvoid.webrtc.RTCSdpType.ROLLBACK;
        }, description.sdp());
    }
}
