package org.peerstack.bench.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor: bench/pion/pion-forwarder (Pion v3's broadcast pattern, built offline by
 * bench/pion/build.sh) in its own process, driven over stdin/stdout. CPU is the whole process's.
 */
public final class PionTarget implements FanoutTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ABS_SEND_TIME = Pattern.compile("a=extmap:(\\d+) http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");

    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private int absSendTimeId;

    public PionTarget(Path binary, String address) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: run bench/pion/build.sh (needs golang-go and golang-github-pion-webrtc.v3-dev)");
        }
        process = new ProcessBuilder(binary.toString(), "-ip", address).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private synchronized JsonNode call(Map<String, Object> request) throws IOException {
        in.write(JSON.writeValueAsString(request) + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the Pion forwarder exited");
        }
        JsonNode reply = JSON.readTree(line);
        if (reply.has("error")) {
            throw new IOException("Pion forwarder: " + reply.get("error").asText());
        }
        return reply;
    }

    @Override
    public String publish(String offer) throws Exception {
        Matcher m = ABS_SEND_TIME.matcher(offer);
        absSendTimeId = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return call(Map.of("op", "publish", "sdp", offer)).get("sdp").asText();
    }

    @Override
    public Subscription subscribe() throws Exception {
        JsonNode r = call(Map.of("op", "subscribe"));
        int id = r.get("id").asInt();
        String offer = r.get("sdp").asText();
        return new Subscription() {
            @Override
            public String offer() {
                return offer;
            }

            @Override
            public void answer(String sdp) throws Exception {
                call(Map.of("op", "answer", "id", id, "sdp", sdp));
            }

            @Override
            public void close() {
                // the process ends with the benchmark
            }
        };
    }

    @Override
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public long forwarded() throws Exception {
        return call(Map.of("op", "count")).get("packets").asLong();
    }

    @Override
    public int absSendTimeId() {
        return absSendTimeId;
    }

    @Override
    public void close() {
        process.destroy();
    }

    @Override
    public String toString() {
        return "Pion v3.1.56 broadcast forwarder (pid " + process.pid() + ")";
    }
}
