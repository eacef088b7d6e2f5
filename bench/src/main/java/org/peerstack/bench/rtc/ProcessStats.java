package org.peerstack.bench.rtc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process-wide figures read from /proc and the JVM: RSS, OS thread count, CPU time. */
public final class ProcessStats {

    private ProcessStats() {
    }

    /** Resident set size in MiB. */
    public static double rssMiB() {
        return statusValue("VmRSS:") / 1024.0;
    }

    /** OS threads of this process (Java and native). */
    public static long threads() {
        return statusValue("Threads:");
    }

    /** CPU time used by the whole process so far, in nanoseconds. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long statusValue(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(key + " not in /proc/self/status");
    }
}
