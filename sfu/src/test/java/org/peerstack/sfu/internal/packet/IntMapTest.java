package org.peerstack.sfu.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        IntMap<Integer> map = new IntMap<>();
        Map<Integer, Integer> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int key = random.nextInt(300) - 150;
            switch (random.nextInt(3)) {
                case 0 -> {
                    map.put(key, i);
                    reference.put(key, i);
                }
                case 1 -> assertThat(map.remove(key)).isEqualTo(reference.remove(key));
                default -> assertThat(map.get(key)).isEqualTo(reference.get(key));
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
    }
}
