package org.peerstack.sfu.internal.forward;

import java.util.List;

/**
 * One m-line a publisher sends on, as the SFU negotiated it: its mid, kind and the SFU's lines for it
 * (codec under the publisher's payload types, feedback, header extensions, simulcast) without the
 * transport lines, which are written for each SDP with the DTLS role of the moment ({@link #write}). The
 * same lines serve the SFU's answer to the publisher's offer and, for a room member's single connection,
 * the SFU's own later offers (a recvonly m-line in both). {@link #track} is the track it carries now;
 * null once that ended (the m-line is then {@code inactive} until the publisher sends on it again).
 * A rejected m-line (nothing the SFU forwards) is written with port 0 for ever. I/O thread only.
 */
final class PublishedMedia {

    final String mid;
    final String kind;
    /** The m-line's protocol and formats as offered (rejected m-lines echo the first). */
    private final String protocol;
    private final String firstFormat;
    /** The formats the SFU accepted ("96 97"), or null for a rejected m-line. */
    private String formats;
    /** Codec, feedback, extension and simulcast lines; empty for a rejected m-line. */
    private List<String> body = List.of();
    /** The track carried now, or null (rejected, or the publisher stopped sending on it). */
    PublishedTrack track;

    PublishedMedia(String mid, String kind, String protocol, String firstFormat) {
        this.mid = mid;
        this.kind = kind;
        this.protocol = protocol;
        this.firstFormat = firstFormat;
    }

    /** Accepts the m-line with {@code formats} and {@code body}. */
    void accept(String acceptedFormats, List<String> lines) {
        this.formats = acceptedFormats;
        this.body = List.copyOf(lines);
    }

    boolean rejected() {
        return formats == null;
    }

    /**
     * Writes the m-line: rejected ones with port 0; else the SFU's port and address, {@code recvonly} while
     * a track is carried and {@code inactive} after it ended, the transport lines with {@code setup}, the
     * body, the candidates. Adds the mid to {@code bundle} unless rejected.
     */
    void write(List<String> out, List<String> bundle, PeerTransport transport, MediaEngine engine, String setup) {
        if (rejected()) {
            out.add("m=" + kind + " 0 " + protocol + " " + firstFormat);
            out.add("c=IN IP4 0.0.0.0");
            out.add("a=mid:" + mid);
            out.add("a=inactive");
            return;
        }
        bundle.add(mid);
        out.add("m=" + kind + " " + engine.announcedPort() + " UDP/TLS/RTP/SAVPF " + formats);
        out.add(SdpLines.connection(engine.announcedAddresses().get(0)));
        out.add("a=mid:" + mid);
        out.add(track != null ? "a=recvonly" : "a=inactive");
        SdpLines.transport(out, transport, engine, setup);
        out.add("a=rtcp-mux");
        out.addAll(body);
        SdpLines.candidates(out, engine);
    }
}
