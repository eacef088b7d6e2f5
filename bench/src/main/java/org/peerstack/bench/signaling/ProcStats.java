package org.peerstack.bench.signaling;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scheduler counters of processes, summed over their threads (Linux {@code /proc}): the time threads
 * were runnable but waited for a CPU ({@code schedstat} run delay) and the context switches. On a
 * shared 2-core machine the run-queue wait is what turns a chain of thread hand-overs into tail latency.
 *
 * @param runDelayNanos total time the threads waited in a run queue (nanoseconds)
 * @param switches      voluntary + involuntary context switches
 */
record ProcStats(long runDelayNanos, long switches) {

    /** The counters now, summed over {@code pids} (threads that ended since are not counted). */
    static ProcStats of(long... pids) {
        long delay = 0;
        long switches = 0;
        for (long pid : pids) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    try {
                        String[] schedstat = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                        delay += Long.parseLong(schedstat[1]);
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // not Linux, or the process ended
            }
        }
        return new ProcStats(delay, switches);
    }

    ProcStats minus(ProcStats before) {
        return new ProcStats(runDelayNanos - before.runDelayNanos, switches - before.switches);
    }
}
