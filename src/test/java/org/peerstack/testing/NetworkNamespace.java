package org.peerstack.testing;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What network the current test JVM runs on, as set up by {@code tools/netns/bin/java}.
 *
 * <p>{@code PEERSTACK_NETNS=private}: the fork runs in its own network namespace with {@code lo} and the
 * veth pair {@code ps0}/{@code ps1} (127.0.1.1 and 127.0.1.2) and nothing else, so WebRTC traffic cannot
 * leave the machine. Anything else means the launcher could not make a namespace (not root, no
 * {@code unshare}) or was bypassed; native tests then run on the host network and {@link #announce()}
 * says so loudly, once per JVM.
 */
public final class NetworkNamespace {

    /** Interface names the launcher creates inside the namespace. */
    public static final List<String> PRIVATE_INTERFACES = List.of("lo", "ps0", "ps1");

    private static volatile boolean announced;

    private NetworkNamespace() {
    }

    /** True when the launcher made a private namespace for this JVM. */
    public static boolean isPrivate() {
        return "private".equals(System.getenv("PEERSTACK_NETNS"));
    }

    /** Why no namespace could be made, or a note that the launcher was not used. */
    public static String hostReason() {
        String reason = System.getenv("PEERSTACK_NETNS_REASON");
        if (reason != null) {
            return reason;
        }
        return "the test JVM was not started through tools/netns/bin/java";
    }

    /** Names of the interfaces this JVM can see, sorted. */
    public static List<String> interfaceNames() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .map(NetworkInterface::getName).sorted().collect(Collectors.toList());
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces", e);
        }
    }

    /** Prints, once per JVM, where native tests send their traffic; loud when it is the host network. */
    public static void announce() {
        if (announced) {
            return;
        }
        announced = true;
        if (isPrivate()) {
            System.err.println("[peerstack] native tests run in a private network namespace: " + interfaceNames());
        } else {
            System.err.println("################################################################################");
            System.err.println("# [peerstack] NATIVE TESTS RUN ON THE HOST NETWORK: " + hostReason());
            System.err.println("# Interfaces: " + interfaceNames());
            System.err.println("################################################################################");
        }
    }
}
