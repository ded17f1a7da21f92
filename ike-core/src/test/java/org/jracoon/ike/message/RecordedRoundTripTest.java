package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jracoon.ike.payload.Attribute;
import org.jracoon.ike.payload.FragmentPayload;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IkeAttributes;
import org.jracoon.ike.payload.IpsecAttributes;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NoncePayload;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadType;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.payload.TransformPayload;
import org.junit.jupiter.api.Test;

/** Recorded strongSwan messages decode and re-encode to the bytes that were on the wire. */
class RecordedRoundTripTest {

    /** Decodes {@code datagram} (its header only if encrypted) and returns the re-encoding. */
    static byte[] roundTrip(byte[] datagram) throws Exception {
        IsakmpHeader header = IsakmpMessage.decodeHeader(datagram);
        if (header.encrypted()) {
            return header.encodeWith(Arrays.copyOfRange(datagram, IsakmpHeader.LENGTH, datagram.length));
        }
        return IsakmpMessage.decode(datagram).encode();
    }

    @Test
    void everyKatPacketReencodesIdentically() throws Exception {
        List<byte[]> packets = SharedFiles.katPackets();
        assertEquals(9, packets.size());
        for (int i = 0; i < packets.size(); i++) {
            assertArrayEquals(packets.get(i), roundTrip(packets.get(i)), "packet " + (i + 1));
        }
        // MM1..MM4 plain, MM5, MM6 and the three Quick Mode messages encrypted
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(i >= 4, IsakmpMessage.decodeHeader(packets.get(i)).encrypted(), "E flag of packet " + (i + 1));
        }
    }

    @Test
    void decryptedPlaintextsDecodeAsChainsAndReencodeUpToPadding() throws Exception {
        List<byte[]> packets = SharedFiles.katPackets();
        String[] fields = {"mm5_plaintext_with_padding", "mm6_plaintext_with_padding", "qm1_plaintext",
            "qm2_plaintext", "qm3_plaintext"};
        List<List<Integer>> expectedTypes = List.of(
                List.of(PayloadType.ID, PayloadType.HASH, PayloadType.NOTIFY),
                List.of(PayloadType.ID, PayloadType.HASH),
                List.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE, PayloadType.KE, PayloadType.ID,
                        PayloadType.ID),
                List.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE, PayloadType.KE, PayloadType.ID,
                        PayloadType.ID),
                List.of(PayloadType.HASH));
        for (int i = 0; i < fields.length; i++) {
            byte[] plain = SharedFiles.katHex(fields[i]);
            IsakmpHeader header = IsakmpMessage.decodeHeader(packets.get(4 + i));
            IsakmpMessage message = IsakmpMessage.decodeBody(header, plain);
            assertEquals(expectedTypes.get(i), message.payloads().stream().map(Payload::type).toList(), fields[i]);
            byte[] chain = message.encodeBody();
            int padding = plain.length - chain.length;
            assertTrue(padding > 0 && padding <= 8, fields[i] + " padding " + padding);
            assertArrayEquals(Arrays.copyOf(plain, chain.length), chain, fields[i]);
            // re-encrypting the same chain must give a message the same length as the recorded one
            assertEquals(packets.get(4 + i).length, IsakmpHeader.LENGTH + plain.length);
        }
    }

    @Test
    void decodedFieldsMatchTheKnownAnswerRecord() throws Exception {
        List<byte[]> packets = SharedFiles.katPackets();
        IsakmpMessage mm1 = IsakmpMessage.decode(packets.get(0));
        assertEquals("2683532ec5433389:0000000000000000", mm1.header().cookies());
        SaPayload sa = mm1.first(SaPayload.class).orElseThrow();
        assertArrayEquals(SharedFiles.katHex("sai_b"), sa.encodeBody(), "SAi_b");
        TransformPayload t = sa.proposals().get(0).transforms().get(0);
        assertEquals(IkeAttributes.ENC_3DES_CBC, value(t, IkeAttributes.ENCRYPTION_ALGORITHM));
        assertEquals(IkeAttributes.HASH_SHA1, value(t, IkeAttributes.HASH_ALGORITHM));
        assertEquals(IkeAttributes.AUTH_PRE_SHARED_KEY, value(t, IkeAttributes.AUTHENTICATION_METHOD));
        assertEquals(IkeAttributes.GROUP_MODP_1024, value(t, IkeAttributes.GROUP_DESCRIPTION));
        assertEquals(15840, value(t, IkeAttributes.LIFE_DURATION));

        IsakmpMessage mm3 = IsakmpMessage.decode(packets.get(2));
        assertArrayEquals(SharedFiles.katHex("g_xi"), mm3.first(KePayload.class).orElseThrow().encodeBody());
        assertArrayEquals(SharedFiles.katHex("ni_b"), mm3.first(NoncePayload.class).orElseThrow().encodeBody());
        IsakmpMessage mm4 = IsakmpMessage.decode(packets.get(3));
        assertArrayEquals(SharedFiles.katHex("nr_b"), mm4.first(NoncePayload.class).orElseThrow().encodeBody());

        IsakmpMessage mm5 = IsakmpMessage.decodeBody(IsakmpMessage.decodeHeader(packets.get(4)),
                SharedFiles.katHex("mm5_plaintext_with_padding"));
        assertArrayEquals(SharedFiles.katHex("idii_b"), mm5.first(IdPayload.class).orElseThrow().encodeBody());
        NotifyPayload contact = mm5.first(NotifyPayload.class).orElseThrow();
        assertEquals(NotifyType.INITIAL_CONTACT, contact.notifyType());
        assertEquals(16, contact.spi().length());

        IsakmpMessage qm1 = IsakmpMessage.decodeBody(IsakmpMessage.decodeHeader(packets.get(6)),
                SharedFiles.katHex("qm1_plaintext"));
        assertEquals(0xceb66c81, qm1.header().messageId());
        ProposalPayload esp = qm1.first(SaPayload.class).orElseThrow().proposals().get(0);
        assertEquals(ProtocolId.ESP, esp.protocolId());
        assertEquals("01001111", esp.spi().hex());
        TransformPayload qt = esp.transforms().get(0);
        assertEquals(IpsecAttributes.MODE_TUNNEL, value(qt, IpsecAttributes.ENCAPSULATION_MODE));
        assertEquals(IpsecAttributes.AUTH_HMAC_MD5, value(qt, IpsecAttributes.AUTHENTICATION_ALGORITHM));
        assertEquals(IkeAttributes.GROUP_MODP_768, value(qt, IpsecAttributes.GROUP_DESCRIPTION));
    }

    private static long value(TransformPayload t, int type) throws Exception {
        Attribute a = t.attribute(type).orElseThrow(() -> new AssertionError("no attribute " + type));
        return a.longValue();
    }

    @Test
    void everyIsakmpDatagramOfTheStrongswanCapturesReencodesIdentically() throws Exception {
        List<Path> captures = SharedFiles.strongswanCaptures();
        assertFalse(captures.isEmpty(), "no captures found");
        int total = 0;
        for (Path capture : captures) {
            List<Pcap.Datagram> datagrams = Pcap.readIsakmp(capture);
            assertFalse(datagrams.isEmpty(), capture + " holds no ISAKMP datagram");
            for (Pcap.Datagram d : datagrams) {
                assertArrayEquals(d.isakmp(), roundTrip(d.isakmp()), capture.getFileName() + " frame " + d.frame());
                total++;
            }
        }
        // the RSA exchange's MM5 did not fit one datagram: two fragments of one message
        List<FragmentPayload> fragments = new ArrayList<>();
        for (Pcap.Datagram d : Pcap.readIsakmp(SharedFiles.root().resolve("peers/strongswan/captures/rsa-libipsec.pcap"))) {
            if (!IsakmpMessage.decodeHeader(d.isakmp()).encrypted()) {
                fragments.addAll(IsakmpMessage.decode(d.isakmp()).payloads(FragmentPayload.class));
            }
        }
        assertEquals(2, fragments.size());
        assertEquals(fragments.get(0).fragmentId(), fragments.get(1).fragmentId());
        assertEquals(List.of(1, 2), fragments.stream().map(FragmentPayload::number).toList());
        assertEquals(List.of(false, true), fragments.stream().map(FragmentPayload::last).toList());
        System.out.println("re-encoded " + total + " datagrams of " + captures.size() + " captures");
    }
}
