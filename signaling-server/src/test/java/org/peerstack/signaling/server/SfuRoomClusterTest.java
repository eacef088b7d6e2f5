package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;

/** In cluster mode SFU rooms are refused with sfu-unavailable (an SFU room lives on one node); mesh rooms work. */
class SfuRoomClusterTest {

    @Test
    void sfuJoinsAreRefusedInClusterModeWithTheReason() throws Exception {
        try (RedisProcess redis = RedisProcess.startNew();
             SignalingServer node = ClusterNodes.start(redis, "sfu-cluster-" + System.nanoTime(), Map.of(
                     "sfu.enabled", "true", "sfu.port", "0", "sfu.bind-address", "127.0.0.1", "sfu.rooms", "[\"sfu-*\"]"));
             SignalingClient client = SignalingClient.create(TestServers.options(node.uri()).build())) {
            ClientRecorder events = new ClientRecorder("client", client, false);
            client.connect().get(20, TimeUnit.SECONDS);
            for (Join join : new Join[] {new Join("any", null, null, true), new Join("sfu-by-name", null, null)}) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> client.join(join).get(20, TimeUnit.SECONDS));
                assertThat(((SignalingException) e.getCause()).code()).as(join.toString()).isEqualTo(ErrorCode.SFU_UNAVAILABLE);
                assertThat(events.nextOf(ErrorMessage.class).message()).contains("cluster mode");
            }
            assertThat(client.join(new Join("mesh", null, null)).get(20, TimeUnit.SECONDS).sfuRoom()).isFalse();
        }
    }
}
