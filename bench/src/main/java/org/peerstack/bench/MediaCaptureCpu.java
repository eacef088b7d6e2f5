package org.peerstack.bench;

/** Entry for {@code bench/run MediaCaptureCpu [runs] [seconds]}; see {@link org.peerstack.bench.media.MediaCaptureCpu}. */
public final class MediaCaptureCpu {

    private MediaCaptureCpu() {
    }

    public static void main(String[] args) throws Exception {
        org.peerstack.bench.media.MediaCaptureCpu.main(args);
    }
}
