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
    private org.peerstack.demo.SfuEcho sfuEcho;

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
        if (room.sfu) {
            sfuEcho = new org.peerstack.demo.SfuEcho();
            return sfuEcho;
        }
        bot = new EchoBot();
        return bot;
    }

    /** In an SFU room the echoes go out through the bot's publish connection ({@link org.peerstack.demo.SfuEcho}). */
    @Override
    void sfuJoined(org.peerstack.demo.SfuCall call) {
        sfuEcho.attach(call);
    }

    @Override
    void closeBot() {
        if (sfuEcho != null) {
            sfuEcho.close();
        }
    }

    @Override
    String status() {
        return sfuEcho != null ? sfuEcho.status() : bot.status();
    }
}
