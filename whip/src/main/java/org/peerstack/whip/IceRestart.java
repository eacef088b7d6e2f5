package org.peerstack.whip;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * The client's side of an ICE restart over WHIP/WHEP (RFC 9725 §4.3.2) for a connection that made the
 * offer: {@code restartIce()} and a new offer with new credentials (applied locally), a {@code PATCH}
 * with {@code If-Match: "*"} carrying them as {@code application/trickle-ice-sdpfrag}, and the server's
 * new ufrag/pwd from the 200 put into the remote answer, which is applied again. Completes with the
 * session's new ETag.
 */
final class IceRestart {

    private static final Pattern UFRAG = Pattern.compile("(?m)^a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("(?m)^a=ice-pwd:(\\S+)");

    private IceRestart() {
    }

    static CompletableFuture<String> run(RTCPeerConnection pc, URI session, String bearerToken) {
        pc.restartIce();
        return pc.createOffer(true)
                .thenCompose(offer -> pc.setLocalDescription(offer).thenApply(v -> offer))
                .thenCompose(offer -> WhipHttp.send(WhipHttp.request(session, bearerToken)
                        .header("Content-Type", WhipHttp.SDPFRAG)
                        .header("If-Match", "*")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment(offer.sdp()))).build(), 200))
                .thenCompose(response -> {
                    String ufrag = first(UFRAG, response.body());
                    String pwd = first(PWD, response.body());
                    if (ufrag == null || pwd == null) {
                        throw new WhipHttpException(200, OptionalLong.empty(), "the ICE restart's 200 has no a=ice-ufrag/a=ice-pwd");
                    }
                    String answer = pc.remoteDescription().sdp()
                            .replaceAll("(?m)^a=ice-ufrag:\\S+", "a=ice-ufrag:" + ufrag)
                            .replaceAll("(?m)^a=ice-pwd:\\S+", "a=ice-pwd:" + pwd);
                    String etag = response.headers().firstValue("ETag").orElse(null);
                    return pc.setRemoteDescription(RTCSessionDescription.answer(answer)).thenApply(v -> etag);
                });
    }

    /** The sdpfrag of an offer: its ICE credentials, BUNDLE group, m-lines with mids (RFC 8840 §4.4). */
    static String fragment(String sdp) {
        StringBuilder b = new StringBuilder();
        String ufrag = first(UFRAG, sdp);
        String pwd = first(PWD, sdp);
        b.append("a=ice-ufrag:").append(ufrag).append("\r\n").append("a=ice-pwd:").append(pwd).append("\r\n");
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=group:BUNDLE") || line.startsWith("m=") || line.startsWith("a=mid:")) {
                b.append(line).append("\r\n");
            }
        }
        return b.toString();
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }
}
