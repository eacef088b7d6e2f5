package org.peerstack.demo;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling of a member of an SFU room that never publishes and receives at the packet level
 * ({@code record --sfu --passthrough}): joins with {@code "sfu": true} and answers each of the server's
 * offers (peer id {@value SfuCall#SFU_ID}) with what {@code answerer} returns, one after the other. Each
 * offer's {@code streams} map (MediaStream id → publisher's peer id) and the member list give the name
 * of the member a stream belongs to ({@link #memberName}). All the signaling of that mode is here.
 */
public final class SfuPassthroughSignaling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuPassthroughSignaling.class);

    private final SignalingClient client;
    private final Function<String, CompletableFuture<String>> answerer;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private CompletableFuture<Void> offers = CompletableFuture.completedFuture(null);
    private volatile String selfId = "";

    private SfuPassthroughSignaling(SignalingClient client, Function<String, CompletableFuture<String>> answerer) {
        this.client = client;
        this.answerer = answerer;
    }

    /**
     * Connects, joins {@code options.room()} as an SFU room and answers the server's offers with
     * {@code answerer} (offer SDP → answer SDP).
     *
     * @throws SignalingConnectionException when the server cannot be reached, refuses the join, or the
     *         room is not an SFU room
     */
    public static SfuPassthroughSignaling join(Room.Options options, Function<String, CompletableFuture<String>> answerer) {
        SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(options.server()).build());
        SfuPassthroughSignaling s = new SfuPassthroughSignaling(client, Objects.requireNonNull(answerer, "answerer"));
        client.addEventListener(SignalingClient.JOINED, e -> e.message().members()
                .forEach(m -> s.names.put(m.id(), m.name() == null ? "" : m.name())));
        client.addEventListener(SignalingClient.PEER_JOINED, e -> s.names.put(e.message().id(),
                e.message().name() == null ? "" : e.message().name()));
        client.addEventListener(SignalingClient.OFFER, e -> {
            if (SfuCall.SFU_ID.equals(e.message().from())) {
                s.serverOffer(e.message());
            }
        });
        try {
            long timeout = options.joinTimeout().toMillis();
            client.connect().get(timeout, TimeUnit.MILLISECONDS);
            SignalingMessage.Joined joined = client.join(new SignalingMessage.Join(options.room(), options.name(), options.token(), true))
                    .get(timeout, TimeUnit.MILLISECONDS);
            if (!joined.sfuRoom()) {
                throw new SignalingConnectionException("room '" + options.room() + "' at " + options.server() + " is not an SFU room", null);
            }
            s.selfId = joined.id();
            return s;
        } catch (ExecutionException | TimeoutException e) {
            client.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SignalingConnectionException("cannot join SFU room '" + options.room() + "' at " + options.server() + ": " + cause, cause);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new SignalingConnectionException("interrupted while joining room '" + options.room() + "'", e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private synchronized void serverOffer(SignalingMessage.Offer offer) {
        if (offer.streams() != null) {
            owners.putAll(offer.streams());
        }
        offers = offers.thenCompose(v -> answerer.apply(offer.sdp()))
                .thenCompose(answer -> client.send(new SignalingMessage.Answer(SfuCall.SFU_ID, null, answer)))
                .exceptionally(e -> {
                    LOG.warn("cannot answer the SFU's offer: {}", String.valueOf(e.getCause() != null ? e.getCause() : e));
                    return null;
                });
    }

    /** Our peer id in the room. */
    public String selfId() {
        return selfId;
    }

    /** The display name of the member publishing MediaStream {@code streamId} (its peer id without a name; the stream id when unknown). */
    public String memberName(String streamId) {
        String owner = owners.get(streamId);
        if (owner == null) {
            return streamId;
        }
        String name = names.get(owner);
        return name == null || name.isBlank() ? owner : name;
    }

    /** Leaves the room and closes the connection to the server. */
    @Override
    public void close() {
        client.close();
    }
}
