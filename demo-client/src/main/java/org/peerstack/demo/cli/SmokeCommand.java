package org.peerstack.demo.cli;

import java.util.concurrent.Callable;
import org.peerstack.demo.SmokeCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = "Two raw libwebrtc peers in this process, no server: checks the natives and the network.")
final class SmokeCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "5", description = "seconds of media (default: ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() {
        return SmokeCall.run(seconds);
    }
}
