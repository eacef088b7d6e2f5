package org.peerstack.demo.exits;

/** Loads webrtc-java's native library directly, bypassing peerstack, and returns: the bare upstream behaviour. */
public final class LoadOnlyProgram {

    private LoadOnlyProgram() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("dev.onvoid.webrtc.PeerConnectionFactory");
        System.out.println("loaded");
    }
}
