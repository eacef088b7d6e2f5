package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;

/**
 * The JSON codec, rate limiter and room logic in {@link EmbeddedChannel}s: frames in, frames out,
 * everything read is released, and each channel ends with {@code finish()}.
 */
class PipelineTest {

    private final SignalingServerConfig config = SignalingServerConfig.of(Map.of("limits.max-messages-per-second", "3",
            "limits.message-burst", "0", "limits.max-members-per-room", "2"));
    private final RoomRegistry rooms = new RoomRegistry(10, 2);
    private final ServerMetrics metrics = new ServerMetrics(rooms);
    private final JsonCodec json = new JsonCodec(SignalingCodec.create(config.limits().streamReadConstraints()), metrics);

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    private EmbeddedChannel peer() {
        return peer(config.limits().maxMessagesPerSecond());
    }

    private EmbeddedChannel peer(int messagesPerSecond) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new RateLimiter(messagesPerSecond, config.limits().messageBurst(), metrics), json,
                new PeerHandler(rooms, config.limits(), config.auth(), metrics, new ClientFaults(metrics), 10_000, Clock.systemUTC()));
        channel.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete(
                "/signaling", new DefaultHttpHeaders(), SignalingMessage.SUBPROTOCOL));
        return channel;
    }

    /** Sends {@code text} and returns its frame, to check that the server released it. */
    private static TextWebSocketFrame send(EmbeddedChannel channel, String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        channel.writeInbound(frame);
        channel.runPendingTasks();
        return frame;
    }

    private static JsonNode read(EmbeddedChannel channel) throws Exception {
        return RawSocket.JSON.readTree(readText(channel));
    }

    @Test
    void codecDecodesTextFramesAndEncodesMessagesAsTextFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(json);
        String offer = "{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"s\"} ";
        assertThat(channel.writeInbound(new TextWebSocketFrame(offer))).isTrue();
        Relayable relayable = channel.readInbound();
        assertThat(relayable.message()).isEqualTo(new SignalingMessage.Offer("b", null, "s"));
        String held = new String(relayable.json(), StandardCharsets.UTF_8);
        assertThat(held).as("the bytes it arrived in, then room for the stamp").isEqualTo(offer + " ".repeat(FromStamp.SLACK));
        TextWebSocketFrame stamped = new FromStamp("AbCdEfGhIjKl").frame(relayable.json());
        assertThat(stamped.content().array()).as("stamped in place, no second copy").isSameAs(relayable.json());
        assertThat(stamped.text()).isEqualTo("{\"type\":\"offer\",\"to\":\"b\",\"sdp\":\"s\",\"from\":\"AbCdEfGhIjKl\"}");
        stamped.release();
        byte[] tight = offer.getBytes(StandardCharsets.UTF_8);
        TextWebSocketFrame copied = new FromStamp("AbCdEfGhIjKl").frame(tight);
        assertThat(copied.text()).as("no room: stamped into a new array").endsWith("\"sdp\":\"s\",\"from\":\"AbCdEfGhIjKl\"}");
        assertThat(new String(tight, StandardCharsets.UTF_8)).as("and the original is left as it was").isEqualTo(offer);
        copied.release();
        // a member named from (even escaped, even null) or an escape: the record only, to be encoded again
        for (String forged : new String[] {"{\"type\":\"bye\",\"to\":\"b\",\"from\":null}",
                "{\"type\":\"bye\",\"to\":\"b\",\"fr\\u006fm\":\"x\"}", "{\"type\":\"bye\",\"to\":\"\\u0062\"}"}) {
            channel.writeInbound(new TextWebSocketFrame(forged));
            assertThat((Object) channel.readInbound()).as(forged).isInstanceOf(SignalingMessage.Bye.class);
        }
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"ping\"}"));
        assertThat((Object) channel.readInbound()).isEqualTo(new SignalingMessage.Ping());
        assertThat(channel.writeOutbound(new SignalingMessage.Offer("b", "a", "s"))).isTrue();
        TextWebSocketFrame frame = channel.readOutbound();
        assertThat(frame.text()).isEqualTo("{\"type\":\"offer\",\"to\":\"b\",\"from\":\"a\",\"sdp\":\"s\"}");
        frame.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void codecTurnsGarbageAndBinaryIntoRejectionsWithoutThrowing() {
        EmbeddedChannel channel = new EmbeddedChannel(json);
        channel.writeInbound(new TextWebSocketFrame("{oops"));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 1})));
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"warp\"}"));
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})));
        assertThat(((Rejected) channel.readInbound()).code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(((Rejected) channel.readInbound()).code()).isEqualTo(ErrorCode.UNSUPPORTED_FRAME);
        assertThat(((Rejected) channel.readInbound()).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        Rejected notUtf8 = channel.readInbound();
        assertThat(notUtf8.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(notUtf8.closeCode()).isEqualTo(1007);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void roomLogicJoinsRelaysWithStampedFromAndAnnouncesLeaves() throws Exception {
        EmbeddedChannel alice = peer();
        EmbeddedChannel bob = peer();
        send(alice, "{\"type\":\"join\",\"room\":\"r\",\"name\":\"A\"}");
        JsonNode aliceJoined = read(alice);
        assertThat(aliceJoined.path("type").asText()).isEqualTo("joined");
        String aliceId = aliceJoined.path("id").asText();
        send(bob, "{\"type\":\"join\",\"room\":\"r\"}");
        JsonNode bobJoined = read(bob);
        String bobId = bobJoined.path("id").asText();
        assertThat(bobJoined.path("members").get(0).path("id").asText()).isEqualTo(aliceId);
        assertThat(read(alice).path("type").asText()).isEqualTo("peer-joined");

        send(bob, "{\"type\":\"candidate\",\"to\":\"" + aliceId + "\",\"from\":\"forged\",\"candidate\":\"c\"}");
        JsonNode relayed = read(alice);
        assertThat(relayed.path("from").asText()).isEqualTo(bobId);
        assertThat(relayed.path("candidate").asText()).isEqualTo("c");

        EmbeddedChannel carol = peer();
        send(carol, "{\"type\":\"join\",\"room\":\"r\"}");
        assertThat(read(carol).path("code").asText()).isEqualTo("room-full");

        bob.close();
        JsonNode left = read(alice);
        assertThat(left.path("type").asText()).isEqualTo("peer-left");
        assertThat(left.path("id").asText()).isEqualTo(bobId);
        send(alice, "{\"type\":\"leave\"}");
        assertThat(read(alice).path("type").asText()).isEqualTo("left");
        assertThat(rooms.roomCount()).isZero();
        assertThat(alice.finish()).isFalse();
        assertThat(carol.finish()).isFalse();
    }

    @Test
    void relayForwardsTheSendersBytesWithOnlyTheServersFromAdded() throws Exception {
        EmbeddedChannel alice = peer(1000);
        EmbeddedChannel bob = peer(1000);
        send(alice, "{\"type\":\"join\",\"room\":\"r\"}");
        String aliceId = read(alice).path("id").asText();
        send(bob, "{\"type\":\"join\",\"room\":\"r\"}");
        String bobId = read(bob).path("id").asText();
        read(alice); // peer-joined

        String sent = "{ \"type\" : \"offer\", \"to\":\"" + aliceId + "\",\"sdp\":\"v=0\\r\\n\",\"future\":[1,{\"x\":2}] }\n";
        assertThat(send(bob, sent).refCnt()).as("released after the relay").isZero();
        assertThat(readText(alice)).as("the sender's bytes up to the brace, then from")
                .isEqualTo(sent.substring(0, sent.lastIndexOf('}')) + ",\"from\":\"" + bobId + "\"}");

        // forged: a null from, an escaped from, a from inside app data; each reaches alice with one from, bob's
        for (String forged : new String[] {
                "{\"type\":\"bye\",\"to\":\"" + aliceId + "\",\"from\":null}",
                "{\"type\":\"bye\",\"to\":\"" + aliceId + "\",\"\\u0066rom\":\"mallory\"}",
                "{\"type\":\"message\",\"data\":{\"from\":\"inner\"}}"}) {
            assertThat(send(bob, forged).refCnt()).isZero();
            String text = readText(alice);
            JsonNode relayed = STRICT.readTree(text);
            assertThat(relayed.path("from").asText()).as(text).isEqualTo(bobId);
        }
        // a broadcast to a room of two reaches the one other member; nothing is left unreleased (finish)
        assertThat(send(bob, "{\"type\":\"message\",\"data\":\"hi\"}").refCnt()).isZero();
        assertThat(STRICT.readTree(readText(alice)).path("from").asText()).isEqualTo(bobId);
        assertThat(alice.finish()).isFalse();
        assertThat(STRICT.readTree(readText(bob)).path("type").asText()).isEqualTo("peer-left");
        assertThat(bob.finish()).isFalse();
    }

    @Test
    void textThatIsNotUtf8IsAnsweredThenClosedWith1007() throws Exception {
        EmbeddedChannel channel = peer();
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})));
        channel.runPendingTasks();
        assertThat(read(channel).path("code").asText()).isEqualTo("bad-message");
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1007);
        close.release();
        assertThat(channel.isOpen()).isFalse();
        channel.finish();
    }

    /** A parser that refuses repeated member names, so "one from" is checked, not assumed. */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static String readText(EmbeddedChannel channel) {
        channel.runPendingTasks();
        Object out = channel.readOutbound();
        assertThat(out).as("an outbound frame").isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame frame = (TextWebSocketFrame) out;
        try {
            return frame.text();
        } finally {
            frame.release();
        }
    }

    @Test
    void rateLimiterDropsTheExcessAndReportsItOnce() throws Exception {
        EmbeddedChannel channel = peer();
        for (int i = 0; i < 10; i++) {
            send(channel, "{\"type\":\"ping\"}");
        }
        int pongs = 0;
        int limited = 0;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            TextWebSocketFrame frame = (TextWebSocketFrame) out;
            String type = RawSocket.JSON.readTree(frame.text()).path("type").asText();
            frame.release();
            if (type.equals("pong")) {
                pongs++;
            } else {
                limited++;
            }
        }
        assertThat(pongs).isEqualTo(3);
        assertThat(limited).isEqualTo(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void unauthorizedJoinIsAnsweredThenClosedWith1008() throws Exception {
        SignalingServerConfig withAuth = SignalingServerConfig.of(Map.of("auth.secret", "x".repeat(32)));
        EmbeddedChannel channel = new EmbeddedChannel(json,
                new PeerHandler(rooms, withAuth.limits(), withAuth.auth(), metrics, new ClientFaults(metrics), 10_000, Clock.systemUTC()));
        channel.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete(
                "/signaling", new DefaultHttpHeaders(), SignalingMessage.SUBPROTOCOL));
        send(channel, "{\"type\":\"join\",\"room\":\"r\"}");
        assertThat(read(channel).path("code").asText()).isEqualTo("unauthorized");
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1008);
        close.release();
        assertThat(channel.isOpen()).isFalse();
        channel.finish();
        assertThat(rooms.roomCount()).isZero();
        assertThat(metrics.scrape()).contains("signaling_errors_total{code=\"unauthorized\"} 1.0");
    }
}
