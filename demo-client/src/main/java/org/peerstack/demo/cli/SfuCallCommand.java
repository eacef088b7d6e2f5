package org.peerstack.demo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peerstack.demo.OneCommandCall;
import org.peerstack.demo.SfuOneCommandCall;
import org.peerstack.exc.PeerstackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sfu", mixinStandardHelpOptions = true,
        description = "The one-command call through an SFU room: embedded signaling server with its SFU, a play bot "
                + "publishing to the SFU and a record bot receiving from it; records SECONDS to a WebM file and prints "
                + "what it measured. Exit 0 = it worked.")
final class SfuCallCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "10", description = "seconds to record (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--output", defaultValue = "recordings", description = "directory for the WebM file (default: ${DEFAULT-VALUE})")
    Path output;

    @Override
    public Integer call() throws Exception {
        try {
            return SfuOneCommandCall.run(new OneCommandCall.Options(seconds, output, System.out)).ok() ? 0 : 1;
        } catch (PeerstackException e) {
            System.out.println("RESULT: FAILED, " + e.errorName() + ": " + e.getMessage());
            return 1;
        }
    }
}
