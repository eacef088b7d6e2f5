package org.peerstack.bench.signaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link BenchServerMain} child JVM, started with this JVM's java and class path. */
final class ServerProcess implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int port;

    ServerProcess(String kind, int threads, String heap) throws IOException {
        this(kind, threads, heap, List.of());
    }

    /** {@code args}: more arguments for {@link BenchServerMain} after KIND and THREADS. */
    ServerProcess(String kind, int threads, String heap, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC"));
        // e.g. a JFR recording for profiling; %k becomes KIND-N (N counts the server JVMs started), so
        // that the throughput and idle-heap JVMs of each server write distinct files
        String extra = System.getenv("BENCH_SERVER_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            String label = kind + "-" + STARTED.incrementAndGet();
            command.addAll(List.of(extra.trim().replace("%k", label).split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServerMain.class.getName(), kind,
                Integer.toString(threads)));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        port = Integer.parseInt(expect("port"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the server process has used so far (nanoseconds, user + system). */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** Used heap of the server after full GCs (bytes). */
    long heap() throws IOException {
        in.println("heap");
        return Long.parseLong(expect("heap"));
    }

    private String expect(String key) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new IOException("benchmark server exited before printing '" + key + "'");
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        in.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
