package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.engine.EnginePair.Peer;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyAction;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NatDPayload;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadType;
import org.jracoon.ike.payload.VendorIdPayload;
import org.jracoon.ike.policy.GeneratePolicy;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.sa.IsakmpSa;
import org.junit.jupiter.api.Test;

/**
 * The roaming case in memory: a laptop A behind a NAT (its datagrams leave with the NAT's
 * public address and mapped ports) and a gateway B with {@code passive on}, {@code
 * generate_policy} and no SPD entries of its own. Both speak NAT-T (RFC 3947).
 */
class NatTraversalTest {

    private static final InetAddress NAT_PUBLIC = EnginePair.address("203.0.113.5");
    /** The NAT's mapping of A's port 500 and of its port 4500. */
    private static final int MAPPED_500 = 31000;
    private static final int MAPPED_4500 = 31001;
    /** {@code dpd on}, racoon's default: the DPD vendor ID announced. */
    private static final Liveness DPD_ON = Liveness.DEFAULT;
    private static final Liveness DPD_OFF = new Liveness(false, Duration.ZERO, Duration.ofSeconds(5), 5,
            Liveness.Rekey.ON);

    @Test
    void laptopBehindNatFloatsAndGatewayGeneratesPolicies() throws IsakmpProtocolException {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.REQUIRE);
        behindNat(pair);
        negotiate(pair, IpsecMode.TUNNEL);

        // MM1 announces NAT-T in racoon's order, MM2 answers with the one version chosen
        List<Payload> mm1 = vendorIds(pair.a.sink.sent.get(0));
        assertEquals(List.of(VendorIdPayload.NAT_T_RFC3947, VendorIdPayload.NAT_T_DRAFT_02,
                VendorIdPayload.NAT_T_DRAFT_02_N, VendorIdPayload.NAT_T_DRAFT_00), mm1);
        assertEquals(List.of(VendorIdPayload.NAT_T_RFC3947), vendorIds(pair.b.sink.sent.get(0)));
        // MM3 and MM4 carry two RFC NAT-D payloads each
        assertEquals(2, IsakmpMessage.decode(pair.a.sink.sent.get(1).data()).payloads(NatDPayload.class).stream()
                .filter(n -> n.type() == PayloadType.NAT_D).count());

        IsakmpSa laptop = pair.a.engine.isakmpSas().get(0);
        IsakmpSa gateway = pair.b.engine.isakmpSas().get(0);
        assertTrue(laptop.behindNat(), "A sees the NAT in front of it");
        assertFalse(gateway.behindNat());
        assertTrue(gateway.natDetected(), "B sees the NAT in front of A");
        // MM5 on went over 4500; B follows the NAT's mapping of A's 4500
        assertEquals(new InetSocketAddress(pair.a.address, IkeEngine.NATT_PORT), laptop.local());
        assertEquals(new InetSocketAddress(pair.b.address, IkeEngine.NATT_PORT), laptop.remote());
        assertEquals(new InetSocketAddress(NAT_PUBLIC, MAPPED_4500), gateway.remote());
        assertEquals(IkeEngine.NATT_PORT, gateway.local().getPort());
        assertTrue(pair.a.sink.sent.subList(4, pair.a.sink.sent.size()).stream()
                .allMatch(d -> d.local().getPort() == IkeEngine.NATT_PORT), "A sends from 4500 from MM5 on");

