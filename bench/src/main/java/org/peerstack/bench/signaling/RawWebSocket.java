package org.peerstack.bench.signaling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load generator's side of one WebSocket connection (RFC 6455), written and parsed by hand so
 * that the generator costs as little CPU as possible: the server under test shares the 2 cores with
 * it, and a busy generator thread shows up as latency it then measures (BENCHMARKS.md, run 5). It
 * does the opening handshake itself (checking {@code Sec-WebSocket-Accept}), sends text frames
 * built from pre-masked templates (a client must mask; the key is fixed per connection, so only
 * the send time is masked per message) and parses the server's unmasked frames without copying them
 * into frame objects or validating their UTF-8. Subclasses get every text payload.
 */
abstract class RawWebSocket extends ByteToMessageDecoder {

    /** Largest frame this client accepts from a server; the benchmark's messages are ~250 bytes. */
    static final int MAX_FRAME_BYTES = 65_536;
    /** Digits of the zero-padded send time (a positive {@code long} has at most 19). */
    static final int TIME_DIGITS = 19;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final String path;
    private final String key;
    private final byte[] mask = new byte[4];
    private final byte[] tail = new byte[TIME_DIGITS + 2];
    private boolean upgraded;

    RawWebSocket(String host, String path) {
        this.host = host;
        this.path = path;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
        do {
            ThreadLocalRandom.current().nextBytes(mask);
        } while (mask[0] == 0 && mask[1] == 0 && mask[2] == 0 && mask[3] == 0);
    }

    /** The handshake completed; frames may be sent from now on. */
    protected abstract void onOpen(ChannelHandlerContext ctx);

    /** One text frame's payload: {@code length} bytes of {@code in} from {@code from}, valid only during the call. */
    protected abstract void onText(ChannelHandlerContext ctx, ByteBuf in, int from, int length);

    /** The handshake or a frame was not what RFC 6455 allows. */
    protected abstract void onFailure(ChannelHandlerContext ctx, Exception cause);

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), request));
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!upgraded && !readHandshake(ctx, in)) {
            return;
        }
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int b0 = in.getUnsignedByte(start);
            int b1 = in.getUnsignedByte(start + 1);
            int header = 2;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.getUnsignedShort(start + 2);
                header = 4;
            } else if (length == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0 || (b0 & 0x80) == 0 || length < 0 || length > MAX_FRAME_BYTES) {
                fail(ctx, in, "unexpected frame from the server: masked, fragmented or " + length + " bytes long");
                return;
            }
            if (in.readableBytes() < header + length) {
                return;
            }
            int payload = start + header;
            int opcode = b0 & 0x0F;
            if (opcode == 0x1) {
                onText(ctx, in, payload, (int) length);
            } else if (opcode == 0x9) {
                ctx.writeAndFlush(frame(ctx, 0xA, in, payload, (int) length));
            } else if (opcode == 0x8) {
                ctx.close();
            }
            in.readerIndex(payload + (int) length);
        }
    }

    /** Consumes the server's 101 response once it is complete; false while it is not. */
    private boolean readHandshake(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        int end = headerEnd(in);
        if (end < 0) {
            if (in.readableBytes() > 8192) {
                fail(ctx, in, "handshake response over 8 KiB");
            }
            return false;
        }
        String response = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end + HEADER_END.length);
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        boolean accepted = response.lines().skip(1).anyMatch(line -> {
            int colon = line.indexOf(':');
            return colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")
                    && line.substring(colon + 1).trim().equals(accept); // base64: the value is case-sensitive
        });
        if (!response.startsWith("HTTP/1.1 101") || !accepted) {
            fail(ctx, in, "handshake refused: " + response.lines().findFirst().orElse(""));
            return false;
        }
        upgraded = true;
        onOpen(ctx);
        return true;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String why) {
        in.skipBytes(in.readableBytes());
        onFailure(ctx, new IllegalStateException(why));
        ctx.close();
    }

    /** A masked frame with the given opcode and a copy of the payload. */
    private ByteBuf frame(ChannelHandlerContext ctx, int opcode, ByteBuf in, int from, int length) {
        byte[] payload = new byte[length];
        in.getBytes(from, payload);
        byte[] template = template(opcode, payload, 0);
        return ctx.alloc().buffer(template.length).writeBytes(template);
    }

    /**
     * A complete masked frame for {@code payload} followed by {@code tail} bytes still to be written with
     * {@link #writeMaskedTail}: the header announces {@code payload.length + tail} bytes.
     */
    byte[] template(int opcode, byte[] payload, int tail) {
        int length = payload.length + tail;
        int header = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) (0x80 | length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    /**
     * Writes the rest of a message started from a {@link #template} whose payload was {@code offset}
     * bytes long: the send time as {@link #TIME_DIGITS} zero-padded digits, then {@code "}}, masked.
     */
    void writeMaskedTail(ByteBuf out, int offset, long nanos) {
        long value = nanos;
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            tail[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        tail[TIME_DIGITS] = '"';
        tail[TIME_DIGITS + 1] = '}';
        for (int i = 0; i < tail.length; i++) {
            tail[i] ^= mask[(offset + i) & 3];
        }
        out.writeBytes(tail);
    }

    /** A masked text frame carrying {@code text}, ready to write. */
    ByteBuf text(ByteBufAllocator alloc, String text) {
        byte[] template = template(0x1, text.getBytes(StandardCharsets.UTF_8), 0);
        return alloc.buffer(template.length).writeBytes(template);
    }

    /** Where {@code \r\n\r\n} starts in {@code in}'s readable bytes, or -1. */
    private static int headerEnd(ByteBuf in) {
        for (int i = in.readerIndex(); i + HEADER_END.length <= in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
