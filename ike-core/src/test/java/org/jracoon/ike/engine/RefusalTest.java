package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.Test;

/**
 * Negotiations the responder B must refuse: each leaves one warning line on its side, no SA in
 * its kernel, and B then completes a good negotiation with a corrected A.
 */
class RefusalTest {

    private static final String A = "192.168.1.11[500]";
    private static final String B = "192.168.1.12[500]";

    @Test
    void wrongPreSharedKey() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600),
                    Secret.copyOf("not-the-key".getBytes()), goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B,
                            EnginePair.NET_A, 3600), EnginePair.PSK);
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("phase 1 with " + A + " refused: pre-shared key mismatch: MM5 "),
                    refusal.get(0));
            assertTrue(pair.b.engine.isakmpSas().isEmpty());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Failed.class).size());

            // A hears nothing back (an unauthenticated MM5 earns no encrypted answer) and gives up on its timers
            pair.runTimersOut();
            List<String> initiatorSide = log.warnings(B);
            assertEquals(1, initiatorSide.size(), initiatorSide.toString());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Failed.class).size());
            nothingInstalled(pair.a);
            nothingInstalled(pair.b);

            stillServes(pair, log);
        }
    }

    @Test
    void noCommonPhase1Proposal() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_AES128_SHA1_MODP2048,
                            sainfo(EnginePair.NET_A, EnginePair.NET_B, 3600)),
                    goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B, EnginePair.NET_A, 3600));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            List<String> refusal = log.warnings(A);
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("NO-PROPOSAL-CHOSEN"), refusal.get(0));
            assertTrue(pair.b.engine.isakmpSas().isEmpty(), "no responder state for a refused MM1");
            // B said so in the clear, and A stopped at once
            List<String> initiatorSide = log.warnings(B);
            assertEquals(1, initiatorSide.size(), initiatorSide.toString());
            assertTrue(initiatorSide.get(0).contains("peer refused MM1 with NO-PROPOSAL-CHOSEN"), initiatorSide.get(0));
            assertTrue(pair.a.engine.isakmpSas().isEmpty());
            nothingInstalled(pair.a);
            nothingInstalled(pair.b);

            stillServes(pair, log);
        }
    }

    @Test
    void longerPhase2LifetimeUnderStrict() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = new EnginePair(
                    goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 7200),
                    goodPolicies(EnginePair.ADDRESS_A, EnginePair.NET_B, EnginePair.NET_A, 3600));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
            List<String> refusal = log.warnings("lifetime 7200 s");
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("phase 2 with " + A + " refused"), refusal.get(0));
            assertTrue(refusal.get(0).contains("(STRICT)"), refusal.get(0));
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Failed.class).size());
            nothingInstalled(pair.b);

            // the protected NO-PROPOSAL-CHOSEN ends A's Quick Mode at once
            List<EngineEvent.Phase2Failed> failed = pair.a.sink.events(EngineEvent.Phase2Failed.class);
            assertEquals(1, failed.size());
            assertEquals("peer refused with NO-PROPOSAL-CHOSEN", failed.get(0).reason());
            pair.runTimersOut();
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Failed.class).size());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Failed.class).size());
            nothingInstalled(pair.a);
            // the SPI A reserved for the refused Quick Mode is given back
            assertEquals(pair.a.kernel.reserved, pair.a.kernel.deleted);

            stillServes(pair, log);
        }
    }

    /** A corrected A at the same address negotiates with the same B engine. */
    private static void stillServes(EnginePair pair, LogCapture log) {
        log.clear();
        pair.replaceA(goodPolicies(EnginePair.ADDRESS_B, EnginePair.NET_A, EnginePair.NET_B, 3600), EnginePair.PSK);
        int before = pair.b.kernel.installed().size();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(before + 2, pair.b.kernel.installed().size());
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
        assertEquals(List.of(), log.warnings(""));
    }

    private static void nothingInstalled(Peer peer) {
        assertTrue(peer.kernel.installed().isEmpty(), "no SA on " + peer.address);
        assertTrue(peer.sink.events(EngineEvent.Phase2Established.class).isEmpty());
    }

    private static Policies goodPolicies(InetAddress peer, IpPrefix ours,
            IpPrefix theirs, long phase2Lifetime) {
        return EnginePair.policies(peer, EnginePair.MM_3DES_SHA1_MODP1024, sainfo(ours, theirs, phase2Lifetime));
    }

    private static Phase2Policy sainfo(IpPrefix ours, IpPrefix theirs,
            long lifetime) {
        return new Phase2Policy(Optional.of(TrafficSelector.between(ours, theirs)), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.of(ModpGroup.MODP_1024), lifetime);
    }
}
