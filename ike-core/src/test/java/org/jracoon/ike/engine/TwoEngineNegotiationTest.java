package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.sa.IsakmpSa;
import org.junit.jupiter.api.Test;

/**
 * Two engines negotiate Main Mode with a pre-shared key and Quick Mode against each other in
 * memory; both must end with the same SAs crossed on their kernels.
 */
class TwoEngineNegotiationTest {

    @Test
    void tripleDesMd5WithPfsModp768InitiatedByA() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768));
        negotiate(pair, pair.a, pair.b);
        SaSpec outbound = pair.a.kernel.added.get(0);
        assertEquals(SaEncryption.DES3_CBC, outbound.encryption());
        assertEquals(24, outbound.encryptionKey().length());
        assertEquals(SaIntegrity.HMAC_MD5, outbound.integrity());
        assertEquals(16, outbound.integrityKey().length());
    }

    @Test
    void aes128Sha1WithoutPfsInitiatedByB() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_AES128_SHA1_MODP2048, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty());
        negotiate(pair, pair.b, pair.a);
        SaSpec outbound = pair.b.kernel.added.get(0);
        assertEquals(SaEncryption.AES_CBC, outbound.encryption());
        assertEquals(16, outbound.encryptionKey().length());
        assertEquals(SaIntegrity.HMAC_SHA1, outbound.integrity());
        assertEquals(20, outbound.integrityKey().length());
    }

    @Test
    void ipv6EndpointsAndNetworks() {
        InetAddress a = EnginePair.address("2001:db8::11");
        InetAddress b = EnginePair.address("2001:db8::12");
        IpPrefix netA = new IpPrefix(EnginePair.address("2001:db8:a::"), 64);
        IpPrefix netB = new IpPrefix(EnginePair.address("2001:db8:b::"), 64);
        EnginePair pair = new EnginePair(
                a, netA, EnginePair.policies(b, EnginePair.MM_AES128_SHA1_MODP2048, EnginePair.sainfo(netA, netB)),
                b, netB, EnginePair.policies(a, EnginePair.MM_AES128_SHA1_MODP2048, EnginePair.sainfo(netB, netA)));
        negotiate(pair, pair.a, pair.b);
        assertEquals(b, pair.a.kernel.added.get(0).id().destination());
        assertEquals(TrafficSelector.between(netB, netA), pair.b.engine.ipsecSas().get(0).selector());
    }

    @Test
    void eachSaTakesTheReqidOfTheKernelPolicyForItsDirection() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_AES128_SHA1_MODP2048, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty());
        TrafficSelector aToB = TrafficSelector.between(EnginePair.NET_A, EnginePair.NET_B);
        InetAddress a = EnginePair.ADDRESS_A;
        InetAddress b = EnginePair.ADDRESS_B;
        // setkey's unique:7 and unique:8 on A; plain unique on B, where the kernel numbers each policy
        pair.a.kernel.policies.addAll(List.of(unique(aToB, PolicyDirection.OUT, a, b, 7),
                unique(aToB.reversed(), PolicyDirection.IN, b, a, 8)));
        pair.b.kernel.policies.addAll(List.of(unique(aToB.reversed(), PolicyDirection.OUT, b, a, 16385),
                unique(aToB, PolicyDirection.IN, a, b, 16386)));
        // the ACQUIRE names A's outbound policy, whose reqid the runtime passes on
        pair.a.engine.acquire(new SaRequest(a, b, aToB, IpsecProtocol.ESP, IpsecMode.TUNNEL, 7, 1));
        pair.pump();
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(8, pair.a.kernel.updated.get(0).reqid(), "A's inbound SA");
        assertEquals(7, pair.a.kernel.added.get(0).reqid(), "A's outbound SA");
        assertEquals(16386, pair.b.kernel.updated.get(0).reqid(), "B's inbound SA");
        assertEquals(16385, pair.b.kernel.added.get(0).reqid(), "B's outbound SA");
    }

    @Test
    void withoutAPolicyForTheTrafficTheResponderInstallsReqidZero() {
        EnginePair pair = EnginePair.symmetric(EnginePair.MM_AES128_SHA1_MODP2048, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty());
        TrafficSelector aToB = TrafficSelector.between(EnginePair.NET_A, EnginePair.NET_B);
        pair.a.engine.acquire(new SaRequest(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B, aToB, IpsecProtocol.ESP,
                IpsecMode.TUNNEL, 5, 1));
        pair.pump();
        assertEquals(List.of(5, 5), List.of(pair.a.kernel.updated.get(0).reqid(), pair.a.kernel.added.get(0).reqid()),
                "the initiator falls back to the ACQUIRE's policy");
        assertEquals(List.of(0, 0), List.of(pair.b.kernel.updated.get(0).reqid(), pair.b.kernel.added.get(0).reqid()));
    }

    private static PolicySpec unique(TrafficSelector traffic, PolicyDirection direction, InetAddress from,
            InetAddress to, int reqid) {
        return PolicySpec.ipsec(traffic, direction,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, from, to, IpsecLevel.UNIQUE).withReqid(reqid)));
    }

    /** Runs a negotiation from an ACQUIRE on {@code initiator} and checks both kernels. */
    static void negotiate(EnginePair pair, Peer initiator, Peer responder) {
        initiator.engine.acquire(initiator.request(responder, IpsecMode.TUNNEL));
        pair.pump();

        for (Peer p : List.of(initiator, responder)) {
            assertEquals(1, p.sink.events(EngineEvent.Phase1Established.class).size(), "phase 1 on " + p.address);
            assertEquals(1, p.sink.events(EngineEvent.Phase2Established.class).size(), "phase 2 on " + p.address);
            assertTrue(p.sink.events(EngineEvent.Phase1Failed.class).isEmpty());
            assertTrue(p.sink.events(EngineEvent.Phase2Failed.class).isEmpty());
            assertEquals(1, p.engine.isakmpSas().size());
            assertEquals(IsakmpSa.State.ESTABLISHED, p.engine.isakmpSas().get(0).state());
            assertEquals(1, p.kernel.updated.size(), "one inbound SA on " + p.address);
            assertEquals(1, p.kernel.added.size(), "one outbound SA on " + p.address);
        }
        assertEquals(initiator.engine.isakmpSas().get(0).cookies(), responder.engine.isakmpSas().get(0).cookies());
        sameSa(initiator.kernel.added.get(0), responder.kernel.updated.get(0));
        sameSa(responder.kernel.added.get(0), initiator.kernel.updated.get(0));
        // each side's inbound SA carries the SPI its own GETSPI reserved
        assertEquals(initiator.kernel.reserved.get(0), initiator.kernel.updated.get(0).id());
        assertEquals(responder.kernel.reserved.get(0), responder.kernel.updated.get(0).id());
        assertNotEquals(initiator.kernel.added.get(0).encryptionKey(), responder.kernel.added.get(0).encryptionKey(),
                "each direction has its own keys");

        SaSpec in = initiator.kernel.updated.get(0);
        assertEquals(4, in.replayWindow());
        assertEquals(IpsecMode.TUNNEL, in.mode());
        assertEquals(Lifetime.seconds(3600), in.hard());
        assertEquals(Lifetime.seconds(2880), in.soft());
        assertEquals(IpsecProtocol.ESP, in.id().protocol());
        assertEquals(initiator.address, in.id().destination());
        assertEquals(responder.address, in.id().source());
        // the timers still armed are the ISAKMP SAs' lifetimes only
        for (Peer p : List.of(initiator, responder)) {
            assertTrue(p.sink.timers.keySet().stream().allMatch(t -> t.kind() == EngineTimer.Kind.LIFETIME),
                    p.sink.timers.toString());
        }
        assertFalse(initiator.kernel.installed().isEmpty());
    }

    /** The SA one side added outbound is the SA the other side updated inbound: same SPI, algorithms and keys. */
    static void sameSa(SaSpec outbound, SaSpec inbound) {
        assertEquals(outbound.id(), inbound.id());
        assertEquals(outbound.mode(), inbound.mode());
        assertEquals(outbound.encryption(), inbound.encryption());
        assertArrayEquals(outbound.encryptionKey().bytes(), inbound.encryptionKey().bytes());
        assertEquals(outbound.integrity(), inbound.integrity());
        assertArrayEquals(outbound.integrityKey().bytes(), inbound.integrityKey().bytes());
        assertEquals(outbound.hard(), inbound.hard());
        assertEquals(outbound.soft(), inbound.soft());
    }
}
