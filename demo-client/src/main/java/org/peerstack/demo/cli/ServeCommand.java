package org.peerstack.demo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerstack.demo.StopSignal;
import org.peerstack.exc.PeerstackException;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the signaling server with the browser demo page (open the printed URL).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 = any free (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--web-dir", description = "the demo page's directory (default: demo-client/src/main/web)")
    Path webDir;

    @Override
    public Integer call() throws InterruptedException {
        StopSignal stop = StopSignal.install();
        try (SignalingServer server = SignalingServer.start(config(host, port, webDir))) {
            System.out.printf("peerstack demo: open %s in a browser (signaling at %s); Ctrl-C to stop%n",
                    server.httpUri(), server.uri());
            stop.await(java.time.Duration.ZERO);
            return 0;
        } catch (PeerstackException e) {
            System.err.println("serve: " + e.getMessage());
            return 2;
        } finally {
            stop.cleaned();
        }
    }

    /** Server configuration serving {@code webDir} (or the page found from the working directory). */
    static SignalingServerConfig config(String host, int port, Path webDir) {
        Map<String, String> keys = new HashMap<>();
        keys.put("server.host", host);
        keys.put("server.port", Integer.toString(port));
        keys.put("http.static-dir", (webDir != null ? webDir : defaultWebDir()).toString());
        return SignalingServerConfig.of(keys);
    }

    /** {@code demo-client/src/main/web} below the working directory or the jar's checkout. */
    static Path defaultWebDir() {
        Path relative = Path.of("demo-client", "src", "main", "web");
        if (Files.isDirectory(relative)) {
            return relative.toAbsolutePath();
        }
        String root = System.getenv("PEERSTACK_ROOT");
        return root != null ? Path.of(root).resolve(relative) : relative.toAbsolutePath();
    }
}
