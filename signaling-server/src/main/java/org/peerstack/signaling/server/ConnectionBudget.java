package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may hold a connection: {@code limits.max-connections} in all, of which at most
 * {@code connections.max-unjoined} not in a room (so members always keep the rest), at most
 * {@code connections.max-per-address} per client address and {@code connections.max-handshakes-per-address}
 * of them before the WebSocket opens, plus {@code connections.admin-reserve} connections beyond the caps
 * that may only ask {@code /healthz} and {@code /metrics}. Each connection holds a {@link Ticket} that
 * knows what it counts against and gives it all back when the connection closes. Thread-safe; one per server.
 */
final class ConnectionBudget {

    /** The ticket of a connection. */
    static final AttributeKey<Ticket> TICKET = AttributeKey.valueOf("peerstack.ticket");

    /** How a connection was admitted. */
    enum Admission {
        /** Within the caps. */
        ADMITTED,
        /** Beyond the caps, within the admin reserve: {@code /healthz} and {@code /metrics} only. */
        ADMIN_ONLY
    }

    private final int maxConnections;
    private final ConnectionSettings settings;
    private final List<AddressRange> proxies;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger unjoined = new AtomicInteger();
    private final AtomicInteger reserve = new AtomicInteger();
    private final ConcurrentHashMap<String, int[]> perAddress = new ConcurrentHashMap<>();

    ConnectionBudget(int maxConnections, ConnectionSettings settings) {
        this.maxConnections = maxConnections;
        this.settings = settings;
        this.proxies = settings.trustedProxies().stream().map(p -> AddressRange.parse(p, "connections.trusted-proxies")).toList();
    }

    /**
     * Admits a new connection or says why not (the reason token of {@code signaling_refused_total}); the
     * ticket is set on the channel when admitted.
     */
    String admit(Channel channel) {
        InetAddress address = address(channel.remoteAddress());
        Ticket ticket = new Ticket();
        if (address != null && !isProxy(address)) {
            String refusal = ticket.countAddress(AddressRange.key(address, settings.ipv6PrefixLength()));
            if (refusal != null) {
                return refusal;
            }
        } else {
            ticket.proxied = address != null;
        }
        String full = reserveSlot();
        if (full == null) {
            ticket.admission = Admission.ADMITTED;
            ticket.unjoined = true;
        } else if (reserve.incrementAndGet() <= settings.adminReserve()) {
            ticket.admission = Admission.ADMIN_ONLY;
            ticket.reason = full;
        } else {
            reserve.decrementAndGet();
            ticket.release();
            return full;
        }
        channel.attr(TICKET).set(ticket);
        return null;
    }

    /** Null when a slot of the admitted budget was taken; else the cap that is full. */
    private String reserveSlot() {
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            return "max-connections";
        }
        if (unjoined.incrementAndGet() > settings.maxUnjoined()) {
            unjoined.decrementAndGet();
            admitted.decrementAndGet();
            return "max-unjoined";
        }
        return null;
    }

    boolean isProxy(InetAddress address) {
        for (AddressRange proxy : proxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client address named by a trusted proxy's {@code header} value: the rightmost entry that is not
     * itself a trusted proxy, or null when there is none (then the proxy's own address is the key).
     */
    InetAddress forwardedClient(String header) {
        if (header == null) {
            return null;
        }
        String[] entries = header.split(",");
        InetAddress last = null;
        for (int i = entries.length - 1; i >= 0; i--) {
            InetAddress entry = AddressRange.literal(entries[i]);
            if (entry == null) {
                return last; // garbage: trust nothing to its left
            }
            last = entry;
            if (!isProxy(entry)) {
                return entry;
            }
        }
        return last;
    }

    String forwardedHeader() {
        return settings.forwardedHeader();
    }

    int unjoined() {
        return unjoined.get();
    }

    int admitted() {
        return admitted.get();
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** What one connection counts against; used on its event loop only (the counters it touches are shared). */
    final class Ticket {
        private Admission admission;
        private String reason;
        private String key;
        private boolean proxied;
        private boolean handshaking;
        private boolean unjoined;
        private boolean released;

        Admission admission() {
            return admission;
        }

        /** The cap that was full when this connection was admitted for the admin endpoints only. */
        String reason() {
            return reason;
        }

        /** Whether the connection comes from a trusted proxy and has not been given its client's key yet. */
        boolean awaitsClientAddress() {
            return proxied && key == null;
        }

        /**
         * Counts this connection against {@code client} (the address a trusted proxy named, or the proxy's
         * own); null when within the per-address limits, else the refusal reason.
         */
        String forwardedFor(InetAddress client) {
            return countAddress(AddressRange.key(client, settings.ipv6PrefixLength()));
        }

        private String countAddress(String address) {
            String[] refusal = new String[1];
            perAddress.compute(address, (k, counts) -> {
                int[] c = counts == null ? new int[2] : counts;
                if (c[0] >= settings.maxPerAddress()) {
                    refusal[0] = "address-connections";
                } else if (c[1] >= settings.maxHandshakesPerAddress()) {
                    refusal[0] = "address-handshakes";
                } else {
                    c[0]++;
                    c[1]++;
                }
                return c[0] == 0 ? null : c;
            });
            if (refusal[0] == null) {
                key = address;
                handshaking = true;
            }
            return refusal[0];
        }

        /** The WebSocket opened: no longer a handshake in progress. */
        void opened() {
            if (handshaking) {
                handshaking = false;
                perAddress.computeIfPresent(key, (k, c) -> {
                    c[1]--;
                    return c;
                });
            }
        }

        /** Joined a room: no longer counts against {@code max-unjoined}. */
        void joined() {
            if (unjoined) {
                unjoined = false;
                ConnectionBudget.this.unjoined.decrementAndGet();
            }
        }

        /** Left its room, the connection stays open: counts as unjoined again (even beyond the cap). */
        void left() {
            if (!unjoined && admission == Admission.ADMITTED && !released) {
                unjoined = true;
                ConnectionBudget.this.unjoined.incrementAndGet();
            }
        }

        /** The connection closed: gives everything back, once. */
        void release() {
            if (released) {
                return;
            }
            released = true;
            if (key != null) {
                boolean wasHandshaking = handshaking;
                perAddress.computeIfPresent(key, (k, c) -> {
                    c[0]--;
                    if (wasHandshaking) {
                        c[1]--;
                    }
                    return c[0] <= 0 ? null : c;
                });
                handshaking = false;
            }
            if (unjoined) {
                unjoined = false;
                ConnectionBudget.this.unjoined.decrementAndGet();
            }
            if (admission == Admission.ADMITTED) {
                admitted.decrementAndGet();
            } else if (admission == Admission.ADMIN_ONLY) {
                reserve.decrementAndGet();
            }
        }
    }
}
