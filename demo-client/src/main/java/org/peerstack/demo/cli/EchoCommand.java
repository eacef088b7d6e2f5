package org.peerstack.demo.cli;

import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.EchoBot;
import org.peerstack.demo.Room;
import org.peerstack.internal.natives.NativeFactory;
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
    NativeFactory.AudioMode audioMode() {
        return NativeFactory.AudioMode.HEADLESS;
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
