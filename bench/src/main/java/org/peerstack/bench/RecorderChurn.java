package org.peerstack.bench;

/** Entry for {@code bench/run RecorderChurn}: see {@link org.peerstack.bench.recorder.RecorderChurn} and BENCHMARKS.md. */
public final class RecorderChurn {

    private RecorderChurn() {
    }

    public static void main(String[] args) throws Exception {
        org.peerstack.bench.recorder.RecorderChurn.main(args);
    }
}
