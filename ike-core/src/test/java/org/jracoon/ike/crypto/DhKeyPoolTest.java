package org.jracoon.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DhKeyPoolTest {

    private final RandomSource random = new SecureRandomSource();

    @Test
    void handsOutEachPairOnceAndOfTheGroupAsked() {
        try (DhKeyPool pool = new DhKeyPool(4, random)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                DhKeyPair pair = pool.keyPair(ModpGroup.MODP_768, random);
                assertSame(ModpGroup.MODP_768, pair.group());
                assertTrue(seen.add(Arrays.toString(pair.publicValue())), "pair " + i + " handed out before");
            }
            DhKeyPair other = pool.keyPair(ModpGroup.MODP_1024, random);
            DhKeyPair peer = ModpGroup.MODP_1024.generateKeyPair(random);
            assertArrayEquals(other.agree(peer.publicValue()).extract(), peer.agree(other.publicValue()).extract());
        }
    }

    @Test
    void fillsAGroupAfterItsFirstUse() throws InterruptedException {
        try (DhKeyPool pool = new DhKeyPool(3, random)) {
            assertEquals(0, pool.ready(ModpGroup.MODP_768), "nothing is made before a group is asked for");
            pool.keyPair(ModpGroup.MODP_768, random);
            // polled with a deadline: the filler runs on its own thread
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (pool.ready(ModpGroup.MODP_768) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, pool.ready(ModpGroup.MODP_768));
            assertEquals(0, pool.ready(ModpGroup.MODP_2048));
        }
    }

    @Test
    void anEmptyPoolMakesThePairOnTheCallersRandom() {
        try (DhKeyPool pool = new DhKeyPool(1, random)) {
            byte[] pinned = new byte[ModpGroup.MODP_768.shortExponentBits() / 8];
            pinned[pinned.length - 1] = 3;
            DhKeyPair pair = pool.keyPair(ModpGroup.MODP_768, new PinnedRandomSource(pinned));
            byte[] eight = new byte[ModpGroup.MODP_768.valueLength()];
            eight[eight.length - 1] = 8;
            assertArrayEquals(eight, pair.publicValue());
        }
    }

    @Test
    void refusesAnEmptyPool() {
        assertThrows(IllegalArgumentException.class, () -> new DhKeyPool(0, random));
    }
}
