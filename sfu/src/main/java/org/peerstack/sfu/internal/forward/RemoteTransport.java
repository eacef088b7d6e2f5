package org.peerstack.sfu.internal.forward;

import java.util.Locale;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * The transport parameters a remote description carries (RFC 8839 ICE ufrag/pwd, RFC 8122 fingerprint,
 * RFC 8842 setup) and the DTLS role the SFU takes from them: as the answerer of {@code actpass} the
 * configured role, of {@code active} the server, of {@code passive} the client; as the offerer, the
 * opposite of the answer's role. Once a connection's role is set it is kept: later offers and answers
 * by the SFU say {@code active} (client) or {@code passive} (server), later remote descriptions only
 * have to agree.
 *
 * @param ufrag       the remote's ICE username fragment
 * @param fingerprint the remote's sha-256 certificate fingerprint
 * @param weAreClient whether the SFU is the DTLS client
 */
record RemoteTransport(String ufrag, String fingerprint, boolean weAreClient) {

    /** Parses a remote offer; {@code established} is the connection's role (null before the first negotiation). */
    static RemoteTransport ofOffer(SessionDescription offer, MediaEngine engine, Boolean established) {
        String ufrag = required(offer, "ice-ufrag");
        required(offer, "ice-pwd");
        String fingerprint = fingerprint(offer);
        String setup = offer.attributeAnywhere("setup").orElse("actpass");
        boolean weAreClient = switch (setup) {
            case "passive" -> true;
            case "active" -> false;
            case "actpass" -> established != null ? established
                    : engine.config().roleForActpass() == SfuConfig.DtlsRole.CLIENT;
            default -> throw new OperationException("sdp-syntax-error", "Invalid SDP: a=setup:" + setup);
        };
        if (established != null && established != weAreClient) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: a=setup:" + setup
                    + " would change the DTLS role of the connection (RFC 8842 §5.5: keep it, or offer actpass)");
        }
        return new RemoteTransport(ufrag, fingerprint, weAreClient);
    }

    /** Parses a remote answer to the SFU's offer (which said actpass). */
    static RemoteTransport ofAnswer(SessionDescription answer) {
        String ufrag = required(answer, "ice-ufrag");
        String fingerprint = fingerprint(answer);
        String setup = answer.attributeAnywhere("setup").orElse("active");
        if (!setup.equals("active") && !setup.equals("passive")) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: an answer must say a=setup:active or passive, not " + setup);
        }
        return new RemoteTransport(ufrag, fingerprint, setup.equals("passive"));
    }

    /** The setup value of the SFU's own description once the role is {@code weAreClient}. */
    static String setupFor(boolean weAreClient) {
        return weAreClient ? "active" : "passive";
    }

    String localSetup() {
        return setupFor(weAreClient);
    }

    /** Configures the transport (the first time; later calls keep the established DTLS association). */
    void configure(PeerTransport transport) {
        transport.configureRemote(ufrag, fingerprint, weAreClient);
    }

    private static String fingerprint(SessionDescription sdp) {
        String fingerprint = required(sdp, "fingerprint");
        if (!fingerprint.toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: only sha-256 fingerprints are supported");
        }
        return fingerprint;
    }

    private static String required(SessionDescription sdp, String attribute) {
        return sdp.attributeAnywhere(attribute).orElseThrow(
                () -> new OperationException("sdp-syntax-error", "Invalid SDP: a=" + attribute + " is missing"));
    }
}
