package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.sa.IpsecSa;
import org.junit.jupiter.api.Test;

/** What happens to negotiated SAs later: lifetimes, kernel expiry, a peer that restarted, repeated ACQUIREs. */
class EngineLifecycleTest {

    private static EnginePair negotiated() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.of(ModpGroup.MODP_1024));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        return pair;
    }

    @Test
    void isakmpSaLifetimeEndsWithADelete() {
        EnginePair pair = negotiated();
        assertTrue(pair.fireNextTimer());
        assertTrue(pair.a.engine.isakmpSas().isEmpty());
        assertTrue(pair.b.engine.isakmpSas().isEmpty(), "the peer took the DELETE");
        for (EnginePair.Peer p : List.of(pair.a, pair.b)) {
            List<EngineEvent.Phase1Down> down = p.sink.events(EngineEvent.Phase1Down.class);
            assertEquals(1, down.size());
            assertEquals(false, down.get(0).dead());
        }
        // the IPsec SAs live on under their own lifetimes
        assertEquals(2, pair.a.kernel.installed().size());
        assertEquals(2, pair.b.kernel.installed().size());
    }

    @Test
    void hardExpireTellsThePeer() {
        EnginePair pair = negotiated();
        IpsecSa onB = pair.b.engine.ipsecSas().get(0);
        pair.b.engine.expire(new KernelEvent.Expire(onB.inbound(), true, Lifetime.NONE));
        pair.pump();
        assertTrue(pair.b.engine.ipsecSas().isEmpty());
        assertTrue(pair.a.engine.ipsecSas().isEmpty());
        IpsecSa onA = new IpsecSa(onB.phase1(), onB.protocol(), onB.mode(), onB.remote(), onB.local(),
                onB.outboundSpi(), onB.inboundSpi(), onB.selector(), onB.lifetimeSeconds());
        assertEquals(List.<SaId>of(onA.inbound(), onA.outbound()), pair.a.kernel.deleted);
        assertEquals(1, pair.a.engine.isakmpSas().size(), "the ISAKMP SA stays");
    }

    @Test
    void softExpireRenewsAPairWeInitiated() {
        EnginePair pair = negotiated();
        IpsecSa onB = pair.b.engine.ipsecSas().get(0);
        pair.b.engine.expire(new KernelEvent.Expire(onB.inbound(), false, Lifetime.NONE));
        pair.pump();
        assertEquals(1, pair.b.engine.ipsecSas().size(), "the responder leaves renewal to the initiator");

        IpsecSa onA = pair.a.engine.ipsecSas().get(0);
        pair.a.engine.expire(new KernelEvent.Expire(onA.outbound(), false, Lifetime.NONE));
        pair.pump();
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(2, pair.a.engine.ipsecSas().size());
        assertEquals(2, pair.b.engine.ipsecSas().size());
        assertEquals(4, pair.a.kernel.installed().size(), "old and new pairs until the old one expires");
        assertEquals(1, pair.a.engine.isakmpSas().size(), "on the same ISAKMP SA");
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(1), pair.b.kernel.updated.get(1));
    }

    @Test
    void initialContactFromARestartedPeerPurgesItsStaleSas() {
        EnginePair pair = negotiated();
        IpsecSa stale = pair.b.engine.ipsecSas().get(0);
        pair.replaceA(EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_3DES_SHA1_MODP1024, sainfoOfA()),
                EnginePair.PSK);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.b.engine.isakmpSas().size(), "only the new ISAKMP SA is left");
        assertTrue(pair.b.kernel.deleted.containsAll(List.of(stale.inbound(), stale.outbound())));
        assertEquals(1, pair.b.engine.ipsecSas().size());
        assertEquals(2, pair.b.kernel.installed().size());
    }

    @Test
    void initialContactAlsoRemovesKernelSasTheEngineNeverKnew() {
        EnginePair pair = negotiated();
        IpsecSa known = pair.b.engine.ipsecSas().get(0);
        // left by an earlier run of B's daemon or by setkey: between A and B both ways, and with another peer
        InetAddress other = EnginePair.address("192.168.1.99");
        SaSpec fromA = staleSa(new SaId(IpsecProtocol.ESP, EnginePair.ADDRESS_A, EnginePair.ADDRESS_B, 0x5001));
        SaSpec toA = staleSa(new SaId(IpsecProtocol.AH, EnginePair.ADDRESS_B, EnginePair.ADDRESS_A, 0x5002));
        SaSpec withOther = staleSa(new SaId(IpsecProtocol.ESP, other, EnginePair.ADDRESS_B, 0x5003));
        for (SaSpec s : List.of(fromA, toA, withOther)) {
            pair.b.kernel.addSa(s);
        }

        pair.replaceA(EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_3DES_SHA1_MODP1024, sainfoOfA()),
                EnginePair.PSK);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();

        assertTrue(pair.b.kernel.deleted.containsAll(List.of(known.inbound(), known.outbound(), fromA.id(),
                toA.id())), "deleted: " + pair.b.kernel.deleted);
        assertFalse(pair.b.kernel.deleted.contains(withOther.id()));
        IpsecSa fresh = pair.b.engine.ipsecSas().get(0);
        assertEquals(Set.of(withOther.id(), fresh.inbound(), fresh.outbound()),
                pair.b.kernel.installed().stream().map(SaSpec::id).collect(Collectors.toSet()));
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size(), "the new pair is up");
    }

    private static SaSpec staleSa(SaId id) {
        return SaSpec.builder(id).mode(IpsecMode.TUNNEL)
                .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(new byte[20])).build();
    }

    @Test
    void repeatedAcquireWhileNegotiatingStartsNothingNew() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty());
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(1, pair.a.engine.isakmpSas().size());
        assertEquals(1, pair.b.kernel.reserved.size(), "one Quick Mode reached B");
        assertEquals(1, pair.a.kernel.reserved.size(), "one GETSPI on A");
    }

    private static Phase2Policy sainfoOfA() {
        return new Phase2Policy(Optional.of(TrafficSelector.between(
                EnginePair.NET_A, EnginePair.NET_B)), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.of(ModpGroup.MODP_1024), 3600);
    }
}
