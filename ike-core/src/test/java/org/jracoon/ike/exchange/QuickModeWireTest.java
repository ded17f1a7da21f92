package org.jracoon.ike.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.IpsecAttributes;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.ProposalCheck;
import org.junit.jupiter.api.Test;

/** Quick Mode IDs and proposals on the wire, both directions. */
class QuickModeWireTest {

    @Test
    void idsAndPrefixes() throws Exception {
        IpPrefix net = new IpPrefix(InetAddress.getByName("10.1.0.0"), 24);
        IdPayload subnet = Ids.of(net, 0, TrafficSelector.ANY_PROTOCOL);
        assertEquals(IdType.IPV4_ADDR_SUBNET, subnet.idType());
        assertEquals(0, subnet.protocol());
        assertEquals(net, Ids.prefix(subnet));
        IpPrefix host = IpPrefix.host(InetAddress.getByName("2001:db8::7"));
        IdPayload address = Ids.of(host, 500, 17);
        assertEquals(IdType.IPV6_ADDR, address.idType());
        assertEquals(host, Ids.prefix(address));
        assertEquals("ID_IPV4_ADDR_SUBNET 10.1.0.0/24", Ids.describe(subnet));

        IdPayload holes = new IdPayload(IdType.IPV4_ADDR_SUBNET, 0, 0, Octets.fromHex("0a010000ff00ff00"));
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, () -> Ids.prefix(holes));
        assertEquals(NotifyType.INVALID_ID_INFORMATION, e.notifyType());
        IdPayload range = new IdPayload(IdType.IPV4_ADDR_RANGE, 0, 0, Octets.fromHex("0a0100010a0100ff"));
        assertEquals(NotifyType.INVALID_ID_INFORMATION,
                assertThrows(IsakmpProtocolException.class, () -> Ids.prefix(range)).notifyType());
    }

    @Test
    void offerIsTheCrossProductAndTheResponderTakesTheFirstItAllows() throws Exception {
        Phase2Policy initiator = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.AES_256,
                IpsecEncryption.TRIPLE_DES), List.of(IpsecAuthentication.HMAC_SHA2_256, IpsecAuthentication.HMAC_MD5),
                Optional.of(ModpGroup.MODP_1536), 3600);
        SaPayload offer = Phase2Proposals.offer(IpsecProtocol.ESP, IpsecMode.TUNNEL, initiator, 0x1234,
                Optional.empty());
        assertEquals(4, offer.proposals().get(0).transforms().size());

        Phase2Policy responder = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_1536), 3600);
        Phase2Proposals.Choice choice = Phase2Proposals.choose(offer, responder, ProposalCheck.STRICT);
        assertEquals(4, choice.proposal().transforms().get(0).number());
        assertEquals(0x1234, choice.peerSpi());
        assertEquals(40, choice.suite().keymatLength());
        // the initiator recognises the echoed transform
        SaPayload answer = SaPayload.ipsec(List.of(choice.proposal()));
        assertEquals(choice.suite(), Phase2Proposals.accept(answer, offer).suite());

        Phase2Policy noPfs = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_1024), 3600);
        IsakmpProtocolException refused = assertThrows(IsakmpProtocolException.class,
                () -> Phase2Proposals.choose(offer, noPfs, ProposalCheck.STRICT));
        assertEquals(NotifyType.NO_PROPOSAL_CHOSEN, refused.notifyType());
    }

    @Test
    void udpEncapsulatedModesOfTheNatTraversalVersionInUse() throws Exception {
        Phase2Policy policy = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600);
        SaPayload rfc = Phase2Proposals.offer(IpsecProtocol.ESP, IpsecMode.TUNNEL, policy, 9,
                Optional.of(NatTraversalVersion.RFC_3947));
        assertEquals(IpsecAttributes.MODE_UDP_TUNNEL, encapsulationMode(rfc));
        Phase2Proposals.Choice tunnel = Phase2Proposals.choose(rfc, policy, ProposalCheck.STRICT);
        assertEquals(IpsecMode.TUNNEL, tunnel.suite().mode());
        assertTrue(tunnel.suite().udp());

        SaPayload draft = Phase2Proposals.offer(IpsecProtocol.ESP, IpsecMode.TRANSPORT, policy, 9,
                Optional.of(NatTraversalVersion.DRAFT_02));
        assertEquals(IpsecAttributes.MODE_UDP_TRANSPORT_DRAFT, encapsulationMode(draft));
        Phase2Proposals.Choice transport = Phase2Proposals.choose(draft, policy, ProposalCheck.STRICT);
        assertEquals(IpsecMode.TRANSPORT, transport.suite().mode());
        assertTrue(transport.suite().udp());
        assertEquals(transport.suite(), Phase2Proposals.accept(SaPayload.ipsec(List.of(transport.proposal())), draft)
                .suite());

        SaPayload plain = Phase2Proposals.offer(IpsecProtocol.ESP, IpsecMode.TRANSPORT, policy, 9, Optional.empty());
        assertEquals(IpsecAttributes.MODE_TRANSPORT, encapsulationMode(plain));
        assertFalse(Phase2Proposals.choose(plain, policy, ProposalCheck.STRICT).suite().udp());

        // RFC 3948 puts only ESP in UDP: an AH transform with a UDP mode is not acceptable
        Phase2Policy ah = new Phase2Policy(Optional.empty(), List.of(), List.of(IpsecAuthentication.HMAC_SHA1),
                Optional.empty(), 3600);
        SaPayload ahInUdp = Phase2Proposals.offer(IpsecProtocol.AH, IpsecMode.TUNNEL, ah, 9,
                Optional.of(NatTraversalVersion.RFC_3947));
        assertEquals(NotifyType.NO_PROPOSAL_CHOSEN, assertThrows(IsakmpProtocolException.class,
                () -> Phase2Proposals.choose(ahInUdp, ah, ProposalCheck.STRICT)).notifyType());
    }

    private static long encapsulationMode(SaPayload offer) throws IsakmpProtocolException {
        return offer.proposals().get(0).transforms().get(0).attributes().stream()
                .filter(a -> a.type() == IpsecAttributes.ENCAPSULATION_MODE).findFirst().orElseThrow().longValue();
    }

    @Test
    void ahOfferAndResponderLifetimeAttributes() throws Exception {
        Phase2Policy policy = new Phase2Policy(Optional.empty(), List.of(), List.of(IpsecAuthentication.HMAC_SHA1),
                Optional.empty(), 100000);
        SaPayload offer = Phase2Proposals.offer(IpsecProtocol.AH, IpsecMode.TRANSPORT, policy, 7, Optional.empty());
        Phase2Proposals.Choice choice = Phase2Proposals.choose(offer, new Phase2Policy(Optional.empty(), List.of(),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600), ProposalCheck.CLAIM);
        assertEquals(IpsecProtocol.AH, choice.suite().protocol());
        assertEquals(3600, choice.suite().lifetimeSeconds());
        assertEquals(true, choice.shortened());
        assertEquals(20, choice.suite().keymatLength());
        // lifetimes above 16 bits travel as a variable attribute and come back the same
        assertEquals(OptionalLong.of(100000), Phase2Proposals.announcedLifetime(
                Phase2Proposals.lifetimeAttributes(100000)));
        assertEquals(OptionalLong.of(3600),
                Phase2Proposals.announcedLifetime(Phase2Proposals.lifetimeAttributes(3600)));
    }
}
