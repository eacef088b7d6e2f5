package org.peerstack.signaling.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 in front of a real {@link RedisProcess}, for one cluster node to connect
 * through ({@link #uri()}): it forwards bytes both ways unchanged, and lets a test act on that one
 * node's connections only, as a slow or broken network would:
 * <ul>
 *   <li>{@link #hold()}: what the node sends to Redis from now on waits in the relay until
 *       {@link #release()} (Redis's answers still flow), so the node's commands reach Redis late while
 *       other nodes' commands do not; {@link #holdFrom} starts holding at a given command;</li>
 *   <li>{@link #cut()}: closes the node's connections and refuses new ones until {@link #admit()}.</li>
 * </ul>
 * A test thread per direction and connection; {@link #close()} releases and closes everything.
 */
final class RedisGate implements AutoCloseable {

    /** Longest a held write waits when nobody releases it (milliseconds): a forgotten hold cannot hang a test. */
    static final long MAX_HOLD_MS = 30_000;

    private final int redisPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new ArrayList<>();
    private final Object lock = new Object();
    // guarded by lock
    private boolean holding;
    /** Starts holding at the first write that contains it (then null). */
    private String holdFrom;
    private boolean refusing;
    private boolean closed;
    private long heldBytes;

    private RedisGate(int redisPort, ServerSocket server) {
        this.redisPort = redisPort;
        this.server = server;
    }

    /** A gate in front of {@code redis}, accepting connections on a free loopback port. */
    static RedisGate open(RedisProcess redis) throws IOException {
        RedisGate gate = new RedisGate(redis.port(), new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(gate::accept, "redis-gate-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return gate;
    }

    /** The URI a node uses to reach Redis through this gate. */
    String uri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, bytes the node sends to Redis wait here until {@link #release()}. */
    void hold() {
        synchronized (lock) {
            holding = true;
        }
    }

    /**
     * Holds, as {@link #hold()}, from the first write of the node that contains {@code marker} (ISO-8859-1
     * text; for instance a line of the Lua script whose command is to be held), that write included.
     */
    void holdFrom(String marker) {
        synchronized (lock) {
            holdFrom = marker;
        }
    }

    /** Sends what waits, in order, and forwards again without delay. */
    void release() {
        synchronized (lock) {
            holding = false;
            holdFrom = null;
            lock.notifyAll();
        }
    }

    /** Bytes from the node waiting for {@link #release()} now. */
    long heldBytes() {
        synchronized (lock) {
            return heldBytes;
        }
    }

    /** Closes the node's connections to Redis and refuses new ones until {@link #admit()}. */
    void cut() {
        List<Socket> open;
        synchronized (lock) {
            refusing = true;
            open = new ArrayList<>(sockets);
            sockets.clear();
        }
        open.forEach(RedisGate::closeQuietly);
    }

    /** Accepts connections again. */
    void admit() {
        synchronized (lock) {
            refusing = false;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = null;
            synchronized (lock) {
                if (refusing || closed) {
                    closeQuietly(client);
                    continue;
                }
            }
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            synchronized (lock) {
                sockets.add(client);
                sockets.add(upstream);
            }
            pump(client, upstream, true);
            pump(upstream, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean toRedis) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (toRedis) {
                        awaitRelease(buffer, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed (or the gate was cut): close the other one too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, toRedis ? "redis-gate-up" : "redis-gate-down");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitRelease(byte[] buffer, int bytes) throws InterruptedException {
        synchronized (lock) {
            if (holdFrom != null && new String(buffer, 0, bytes, StandardCharsets.ISO_8859_1).contains(holdFrom)) {
                holdFrom = null;
                holding = true;
            }
            if (!holding) {
                return;
            }
            heldBytes += bytes;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_HOLD_MS);
            try {
                while (holding && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } finally {
                heldBytes -= bytes;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        List<Socket> open;
        synchronized (lock) {
            closed = true;
            holding = false;
            lock.notifyAll();
            open = new ArrayList<>(sockets);
            sockets.clear();
        }
        open.forEach(RedisGate::closeQuietly);
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
