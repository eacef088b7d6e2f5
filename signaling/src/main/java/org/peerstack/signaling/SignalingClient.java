package org.peerstack.signaling;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Leave;
import org.peerstack.signaling.SignalingMessage.Left;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.SignalingMessage.Ping;
import org.peerstack.signaling.SignalingMessage.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the peerstack signaling server (protocol: {@code docs/signaling-protocol.md}).
 *
 * <pre>{@code
 * try (SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(uri).build())) {
 *     client.addEventListener(SignalingClient.OFFER, event -> answerIt(event.message()));
 *     client.connect().get();
 *     Joined joined = client.join("room-1", "alice", null).get();
 *     client.send(new Offer(joined.members().get(0).id(), null, sdp));
 * }
 * }</pre>
 *
 * <p><b>Events.</b> The client is an {@link EventTarget} of the one peerstack event model: every message
 * the server sends fires a {@link SignalingMessageEvent} of the message's wire type ({@link #OFFER},
 * {@link #JOINED}...), and every state change a {@link SignalingStateEvent} ({@link #STATE_CHANGE}).
 *
 * <p><b>Threads.</b> Listeners run as {@code org.peerstack.event} says: on peerstack event threads,
 * one at a time for this client, in the order the server sent the messages, never on the client's I/O
 * thread. Each client owns one Netty I/O thread and one completion thread on which returned futures
 * complete (a dependent stage may block there without holding up events or I/O).
 *
 * <p><b>Reconnect.</b> With {@link SignalingClientOptions#reconnect()} a connection lost after it was
 * open is re-established with exponential backoff (not after a close for policy reasons, code 1008);
 * the client then joins its last room again and fires {@link #JOINED} with its <em>new</em> peer id
 * (the server assigns ids per connection). Requests pending at the loss fail with
 * {@link SignalingConnectionException}. The first {@link #connect()} is not retried.
 *
 * <p>{@link #close()} is idempotent, fails pending requests and stops both threads.
 */
public final class SignalingClient implements EventTarget, AutoCloseable {

    /** Connection states, reported by {@link #STATE_CHANGE}. */
    public enum State {
        /** Created; {@link #connect()} not called yet. */
        NEW,
        /** {@link #connect()} is opening the WebSocket. */
        CONNECTING,
        /** The WebSocket is open: requests and messages can be sent. */
        OPEN,
        /** The connection was lost and a reconnect attempt is scheduled or running (with reconnect on). */
        RECONNECTING,
        /** Not connected: the first connect failed, or the connection was lost and is not re-established. */
        DISCONNECTED,
        /** {@link #close()} was called; final. */
        CLOSED
    }

    /**
     * {@code joined}: this client is in a room, after {@link #join} or an automatic rejoin after a reconnect
     * (then with a new peer id).
     */
    public static final EventType<SignalingMessageEvent<Joined>> JOINED = SignalingMessageEvent.type("joined");
    /** {@code peer-joined}: another member entered the room. */
    public static final EventType<SignalingMessageEvent<PeerJoined>> PEER_JOINED = SignalingMessageEvent.type("peer-joined");
    /** {@code peer-left}: another member left the room or lost its connection. */
    public static final EventType<SignalingMessageEvent<PeerLeft>> PEER_LEFT = SignalingMessageEvent.type("peer-left");
    /** {@code offer}: a member sent an SDP offer to this client. */
    public static final EventType<SignalingMessageEvent<Offer>> OFFER = SignalingMessageEvent.type("offer");
    /** {@code answer}: a member answered an offer of this client. */
    public static final EventType<SignalingMessageEvent<Answer>> ANSWER = SignalingMessageEvent.type("answer");
    /** {@code candidate}: a member sent an ICE candidate (empty = end of candidates). */
    public static final EventType<SignalingMessageEvent<Candidate>> CANDIDATE = SignalingMessageEvent.type("candidate");
    /** {@code bye}: a member ended its call with this client (both stay in the room). */
    public static final EventType<SignalingMessageEvent<Bye>> BYE = SignalingMessageEvent.type("bye");
    /** {@code message}: an application message from a member, to this client or to the whole room. */
    public static final EventType<SignalingMessageEvent<AppMessage>> MESSAGE = SignalingMessageEvent.type("message");
    /** {@code left}: the server confirmed {@link #leave()}. */
    public static final EventType<SignalingMessageEvent<Left>> LEFT = SignalingMessageEvent.type("left");
    /** {@code error}: the server rejected a message; also fired when it fails a pending request. */
    public static final EventType<SignalingMessageEvent<ErrorMessage>> ERROR = SignalingMessageEvent.type("error");
    /** {@code pong}: the server answered {@link #ping()}. */
    public static final EventType<SignalingMessageEvent<Pong>> PONG = SignalingMessageEvent.type("pong");
    /** The connection {@link State} changed; fired on every change, including to {@link State#CLOSED}. */
    public static final EventType<SignalingStateEvent> STATE_CHANGE = EventType.of("statechange", SignalingStateEvent.class);

    private static final Logger LOG = LoggerFactory.getLogger(SignalingClient.class);

    private final SignalingClientOptions options;
    private final SignalingCodec codec = SignalingCodec.defaults();
    private final EventLoopGroup group;
    private final ExecutorService completions;
    private final SslContext ssl;
    private final EventDispatcher listeners = new EventDispatcher();
    private final ConnectionCallbacks callbacks = new ConnectionCallbacks(this);

    // Guarded by this; the package-private ones are also used by ConnectionCallbacks.
    State state = State.NEW;
    ClientConnection connection;
    Join lastJoin;
    private String id;
    private String room;
    final PendingRequests pending;
    int reconnectAttempt;

    private SignalingClient(SignalingClientOptions options) {
        this.options = options;
        this.ssl = options.isSecure() ? sslContext(options) : null;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("peerstack-signaling-io", true));
        this.completions = Executors.newSingleThreadExecutor(new DefaultThreadFactory("peerstack-signaling-completions", true));
        this.pending = new PendingRequests(completions);
    }

    /**
     * A client for the server in {@code options}, in state {@link State#NEW}; nothing is connected until
     * {@link #connect()}. Starts the client's I/O and completion threads: {@link #close()} it.
     *
     * @param options the server URI, timeouts and limits
     * @return the new client
     * @throws NullPointerException if {@code options} is null
     * @throws SignalingConnectionException if the URI is {@code wss} and TLS cannot be set up (e.g. the
     *     trusted certificate file cannot be read)
     */
    public static SignalingClient create(SignalingClientOptions options) {
        return new SignalingClient(java.util.Objects.requireNonNull(options, "options"));
    }

    private static SslContext sslContext(SignalingClientOptions options) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            options.trustedCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new SignalingConnectionException("cannot set up TLS for " + options.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Adds {@code listener} for {@code type}; see the class comment for the thread it runs on. */
    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        listeners.add(type, listener);
    }

    /** Removes {@code listener} for {@code type}; unknown listeners are ignored. */
    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        listeners.remove(type, listener);
    }

    /**
     * Opens the WebSocket (subprotocol {@value SignalingMessage#SUBPROTOCOL}). Allowed in state
     * {@link State#NEW} or {@link State#DISCONNECTED}; the state goes to {@link State#CONNECTING}, then
     * {@link State#OPEN} or back to {@link State#DISCONNECTED}. A failed first connect is not retried.
     *
     * @return completes on the completion thread when the handshake is done; fails with
     *     {@link SignalingConnectionException} if the server cannot be reached or refuses the handshake
     *     within {@link SignalingClientOptions#connectTimeout()}, or with {@link IllegalStateException} in
     *     another state
     */
    public CompletableFuture<Void> connect() {
        ClientConnection started;
        synchronized (this) {
            if (state != State.NEW && state != State.DISCONNECTED) {
                return CompletableFuture.failedFuture(new IllegalStateException("connect() in state " + state));
            }
            setState(State.CONNECTING);
            started = ClientConnection.start(group, ssl, options, codec, callbacks);
            connection = started;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        started.open().whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    if (connection == started && state == State.CONNECTING) {
                        connection = null;
                        setState(State.DISCONNECTED);
                    }
                }
            }
            completions.execute(() -> complete(result, null, failure));
        });
        return result;
    }

    /**
     * Joins {@code room}. After a reconnect the client rejoins this room by itself. The {@link #JOINED}
     * event fires as well.
     *
     * @param room the room name
     * @param name a display name the other members see, or null
     * @param token a {@link RoomToken} for {@code room} when the server requires one, or null
     * @return completes with the server's {@code joined} (this client's peer id and the other members);
     *     fails with {@link SignalingException} carrying the server's code (e.g. {@code ROOM_FULL},
     *     {@code UNAUTHORIZED}), with {@link SignalingConnectionException} when not connected, the
     *     connection drops or no answer comes within {@link SignalingClientOptions#requestTimeout()}, or
     *     with {@link IllegalStateException} if a join is already pending
     * @throws NullPointerException if {@code room} is null
     */
    public CompletableFuture<Joined> join(String room, String name, String token) {
        return join(new Join(room, name, token));
    }

    /**
     * As {@link #join(String, String, String)} with every member of {@code join}, e.g. {@code "sfu": true}
     * for an SFU room ({@code docs/signaling-protocol.md}, "SFU rooms"; the server answers
     * {@code sfu-unavailable} or {@code room-mode} when it cannot have one).
     *
     * @param join the join message; rejoined as it is after a reconnect
     * @return as {@link #join(String, String, String)}
     * @throws NullPointerException if {@code join} is null
     */
    public CompletableFuture<Joined> join(Join join) {
        java.util.Objects.requireNonNull(join, "join");
        CompletableFuture<Joined> result = new CompletableFuture<>();
        synchronized (this) {
            if (pending.hasJoin()) {
                return CompletableFuture.failedFuture(new IllegalStateException("a join is already pending"));
            }
            pending.addJoin(result);
            lastJoin = join;
            sendOrFail(join, result);
        }
        timeout(result, "join");
        return result;
    }

    /**
     * Leaves the current room; the client no longer rejoins it after a reconnect.
     *
     * @return completes when the server confirms with {@code left}; fails with {@link SignalingException}
     *     (e.g. {@code NOT_JOINED}), with {@link SignalingConnectionException} when not connected, on a
     *     lost connection or timeout, or with {@link IllegalStateException} if a leave is already pending
     */
    public CompletableFuture<Void> leave() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (this) {
            if (pending.hasLeave()) {
                return CompletableFuture.failedFuture(new IllegalStateException("a leave is already pending"));
            }
            pending.addLeave(result);
            lastJoin = null;
            sendOrFail(new Leave(), result);
        }
        timeout(result, "leave");
        return result;
    }

    /**
     * Sends an application-level {@code ping} (not a WebSocket ping frame).
     *
     * @return completes with the round-trip time to the server's {@code pong}; fails with
     *     {@link SignalingConnectionException} when not connected, on a lost connection or after
     *     {@link SignalingClientOptions#requestTimeout()}
     */
    public CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        synchronized (this) {
            pending.addPing(result);
            sendOrFail(new Ping(), result);
        }
        timeout(result, "ping");
        return result;
    }

    /**
     * Sends an {@code offer}, {@code answer}, {@code candidate}, {@code bye} or application
     * {@code message}. Errors from the server (e.g. {@code UNKNOWN_PEER}) arrive as {@link #ERROR} events.
     *
     * @param message an {@link SignalingMessage.Addressed} message or an {@link AppMessage}; its {@code from}
     *     is ignored (the server stamps it)
     * @return completes when the message was written to the socket; fails with
     *     {@link SignalingConnectionException} when the client is not {@link State#OPEN} or the write fails
     * @throws IllegalArgumentException for {@code join}, {@code leave}, {@code ping} and server-to-client
     *     messages
     * @throws NullPointerException if {@code message} is null
     */
    public CompletableFuture<Void> send(SignalingMessage message) {
        if (!(message instanceof SignalingMessage.Addressed) && !(message instanceof AppMessage)) {
            throw new IllegalArgumentException("use join(), leave() or ping() for " + message.getClass().getSimpleName());
        }
        ClientConnection current;
        synchronized (this) {
            current = state == State.OPEN ? connection : null;
        }
        if (current == null) {
            return CompletableFuture.failedFuture(new SignalingConnectionException("not connected (state " + state() + ")"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        current.send(message).whenComplete((ok, failure) -> completions.execute(() -> complete(result, null, failure)));
        return result;
    }

    /**
     * The peer id the server assigned in the current room. It changes on every rejoin after a reconnect.
     *
     * @return the id, or empty if not in a room
     */
    public synchronized Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The room this client is in, as confirmed by the server.
     *
     * @return the room name, or empty if not in a room (also while reconnecting)
     */
    public synchronized Optional<String> room() {
        return Optional.ofNullable(room);
    }

    /**
     * The current connection state; {@link #STATE_CHANGE} reports every change. Thread-safe.
     *
     * @return the state; never null
     */
    public synchronized State state() {
        return state;
    }

    /**
     * The options this client was created with.
     *
     * @return the immutable options
     */
    public SignalingClientOptions options() {
        return options;
    }

    /**
     * Closes the connection (code 1000), fails pending requests, fires the change to
     * {@link State#CLOSED} and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        ClientConnection current;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            setState(State.CLOSED);
            current = connection;
            connection = null;
            failPending(new SignalingConnectionException("the signaling client was closed"));
        }
        if (current != null) {
            current.close(1000, "client closed").awaitUninterruptibly(options.connectTimeout().toMillis());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        completions.shutdown();
        if (!group.next().inEventLoop()) {
            group.terminationFuture().awaitUninterruptibly(10_000);
        }
        if (!isEventThread()) {
            try {
                completions.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isEventThread() {
        return Thread.currentThread().getName().startsWith("peerstack-signaling-completions");
    }

    // ---- internals (lock held where noted) ----

    /** Lock held. */
    <T> void sendOrFail(SignalingMessage message, CompletableFuture<T> result) {
        ClientConnection current = state == State.OPEN ? connection : null;
        if (current == null) {
            SignalingConnectionException e = new SignalingConnectionException("not connected (state " + state + ")");
            pending.remove(result);
            result.completeExceptionally(e);
            return;
        }
        current.send(message).whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    pending.remove(result);
                }
                completions.execute(() -> result.completeExceptionally(failure));
            }
        });
    }

    private <T> void timeout(CompletableFuture<T> result, String what) {
        long millis = options.requestTimeout().toMillis();
        if (group.isShuttingDown()) {
            return;
        }
        group.schedule(() -> {
            if (!result.isDone()) {
                synchronized (this) {
                    pending.remove(result);
                }
                completions.execute(() -> result.completeExceptionally(new SignalingConnectionException(
                        "no answer to '" + what + "' within " + millis + " ms")));
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** Lock held: the server confirmed a join ({@code room} non-null) or a leave ({@code null}). */
    void joinedAs(String newId, String newRoom) {
        if (newRoom != null) {
            id = newId;
        }
        room = newRoom;
    }

    /** Lock held. */
    void failPending(RuntimeException failure) {
        pending.failAll(failure);
        id = null;
        room = null;
    }

    /** Lock held. */
    void setState(State next) {
        if (state != next) {
            state = next;
            listeners.dispatch(new SignalingStateEvent(STATE_CHANGE, this, next));
        }
    }

    /** Fires {@code message} as an event of {@code type}. */
    <M extends SignalingMessage> void emit(EventType<SignalingMessageEvent<M>> type, M message) {
        listeners.dispatch(new SignalingMessageEvent<>(type, this, message));
    }

    private static <T> void complete(CompletableFuture<T> future, T value, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : failure);
        } else {
            future.complete(value);
        }
    }

    /** Lock held. */
    void scheduleReconnect() {
        long initial = options.reconnectInitialDelay().toMillis();
        long max = options.reconnectMaxDelay().toMillis();
        long base = Math.min(max, initial << Math.min(reconnectAttempt, 20));
        long delay = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        reconnectAttempt++;
        LOG.info("signaling connection to {} lost; reconnect attempt {} in {} ms", options.uri(), reconnectAttempt, delay);
        group.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        ClientConnection started;
        synchronized (this) {
            if (state != State.RECONNECTING) {
                return;
            }
            started = ClientConnection.start(group, ssl, options, codec, callbacks);
            connection = started;
        }
        started.open().whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    if (connection == started && state == State.RECONNECTING) {
                        connection = null;
                        scheduleReconnect();
                    }
                }
            }
        });
    }

}
