package org.peerstack.demo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code peerstack-demo}: the demo's single command line. {@code ./run-demo} runs {@code call}.
 *
 * <pre>
 * peerstack-demo call [SECONDS]        the one-command real call (server + play bot + record bot)
 * peerstack-demo serve                 signaling server + the browser demo page
 * peerstack-demo echo|record|play|chat --server ws://HOST:PORT/signaling --room NAME
 * peerstack-demo smoke [SECONDS]       two raw libwebrtc peers, no server
 * </pre>
 */
@Command(name = "peerstack-demo", mixinStandardHelpOptions = true, version = "peerstack-demo 0.1.0",
        description = "peerstack demo: headless WebRTC bots, the browser page's server, and a one-command call.",
        subcommands = {CallCommand.class, ServeCommand.class, EchoCommand.class, RecordCommand.class,
                PlayCommand.class, ChatCommand.class, SmokeCommand.class})
public final class DemoCli implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print the usage and fail. */
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        int status = new CommandLine(new DemoCli()).execute(args);
        // libwebrtc attaches its threads as non-daemon threads; everything is closed by now, so leave.
        System.exit(status);
    }
}
