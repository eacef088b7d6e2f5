package org.peerstack.bench;

/** Entry for {@code bench/run RecorderConcurrent}: see {@link org.peerstack.bench.recorder.RecorderConcurrent} and BENCHMARKS.md. */
public final class RecorderConcurrent {

    private RecorderConcurrent() {
    }

    public static void main(String[] args) throws Exception {
        org.peerstack.bench.recorder.RecorderConcurrent.main(args);
    }
}
