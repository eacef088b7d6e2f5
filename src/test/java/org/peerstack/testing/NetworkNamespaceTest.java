package org.peerstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test fork runs where the launcher says it does. */
class NetworkNamespaceTest {

    @Test
    void privateNamespaceHoldsOnlyLoopbackAndTheVethPair() {
        NetworkNamespace.announce();
        if (NetworkNamespace.isPrivate()) {
            assertThat(NetworkNamespace.interfaceNames()).containsExactlyElementsOf(NetworkNamespace.PRIVATE_INTERFACES);
        } else {
            // Host fallback is allowed only when the launcher said why (announce() printed it loudly),
            // and CI forbids it with PEERSTACK_NETNS_REQUIRED=1.
            assertThat(NetworkNamespace.hostReason()).isNotBlank();
            assertThat(System.getenv("PEERSTACK_NETNS_REQUIRED")).as("CI requires a private namespace").isNotEqualTo("1");
        }
    }
}
