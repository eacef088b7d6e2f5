package org.peerstack.sfu.internal.forward;

import java.util.List;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.SimulcastDescription;

/** The answer lines that accept a publisher's simulcast (RFC 8853 §5.3, RFC 8851, RFC 8852). */
final class Simulcast {

    private Simulcast() {
    }

    /**
     * Adds the rid and repaired-rid header extensions (the offer's ids) and {@code a=rid:<id> recv} /
     * {@code a=simulcast:recv} for a simulcast section by rid; nothing for a SIM group (its SSRCs say it all)
     * or without simulcast.
     */
    static void answer(List<String> lines, MediaParameters params, SimulcastDescription sim) {
        if (sim == null || !sim.byRid()) {
            return;
        }
        for (String uri : List.of(MediaParameters.EXT_RID, MediaParameters.EXT_REPAIRED_RID)) {
            int id = params.extensionId(uri);
            if (id > 0) {
                lines.add("a=extmap:" + id + " " + uri);
            }
        }
        lines.addAll(sim.answerLines());
    }
}
