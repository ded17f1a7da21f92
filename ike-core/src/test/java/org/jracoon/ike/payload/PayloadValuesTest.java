package org.jracoon.ike.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PayloadValuesTest {

    private static Octets md5(String s) throws Exception {
        return Octets.of(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void vendorIdsAreTheDigestsOfTheirNames() throws Exception {
        assertEquals(md5("RFC 3947"), VendorIdPayload.NAT_T_RFC3947.data());
        assertEquals(md5("draft-ietf-ipsec-nat-t-ike-02\n"), VendorIdPayload.NAT_T_DRAFT_02_N.data());
        assertEquals(md5("draft-ietf-ipsec-nat-t-ike-02"), VendorIdPayload.NAT_T_DRAFT_02.data());
        assertEquals(md5("draft-ietf-ipsec-nat-t-ike-00"), VendorIdPayload.NAT_T_DRAFT_00.data());
        assertEquals(md5("FRAGMENTATION"), VendorIdPayload.FRAGMENTATION.data());
    }

    @Test
    void numbersTakeTheShortestAttributeForm() throws Exception {
        Attribute small = Attribute.number(IkeAttributes.LIFE_DURATION, 28800);
        assertTrue(small.basic());
        assertEquals(28800, small.longValue());
        Attribute large = Attribute.number(IkeAttributes.LIFE_DURATION, 86400);
        assertFalse(large.basic());
        assertEquals("00015180", large.value().hex());
        assertEquals(86400, large.longValue());
        Attribute huge = Attribute.variable(IkeAttributes.LIFE_DURATION, Octets.fromHex("010000000000000000"));
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, huge::longValue);
        assertEquals(NotifyType.ATTRIBUTES_NOT_SUPPORTED, e.notifyType());
        assertEquals(0xFFFFFFFFL, Attribute.variable(1, Octets.fromHex("00ffffffff")).longValue());
    }

    @Test
    void subnetIdentitiesCarryAddressAndMask() throws Exception {
        IdPayload v4 = IdPayload.ofSubnet(InetAddress.getByName("10.1.0.0"), 16, 17, 500);
        assertEquals(IdType.IPV4_ADDR_SUBNET, v4.idType());
        assertEquals("0a010000ffff0000", v4.data().hex());
        assertArrayEquals(Octets.fromHex("0411 01f4 0a010000ffff0000".replace(" ", "")).toByteArray(),
                v4.encodeBody());
        IdPayload v6 = IdPayload.ofSubnet(InetAddress.getByName("2001:db8::"), 33, 0, 0);
        assertEquals("20010db8000000000000000000000000ffffffff800000000000000000000000", v6.data().hex());
    }

    @Test
    void identitiesOfTheWrongLengthAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new IdPayload(IdType.IPV4_ADDR, 0, 0, Octets.of((byte) 1, (byte) 2)));
        byte[] body = Octets.fromHex("01000000c0a801").toByteArray(); // IPv4 ID with 3 address octets
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class,
                () -> IdPayload.decode(new WireReader(body, 0, body.length)));
        assertEquals(NotifyType.PAYLOAD_MALFORMED, e.notifyType());
        byte[] unknown = Octets.fromHex("63000000c0a80101").toByteArray();
        e = assertThrows(IsakmpProtocolException.class,
                () -> IdPayload.decode(new WireReader(unknown, 0, unknown.length)));
        assertEquals(NotifyType.INVALID_ID_INFORMATION, e.notifyType());
    }

    @Test
    void eachPayloadDecodesWhatItEncodes() throws Exception {
        List<Payload> payloads = List.of(
                new KePayload(Octets.fromHex("0102030405")),
                IdPayload.ofFqdn("moon.strongswan.org"),
                new CertPayload(CertEncoding.X509_SIGNATURE, Octets.fromHex("3003020101")),
                new CertRequestPayload(CertEncoding.X509_SIGNATURE, Octets.fromHex("3000")),
                new HashPayload(Octets.fromHex("aabbccdd")),
                new SignaturePayload(Octets.fromHex("11223344")),
                new NoncePayload(Octets.fromHex("0001020304050607")),
                NotifyPayload.of(ProtocolId.ESP, Octets.fromHex("01002222"), NotifyType.RESPONDER_LIFETIME,
                        Octets.fromHex("800100010002000400007080")),
                DeletePayload.of(ProtocolId.AH, List.of(Octets.fromHex("00000100"))),
                VendorIdPayload.DPD,
                new NatDPayload(true, Octets.fromHex("deadbeef")),
                new NatOaPayload(true, IdType.IPV6_ADDR, Octets.fromHex("20010db8000000000000000000000001")),
                new FragmentPayload(7, 2, FragmentPayload.FLAG_LAST, Octets.fromHex("cafe")),
                new UnknownPayload(77, Octets.fromHex("00")));
        for (Payload p : payloads) {
            byte[] chain = new byte[PayloadChain.length(List.of(p))];
            PayloadChain.encode(List.of(p), java.nio.ByteBuffer.wrap(chain));
            List<Payload> back = PayloadChain.decode(chain, 0, chain.length, p.type(), false, type -> { });
            assertEquals(List.of(p), back, PayloadType.name(p.type()));
        }
    }

    @Test
    void natTraversalVersionsByVendorIdWithTheirWireValues() throws Exception {
        assertEquals(Optional.of(NatTraversalVersion.RFC_3947), NatTraversalVersion.of(VendorIdPayload.NAT_T_RFC3947));
        assertEquals(Optional.of(NatTraversalVersion.DRAFT_02_N),
                NatTraversalVersion.of(VendorIdPayload.NAT_T_DRAFT_02_N));
        assertEquals(Optional.empty(), NatTraversalVersion.of(VendorIdPayload.DPD));
        // MD5("RFC 3947") and MD5("draft-ietf-ipsec-nat-t-ike-02\n"), computed here rather than trusted
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        assertEquals(VendorIdPayload.NAT_T_RFC3947.data(), Octets.of(md5.digest("RFC 3947".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(VendorIdPayload.NAT_T_DRAFT_02_N.data(),
                Octets.of(md5.digest("draft-ietf-ipsec-nat-t-ike-02\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(3, NatTraversalVersion.RFC_3947.udpTunnelMode());
        assertEquals(4, NatTraversalVersion.RFC_3947.udpTransportMode());
        assertEquals(61443, NatTraversalVersion.DRAFT_02.udpTunnelMode());
        assertEquals(61444, NatTraversalVersion.DRAFT_02.udpTransportMode());
        assertTrue(NatTraversalVersion.DRAFT_02.draftPayloads() && !NatTraversalVersion.RFC_3947.draftPayloads());
        assertFalse(NatTraversalVersion.DRAFT_00.floats());
        assertTrue(NatTraversalVersion.RFC_3947.floats());
    }

    @Test
    void natOaCarriesOneAddressInEitherPayloadType() throws Exception {
        InetAddress laptop = InetAddress.getByName("192.168.100.9");
        NatOaPayload rfc = NatOaPayload.of(laptop);
        assertEquals(PayloadType.NAT_OA, rfc.type());
        assertEquals(laptop, rfc.inetAddress());
        NatOaPayload draft = rfc.withDraft(true);
        assertEquals(PayloadType.NAT_OA_DRAFT, draft.type());
        assertEquals(laptop, draft.inetAddress());
        assertEquals(IdType.IPV6_ADDR, NatOaPayload.of(InetAddress.getByName("2001:db8::1")).idType());
    }
}
