package org.peerstack.demo.cli;

import org.peerstack.config.AudioMode;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.EchoBot;
import org.peerstack.demo.Room;
import picocli.CommandLine.Command;

@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Sends every remote track back to its sender and echoes data-channel messages.")
final class EchoCommand extends BotCommand {

    private EchoBot bot;

    @Override
    String kind() {
        return "echo";
    }

    @Override
    AudioMode audioMode() {
        return AudioMode.HEADLESS;
    }

    @Override
    Room.Handler open(PeerstackConfig config) {
        bot = new EchoBot();
        return bot;
    }

    @Override
    String status() {
        return bot.status();
    }
}
