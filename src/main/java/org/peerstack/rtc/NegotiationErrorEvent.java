package org.peerstack.rtc;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;
import org.peerstack.exc.TypeException;

/**
 * {@link PerfectNegotiation#ERROR}: a description from the remote peer could not be applied (libwebrtc
 * refused the offer or answer, e.g. a header-extension id used twice in one BUNDLE group), or the answer to
 * an applied offer could not be made. The remote peer is waiting for an answer that will not come: tell it
 * (the demo bots send it a signaling message naming {@link #reason()}), hang up, or retry.
 */
public final class NegotiationErrorEvent extends Event {

    private final RTCSdpType descriptionType;
    private final Throwable error;

    /**
     * @param descriptionType the type of the remote description that failed ({@code offer}, {@code answer})
     * @param error           why (a typed exception from {@code org.peerstack.exc})
     * @throws TypeException if a required member is missing
     */
    public NegotiationErrorEvent(EventType<NegotiationErrorEvent> type, Object target, RTCSdpType descriptionType,
                                 Throwable error) {
        super(type, target);
        this.descriptionType = required(descriptionType, "NegotiationErrorEvent", "descriptionType");
        this.error = required(error, "NegotiationErrorEvent", "error");
    }

    /** The type of the remote description that was refused. */
    public RTCSdpType descriptionType() {
        return descriptionType;
    }

    /** The failure as libwebrtc reported it. */
    public Throwable error() {
        return error;
    }

    /** A one-line reason for a human or a signaling message, e.g. libwebrtc's own error text. */
    public String reason() {
        String message = error.getMessage();
        return message != null && !message.isBlank() ? message : error.getClass().getSimpleName();
    }
}
