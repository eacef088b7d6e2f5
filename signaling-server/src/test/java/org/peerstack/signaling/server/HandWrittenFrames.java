package org.peerstack.signaling.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.peerstack.signaling.SignalingMessage;

/**
 * A WebSocket client over a plain TCP socket that writes frames byte by byte, for input no real client
 * library sends (text frames that are not UTF-8). Loopback only; one frame at a time.
 */
final class HandWrittenFrames implements AutoCloseable {

    /** A frame the server sent: opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private HandWrittenFrames(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(20_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static HandWrittenFrames open(URI uri) throws IOException {
        return open(uri, null, 0);
    }

    /**
     * Opens from {@code localAddress} (null = any; e.g. another 127.0.0.0/8 address) with a receive
     * buffer of {@code receiveBufferBytes} (0 = the system's default; small = a client that reads slowly).
     */
    static HandWrittenFrames open(URI uri, java.net.InetAddress localAddress, int receiveBufferBytes) throws IOException {
        return open(uri, localAddress, receiveBufferBytes, "");
    }

    /** As above, with {@code extraHeaders} (each line ending in CRLF) in the upgrade request. */
    static HandWrittenFrames open(URI uri, java.net.InetAddress localAddress, int receiveBufferBytes, String extraHeaders)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (localAddress != null) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        }
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 20_000);
        HandWrittenFrames client = new HandWrittenFrames(socket);
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + SignalingMessage.SUBPROTOCOL + "\r\n"
                + extraHeaders + "\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        String response = client.readHead();
        if (!response.startsWith("HTTP/1.1 101")) {
            client.close();
            throw new IOException("no WebSocket upgrade: " + response);
        }
        return client;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one final text frame holding {@code payload} as it is, masked as a client must. */
    void sendText(byte[] payload) throws IOException {
        sendTexts(payload);
    }

    /** Sends one final text frame per payload, all in one TCP write, so that the server reads them together. */
    void sendTexts(byte[]... payloads) throws IOException {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            if (payload.length > 125) {
                throw new IllegalArgumentException("short frames only");
            }
            frames.write(0x81);
            frames.write(0x80 | payload.length);
            frames.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frames.write(payload[i] ^ mask[i % 4]);
            }
        }
        out.write(frames.toByteArray());
        out.flush();
    }

    /** Writes {@code bytes} as they are (part of a frame, for instance). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame the server sends, or null at the end of the stream. */
    Frame next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = Math.toIntExact(in.readLong());
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Every frame the server sends until its close frame (included) or the end of the stream. */
    List<Frame> readUntilClose() throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = next()) != null) {
            frames.add(frame);
            if (frame.opcode() == 0x8) {
                break;
            }
        }
        return frames;
    }

    /** True when the server has closed the TCP connection (read returns end of stream). */
    boolean serverClosed() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
