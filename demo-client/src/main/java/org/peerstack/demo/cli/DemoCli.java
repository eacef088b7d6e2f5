package org.peerstack.demo.cli;

import java.io.PrintWriter;
import org.peerstack.exc.PeerstackException;
import org.peerstack.whip.WhipBot;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code peerstack-demo}, run as {@code ./run-demo}: the demo's single command line.
 *
 * <pre>
 * ./run-demo [SECONDS] [--output DIR]   the one-command real call (server + play bot + record bot)
 * ./run-demo serve                      signaling server + the browser demo page
 * ./run-demo echo|record|play|chat --server ws://HOST:PORT/signaling --room NAME
 * ./run-demo smoke [SECONDS]            two raw libwebrtc peers, no server
 * </pre>
 *
 * <p>Every failure a user can cause ends in one line on standard error and a non-zero exit status
 * ({@value #USAGE_ERROR} for a bad command line or configuration): never a stack trace.
 */
@Command(name = "./run-demo", mixinStandardHelpOptions = true, version = "peerstack-demo 0.1.0",
        customSynopsis = {
                "./run-demo [SECONDS] [--output DIR]   the one-command call: records SECONDS (default 10)",
                "       ./run-demo COMMAND [OPTIONS]          one of the commands below",
                "       ./run-demo COMMAND --help             a command's options"},
        description = "%npeerstack demo: a real WebRTC call in one command, the browser page's server, and headless bots.%n",
        subcommands = {CallCommand.class, ServeCommand.class, EchoCommand.class, RecordCommand.class,
                PlayCommand.class, ChatCommand.class, SmokeCommand.class, SfuCallCommand.class})
public final class DemoCli implements Runnable {

    /** Exit status of a bad command line, an unknown command or a bad configuration value. */
    public static final int USAGE_ERROR = 2;
    /** Width of the help text (characters); wide enough that no default value wraps mid-word. */
    static final int HELP_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the call (as {@code ./run-demo} runs it). */
    @Override
    public void run() {
        spec.commandLine().getOut().println(spec.commandLine().getUsageMessage());
    }

    /** The command line with the demo's help width and one-line error handling. */
    public static CommandLine commandLine() {
        RecordCommand.publishDefaultBitrate();
        CommandLine cli = new CommandLine(new DemoCli());
        // The WHIP/WHEP bots of peerstack-whip (docs/whip-whep.md), under the demo's names.
        cli.addSubcommand("whip-publish", new WhipBot.Publish());
        cli.addSubcommand("whep-play", new WhipBot.Play());
        cli.addSubcommand("whep-record", new WhipBot.Record());
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setParameterExceptionHandler(DemoCli::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(e, commandLine));
        return cli;
    }

    /** Runs {@code args} and returns the exit status (for tests; {@link #main} exits with it). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        int status = run(args);
        // libwebrtc attaches its threads as non-daemon threads; everything is closed by now, so leave.
        System.exit(status);
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException && cli.getParent() == null && args.length > 0
                && !args[0].startsWith("-")) {
            err.printf("./run-demo: '%s' is not a command. Commands: %s (./run-demo --help explains them;"
                    + " ./run-demo SECONDS runs the call)%n", args[0], String.join(", ", cli.getSubcommands().keySet()));
        } else {
            err.printf("%s: %s (see %s --help)%n", cli.getCommandSpec().qualifiedName(), e.getMessage(),
                    cli.getCommandSpec().qualifiedName());
        }
        return USAGE_ERROR;
    }

    private static int failed(Exception e, CommandLine cli) {
        String where = cli.getCommandSpec().qualifiedName();
        if (e instanceof PeerstackException p) {
            cli.getErr().printf("%s: %s: %s%n", where, p.errorName(), p.getMessage());
            return USAGE_ERROR;
        }
        cli.getErr().printf("%s: failed: %s%n", where, e);
        return 1;
    }
}
