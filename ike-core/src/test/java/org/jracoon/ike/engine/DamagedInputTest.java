package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.keymat.KatRecord;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.junit.jupiter.api.Test;

/**
 * Damaged datagrams, before and after phase 1: the engine logs and drops them without an
 * internal error, installs nothing, and still negotiates afterwards.
 */
class DamagedInputTest {

    private static final Phase1Proposal KAT_PROPOSAL = new Phase1Proposal(EncryptionAlgorithm.TRIPLE_DES_CBC, 0,
            HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800);

    @Test
    void damagedMm1sAndQuickModesLeaveNoTrace() throws Exception {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = EnginePair.symmetric(KAT_PROPOSAL, List.of(IpsecEncryption.TRIPLE_DES),
                    List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768));
            Random random = new Random(5);
            byte[] mm1 = KatRecord.load().packet(1);
            InetSocketAddress from = pair.a.endpoint();
            for (int i = 0; i < 2000; i++) {
                pair.b.engine.receive(new Datagram(damage(mm1, random), pair.b.endpoint(), from));
            }
            for (int i = 0; i < 200; i++) {
                byte[] noise = new byte[random.nextInt(120)];
                random.nextBytes(noise);
                pair.b.engine.receive(new Datagram(noise, pair.b.endpoint(), from));
            }
            assertTrue(pair.b.kernel.reserved.isEmpty());
            pair.b.sink.outbox.clear();
            pair.b.sink.timers.clear();

            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
            byte[] qm1 = pair.a.sink.sent.stream().map(Datagram::data).filter(DamagedInputTest::quickMode)
                    .findFirst().orElseThrow();
            for (int i = 0; i < 500; i++) {
                pair.b.engine.receive(new Datagram(damage(qm1, random), pair.b.endpoint(), from));
            }
            assertEquals(1, pair.b.kernel.updated.size(), "no SA from a damaged QM1");
            assertEquals(List.of(), errors(log));
        }
    }

    private static boolean quickMode(byte[] datagram) {
        return datagram.length > 18 && (datagram[18] & 0xff) == ExchangeType.QUICK_MODE;
    }

    /** A copy with one to four bytes changed, the first 16 (the cookies) left alone half of the time. */
    private static byte[] damage(byte[] original, Random random) {
        byte[] copy = original.clone();
        int changes = 1 + random.nextInt(4);
        int from = random.nextBoolean() ? IsakmpHeader.LENGTH - 12 : 0;
        for (int i = 0; i < changes; i++) {
            copy[from + random.nextInt(copy.length - from)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static List<String> errors(LogCapture log) {
        return log.warnings("internal error");
    }
}
