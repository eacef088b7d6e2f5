package org.peerstack.demo.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.ChatBot;
import org.peerstack.demo.Room;
import org.peerstack.demo.StopSignal;
import picocli.CommandLine.Command;

@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Data-channel text chat from the terminal: type a line to send it to everyone in the room.")
final class ChatCommand extends BotCommand {

    private ChatBot bot;

    @Override
    String kind() {
        return "chat";
    }

    /** A status line every second would drown the conversation. */
    @Override
    java.time.Duration statusInterval() {
        return java.time.Duration.ZERO;
    }

    @Override
    Room.Handler open(PeerstackConfig config) {
        bot = new ChatBot(System.out);
        return bot;
    }

    @Override
    void sfuJoined(org.peerstack.demo.SfuCall call) {
        bot.attach(call);
    }

    @Override
    void whileJoined(StopSignal stop) throws InterruptedException {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank() && bot.send(line) == 0) {
                        System.out.println("* nobody to send to yet");
                    }
                }
            } catch (IOException e) {
                System.out.println("* terminal closed: " + e.getMessage());
            }
            stop.stop();
        }, "peerstack-demo-chat-input");
        reader.setDaemon(true);
        reader.start();
        stop.await(room.duration());
    }
}