        // the SAs are ESP in UDP between the ISAKMP SA's ports, at the NAT's public address on B
        SaSpec aOut = pair.a.kernel.added.get(0);
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(IkeEngine.NATT_PORT, IkeEngine.NATT_PORT)),
                aOut.encapsulation());
        SaSpec bIn = pair.b.kernel.updated.get(0);
        assertEquals(NAT_PUBLIC, bIn.id().source());
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(MAPPED_4500, IkeEngine.NATT_PORT)), bIn.encapsulation());
        SaSpec bOut = pair.b.kernel.added.get(0);
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(IkeEngine.NATT_PORT, MAPPED_4500)), bOut.encapsulation());
        assertEquals(aOut.id().spi(), bIn.id().spi());
        assertEquals(IpsecMode.TUNNEL, bIn.mode());

        // B generated in, fwd and out for A's traffic, tunnelled to the NAT's address, with the SA's lifetime
        TrafficSelector toB = TrafficSelector.between(EnginePair.NET_A, EnginePair.NET_B);
        TrafficSelector toA = TrafficSelector.between(EnginePair.NET_B, EnginePair.NET_A);
        IpsecRequest inbound = IpsecRequest.tunnel(IpsecProtocol.ESP, NAT_PUBLIC, pair.b.address, IpsecLevel.REQUIRE);
        IpsecRequest outbound = IpsecRequest.tunnel(IpsecProtocol.ESP, pair.b.address, NAT_PUBLIC,
                IpsecLevel.REQUIRE);
        assertEquals(List.of(
                new PolicySpec(toB, PolicyDirection.IN, PolicyAction.IPSEC, List.of(inbound), 0, Lifetime.seconds(3600)),
                new PolicySpec(toB, PolicyDirection.FWD, PolicyAction.IPSEC, List.of(inbound), 0, Lifetime.seconds(3600)),
                new PolicySpec(toA, PolicyDirection.OUT, PolicyAction.IPSEC, List.of(outbound), 0,
                        Lifetime.seconds(3600))), pair.b.kernel.policiesUpdated);
        assertTrue(pair.a.kernel.policiesUpdated.isEmpty(), "the initiator generates nothing");

        // only A, behind the NAT, keeps the mapping open: one 0xFF from its 4500 to B's 4500
        assertTrue(pair.b.sink.timers.keySet().stream().noneMatch(t -> t.kind() == EngineTimer.Kind.NATT_KEEPALIVE));
        EngineTimer keepalive = pair.a.sink.timers.keySet().stream()
                .filter(t -> t.kind() == EngineTimer.Kind.NATT_KEEPALIVE).findFirst().orElseThrow();
        assertEquals(pair.clock.instant().plusSeconds(20), pair.a.sink.timers.get(keepalive));
        int before = pair.a.sink.sent.size();
        pair.a.sink.timers.remove(keepalive);
        pair.a.engine.timerExpired(keepalive);
        Datagram ka = pair.a.sink.sent.get(before);
        assertTrue(ka.isKeepalive());
        assertEquals(laptop.local(), ka.local());
        assertEquals(laptop.remote(), ka.remote());
        assertTrue(pair.a.sink.timers.containsKey(keepalive), "and again in 20 s");

        // when the pair expires on B, its generated policies go
        pair.b.engine.expire(new KernelEvent.Expire(bIn.id(), true, Lifetime.NONE));
        assertEquals(List.of("IN " + toB, "FWD " + toB, "OUT " + toA), pair.b.kernel.policiesDeleted);
    }

    @Test
    void withoutNatNothingFloatsAndNothingIsEncapsulated() {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.OFF);
        negotiate(pair, IpsecMode.TUNNEL);
        IsakmpSa laptop = pair.a.engine.isakmpSas().get(0);
        assertEquals(Optional.of(NatTraversalVersion.RFC_3947), laptop.natTraversal());
        assertFalse(laptop.natDetected());
        assertEquals(IkeEngine.IKE_PORT, laptop.local().getPort());
        assertEquals(Optional.empty(), pair.a.kernel.added.get(0).encapsulation());
        assertEquals(Optional.empty(), pair.b.kernel.updated.get(0).encapsulation());
        assertTrue(pair.b.kernel.policiesUpdated.isEmpty(), "generate_policy off");
        assertTrue(pair.a.sink.timers.keySet().stream().noneMatch(t -> t.kind() == EngineTimer.Kind.NATT_KEEPALIVE));
    }

    @Test
    void forceEncapsulatesWithoutNat() {
        EnginePair pair = roaming(NatTraversal.FORCE, NatTraversal.ON, GeneratePolicy.OFF);
        negotiate(pair, IpsecMode.TUNNEL);
        // A's zero-address hashes make B see a NAT in front of A too
        assertTrue(pair.b.engine.isakmpSas().get(0).natDetected());
        assertEquals(IkeEngine.NATT_PORT, pair.a.engine.isakmpSas().get(0).local().getPort());
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(IkeEngine.NATT_PORT, IkeEngine.NATT_PORT)),
                pair.b.kernel.added.get(0).encapsulation());
    }

    @Test
    void draftPeerGetsDraftPayloadsAndModes() throws IsakmpProtocolException {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.OFF);
        behindNat(pair);
        // a peer that knows only draft 02: its MM1 without the RFC 3947 vendor ID
        var nat = pair.pathAToB;
        pair.pathAToB = d -> nat.apply(withoutVendorId(d, VendorIdPayload.NAT_T_RFC3947));
        negotiate(pair, IpsecMode.TRANSPORT);
        assertEquals(Optional.of(NatTraversalVersion.DRAFT_02), pair.b.engine.isakmpSas().get(0).natTraversal());
        assertEquals(List.of(VendorIdPayload.NAT_T_DRAFT_02), vendorIds(pair.b.sink.sent.get(0)));
        assertEquals(List.of(PayloadType.NAT_D_DRAFT, PayloadType.NAT_D_DRAFT),
                IsakmpMessage.decode(pair.b.sink.sent.get(1).data()).payloads(NatDPayload.class).stream()
                        .map(Payload::type).toList());
        // transport mode in UDP: each side got the other's original address by NAT-OA
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(MAPPED_4500, IkeEngine.NATT_PORT).withOriginalAddress(
                pair.a.address)), pair.b.kernel.updated.get(0).encapsulation());
        assertEquals(Optional.of(UdpEncapsulation.espInUdp(IkeEngine.NATT_PORT, IkeEngine.NATT_PORT)
                .withOriginalAddress(pair.b.address)), pair.a.kernel.updated.get(0).encapsulation());
        assertEquals(IpsecMode.TRANSPORT, pair.b.kernel.updated.get(0).mode());
    }

    @Test
    void natTraversalOffOnOneSideMeansNone() {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.OFF, GeneratePolicy.OFF);
        negotiate(pair, IpsecMode.TUNNEL);
        assertTrue(vendorIds(pair.b.sink.sent.get(0)).isEmpty(), "B announces nothing");
        assertEquals(Optional.empty(), pair.a.engine.isakmpSas().get(0).natTraversal());
        assertEquals(Optional.empty(), pair.a.kernel.added.get(0).encapsulation());
    }

    @Test
    void dpdVendorIdComesLastAndIsEchoedOnlyWhenBothAskForIt() {
        for (boolean gatewayDpd : new boolean[] {true, false}) {
            EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.OFF, DPD_ON,
                    gatewayDpd ? DPD_ON : DPD_OFF);
            negotiate(pair, IpsecMode.TUNNEL);
            assertEquals(List.of(VendorIdPayload.NAT_T_RFC3947, VendorIdPayload.NAT_T_DRAFT_02,
                    VendorIdPayload.NAT_T_DRAFT_02_N, VendorIdPayload.NAT_T_DRAFT_00, VendorIdPayload.DPD),
                    vendorIds(pair.a.sink.sent.get(0)));
            assertEquals(gatewayDpd ? List.of(VendorIdPayload.NAT_T_RFC3947, VendorIdPayload.DPD)
                    : List.of(VendorIdPayload.NAT_T_RFC3947), vendorIds(pair.b.sink.sent.get(0)));
        }
    }

    @Test
    void aPhase1RenewedFromBehindTheNatTakesOverThePairAndTheGatewaysGeneratedPolicies() {
        Liveness force = new Liveness(false, Duration.ZERO, Duration.ofSeconds(5), 5, Liveness.Rekey.FORCE);
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.REQUIRE, force, DPD_OFF);
        behindNat(pair);
        negotiate(pair, IpsecMode.TUNNEL);
        IsakmpSa old = pair.a.engine.isakmpSas().get(0);
        SaSpec bIn = pair.b.kernel.updated.get(0);

        // at 80 % the laptop starts its successor from port 500, which floats to 4500 again
        int before = pair.a.sink.sent.size();
        fire(pair, pair.a, EngineTimer.Kind.REKEY, old);
        assertEquals(IkeEngine.IKE_PORT, pair.a.sink.sent.get(before).local().getPort(), "MM1 from 500");
        assertEquals(2, pair.a.sink.events(EngineEvent.Phase1Established.class).size());
        IsakmpSa renewed = pair.a.engine.isakmpSas().get(1);
        assertTrue(renewed.established());
        assertEquals(IkeEngine.NATT_PORT, renewed.remote().getPort());
        assertEquals(2, pair.b.engine.isakmpSas().size());

        // the old one ends; on both sides the pair goes over to the new one, on B with its policies
        fire(pair, pair.a, EngineTimer.Kind.LIFETIME, old);
        assertEquals(List.of(renewed.cookies()), pair.a.engine.isakmpSas().stream().map(IsakmpSa::cookies).toList());
        assertEquals(List.of(renewed.cookies()), pair.b.engine.isakmpSas().stream().map(IsakmpSa::cookies).toList(),
                "B took the DELETE of the old one");
        assertEquals(1, pair.a.engine.ipsecSas().size());
        assertEquals(1, pair.b.engine.ipsecSas().size());
        assertTrue(pair.b.kernel.policiesDeleted.isEmpty());
        pair.b.engine.expire(new KernelEvent.Expire(bIn.id(), true, Lifetime.NONE));
        TrafficSelector toB = TrafficSelector.between(EnginePair.NET_A, EnginePair.NET_B);
        TrafficSelector toA = TrafficSelector.between(EnginePair.NET_B, EnginePair.NET_A);
        assertEquals(List.of("IN " + toB, "FWD " + toB, "OUT " + toA), pair.b.kernel.policiesDeleted);
    }

    /** Fires {@code peer}'s timer of this kind for {@code sa} now, whatever its time, and pumps. */
    private static void fire(EnginePair pair, Peer peer, EngineTimer.Kind kind, IsakmpSa sa) {
        EngineTimer timer = peer.sink.timers.keySet().stream()
                .filter(t -> t.kind() == kind && t.saSerial() == sa.serial()).findFirst().orElseThrow();
        peer.sink.timers.remove(timer);
        peer.engine.timerExpired(timer);
        pair.pump();
    }

    @Test
    void passiveGatewayNeverInitiates() {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.REQUIRE);
        pair.b.engine.acquire(pair.b.request(pair.a, IpsecMode.TUNNEL));
        pair.pump();
        assertTrue(pair.b.sink.sent.isEmpty());
        assertTrue(pair.b.engine.isakmpSas().isEmpty());
    }

    @Test
    void uniqueGivesEachPairItsOwnReqid() {
        EnginePair pair = roaming(NatTraversal.ON, NatTraversal.ON, GeneratePolicy.UNIQUE);
        negotiate(pair, IpsecMode.TUNNEL);
        int reqid = pair.b.kernel.updated.get(0).reqid();
        assertEquals(1, reqid);
        assertEquals(reqid, pair.b.kernel.added.get(0).reqid());
        for (PolicySpec p : pair.b.kernel.policiesUpdated) {
            assertEquals(IpsecLevel.UNIQUE, p.requests().get(0).level());
            assertEquals(reqid, p.requests().get(0).reqid());
        }
    }

    /**
     * A laptop with a remote for B and an sainfo for its network, and a gateway with {@code remote
     * anonymous} and {@code sainfo anonymous}, passive.
     */
    private static EnginePair roaming(NatTraversal laptop, NatTraversal gateway, GeneratePolicy generate) {
        return roaming(laptop, gateway, generate, DPD_OFF, DPD_OFF);
    }

    private static EnginePair roaming(NatTraversal laptop, NatTraversal gateway, GeneratePolicy generate,
            Liveness laptopLiveness, Liveness gatewayLiveness) {
        Phase2Policy anySainfo = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600);
        Policies a = new Policies(List.of(RemotePolicy.of(Optional.of(EnginePair.ADDRESS_B),
                List.of(EnginePair.MM_AES128_SHA1_MODP2048)).withNatTraversal(laptop).withLiveness(laptopLiveness)),
                List.of(EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B)));
        Policies b = new Policies(List.of(RemotePolicy.of(Optional.empty(),
                List.of(EnginePair.MM_AES128_SHA1_MODP2048)).withNatTraversal(gateway).withRoaming(true, generate)
                .withLiveness(gatewayLiveness)), List.of(anySainfo));
        return new EnginePair(a, b);
    }

    /** Puts A behind a NAT that maps its ports 500 and 4500 to two ports of its public address. */
    private static void behindNat(EnginePair pair) {
        pair.pathAToB = d -> new Datagram(d.data(), new InetSocketAddress(NAT_PUBLIC,
                d.local().getPort() == IkeEngine.IKE_PORT ? MAPPED_500 : MAPPED_4500), d.remote());
        pair.pathBToA = d -> new Datagram(d.data(), d.local(), new InetSocketAddress(pair.a.address,
                d.remote().getPort() == MAPPED_500 ? IkeEngine.IKE_PORT : IkeEngine.NATT_PORT));
    }

    /** A's ACQUIRE for its network to B's, negotiated to the end on both sides. */
    private static void negotiate(EnginePair pair, IpsecMode mode) {
        pair.a.engine.acquire(pair.a.request(pair.b, mode));
        pair.pump();
        established(pair.a);
        established(pair.b);
    }

    private static void established(Peer p) {
        assertEquals(1, p.sink.events(EngineEvent.Phase1Established.class).size(), "phase 1 on " + p.address);
        assertEquals(1, p.sink.events(EngineEvent.Phase2Established.class).size(), "phase 2 on " + p.address);
    }

    private static List<Payload> vendorIds(Datagram d) {
        try {
            return new ArrayList<>(IsakmpMessage.decode(d.data()).payloads(VendorIdPayload.class));
        } catch (IsakmpProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static Datagram withoutVendorId(Datagram d, VendorIdPayload vid) {
        try {
            IsakmpMessage m = IsakmpMessage.decode(d.data());
            if (m.header().encrypted() || !m.payloads().contains(vid)) {
                return d;
            }
            List<Payload> rest = new ArrayList<>(m.payloads());
            rest.remove(vid);
            return new Datagram(new IsakmpMessage(m.header(), rest).encode(), d.local(), d.remote());
        } catch (IsakmpProtocolException e) {
            return d; // a keepalive or the like goes as it is
        }
    }
}
