package org.jracoon.ike.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.RemotePolicy;
import org.junit.jupiter.api.Test;

class SaTableTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 500);
    private static final RemotePolicy POLICY = RemotePolicy.of(Optional.empty(), List.of(new Phase1Proposal(
            EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024,
            28800)));

    private record Held(IsakmpSa sa) implements SaTable.Entry {
    }

    private static Held responder(long serial, long initiatorCookie, long responderCookie, int port) {
        return new Held(new IsakmpSa(serial, Role.RESPONDER, new Cookies(initiatorCookie, responderCookie), LOCAL,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), POLICY, Instant.EPOCH));
    }

    @Test
    void findsEachOfTwoSasSharingAnInitiatorCookieAndForgetsOnlyTheOneRemoved() {
        SaTable<Held> table = new SaTable<>();
        Held first = responder(1, 0x1111, 0xaaaa, 1000);
        Held second = responder(2, 0x1111, 0xbbbb, 1001);
        table.add(first);
        table.add(second);
        for (int i = 0; i < 1000; i++) {
            table.add(responder(10 + i, 0x2000 + i, 0x3000 + i, 2000 + i));
        }
        assertSame(first, table.find(0x1111, 0xaaaa, first.sa().remote()).orElseThrow());
        assertSame(second, table.find(0x1111, 0xbbbb, second.sa().remote()).orElseThrow());
        // a retransmitted MM1 (responder cookie still 0) finds the SA of its own source
        assertSame(second, table.find(0x1111, 0, second.sa().remote()).orElseThrow());
        assertSame(table.bySerial(500).orElseThrow(), table.find(0x2000 + 490, 0x3000 + 490,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 2490)).orElseThrow());

        table.remove(first);
        table.remove(first);
        assertTrue(table.find(0x1111, 0xaaaa, first.sa().remote()).isEmpty());
        assertSame(second, table.find(0x1111, 0xbbbb, second.sa().remote()).orElseThrow());
        assertEquals(1001, table.size());
        table.remove(second);
        assertTrue(table.find(0x1111, 0xbbbb, second.sa().remote()).isEmpty());
        assertEquals(1000, table.size());
    }
}
