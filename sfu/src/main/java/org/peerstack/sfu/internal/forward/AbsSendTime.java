package org.peerstack.sfu.internal.forward;

/** The header extension id the SFU offers subscribers for abs-send-time (the only extension it writes). */
final class AbsSendTime {

    static final int ID = 3;

    private AbsSendTime() {
    }
}
