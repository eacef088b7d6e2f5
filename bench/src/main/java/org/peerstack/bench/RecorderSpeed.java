package org.peerstack.bench;

/** Entry for {@code bench/run RecorderSpeed}: see {@link org.peerstack.bench.recorder.RecorderSpeed} and BENCHMARKS.md. */
public final class RecorderSpeed {

    private RecorderSpeed() {
    }

    public static void main(String[] args) throws Exception {
        org.peerstack.bench.recorder.RecorderSpeed.main(args);
    }
}
