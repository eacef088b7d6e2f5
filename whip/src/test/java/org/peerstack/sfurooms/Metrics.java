package org.peerstack.sfurooms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.peerstack.signaling.server.SignalingServer;

/** One scrape of a server's {@code /metrics} (Prometheus text format), read by sample name and labels. */
final class Metrics {

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Metrics(List<Sample> samples) {
        this.samples = samples;
    }

    static Metrics scrape(SignalingServer server) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics answered " + r.statusCode());
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0) {
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : body.split("\",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.put(pair.substring(0, eq), pair.substring(eq + 2).replaceAll("\"$", ""));
                    }
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new Metrics(samples);
    }

    boolean has(String name, Map<String, String> labels) {
        return samples.stream().anyMatch(s -> s.name.equals(name) && s.labels.equals(labels));
    }

    /** The sample with exactly these labels; fails when absent. */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name.equals(name) && s.labels.equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in /metrics")).value;
    }

    /** Every value the label {@code label} has in any sample. */
    Set<String> labelValues(String label) {
        Set<String> values = new TreeSet<>();
        samples.forEach(s -> {
            if (s.labels.containsKey(label)) {
                values.add(s.labels.get(label));
            }
        });
        return values;
    }
}
