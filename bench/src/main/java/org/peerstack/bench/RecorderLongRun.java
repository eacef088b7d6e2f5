package org.peerstack.bench;

/** Entry for {@code bench/run RecorderLongRun}: see {@link org.peerstack.bench.recorder.RecorderLongRun} and BENCHMARKS.md. */
public final class RecorderLongRun {

    private RecorderLongRun() {
    }

    public static void main(String[] args) throws Exception {
        org.peerstack.bench.recorder.RecorderLongRun.main(args);
    }
}
