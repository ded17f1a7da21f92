package org.jracoon.ike.message;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

import org.jracoon.ike.payload.Attribute;
import org.jracoon.ike.payload.CertPayload;
import org.jracoon.ike.payload.CertRequestPayload;
import org.jracoon.ike.payload.CertEncoding;
import org.jracoon.ike.payload.DeletePayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IkeAttributes;
import org.jracoon.ike.payload.IpsecAttributes;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.payload.NatDPayload;
import org.jracoon.ike.payload.NatOaPayload;
import org.jracoon.ike.payload.NoncePayload;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.payload.SignaturePayload;
import org.jracoon.ike.payload.TransformId;
import org.jracoon.ike.payload.TransformPayload;
import org.jracoon.ike.payload.VendorIdPayload;

/**
 * Messages built through the payload API the way racoon composes them: one of each exchange
 * step, unencrypted so that a dissector can see every payload.
 */
final class BuiltMessages {

    static final long CKY_I = 0x0123456789abcdefL;
    static final long CKY_R = 0xfedcba9876543210L;
    private static final Octets COOKIES = Octets.fromHex("0123456789abcdeffedcba9876543210");

    private BuiltMessages() {
    }

    private static Octets filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        b[0] |= 1; // no leading zero, like a real DH value
        return Octets.of(b);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static TransformPayload ikeTransform(int number, int encryption, int keyLength, int hash, int group,
            long lifetime) {
        return new TransformPayload(number, TransformId.KEY_IKE, List.of(
                Attribute.basic(IkeAttributes.ENCRYPTION_ALGORITHM, encryption),
                Attribute.basic(IkeAttributes.KEY_LENGTH, keyLength),
                Attribute.basic(IkeAttributes.HASH_ALGORITHM, hash),
                Attribute.basic(IkeAttributes.AUTHENTICATION_METHOD, IkeAttributes.AUTH_PRE_SHARED_KEY),
                Attribute.basic(IkeAttributes.GROUP_DESCRIPTION, group),
                Attribute.basic(IkeAttributes.LIFE_TYPE, IkeAttributes.LIFE_SECONDS),
                Attribute.number(IkeAttributes.LIFE_DURATION, lifetime)));
    }

    /** HDR, SA (one proposal, two transforms; a 4-octet TLV lifetime), VIDs. */
    static IsakmpMessage mm1() {
        SaPayload sa = SaPayload.ipsec(List.of(new ProposalPayload(1, ProtocolId.ISAKMP, Octets.EMPTY, List.of(
                ikeTransform(1, IkeAttributes.ENC_AES_CBC, 256, IkeAttributes.HASH_SHA2_256,
                        IkeAttributes.GROUP_MODP_2048, 86400),
                ikeTransform(2, IkeAttributes.ENC_AES_CBC, 128, IkeAttributes.HASH_SHA1,
                        IkeAttributes.GROUP_MODP_1024, 28800)))));
        return new IsakmpMessage(IsakmpHeader.of(CKY_I, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0),
                List.of(sa, VendorIdPayload.NAT_T_RFC3947, VendorIdPayload.NAT_T_DRAFT_02_N, VendorIdPayload.DPD));
    }

    /** HDR, KE, Ni, NAT-D, NAT-D. */
    static IsakmpMessage mm3() {
        return new IsakmpMessage(IsakmpHeader.of(CKY_I, CKY_R, ExchangeType.IDENTITY_PROTECTION, 0, 0), List.of(
                new KePayload(filled(256, 3)), new NoncePayload(filled(16, 5)),
                new NatDPayload(false, filled(32, 9)), new NatDPayload(false, filled(32, 11))));
    }

    /** The strongSwan peer's "moon" certificate (DER), so dissectors see a real X.509 structure. */
    static Octets certificate() throws Exception {
        String pem = Files.readString(SharedFiles.root().resolve("peers/strongswan/cases/rsa/pki/moon.pem"));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Octets.of(Base64.getDecoder().decode(base64));
    }

    /** HDR, IDii, CERT, CR, SIG_I, N(INITIAL-CONTACT), in the clear. */
    static IsakmpMessage mm5() throws Exception {
        return new IsakmpMessage(IsakmpHeader.of(CKY_I, CKY_R, ExchangeType.IDENTITY_PROTECTION, 0, 0), List.of(
                IdPayload.ofAddress(ip("192.0.2.1"), 17, 500),
                new CertPayload(CertEncoding.X509_SIGNATURE, certificate()),
                new CertRequestPayload(CertEncoding.X509_SIGNATURE, Octets.EMPTY),
                new SignaturePayload(filled(256, 17)),
                NotifyPayload.of(ProtocolId.ISAKMP, COOKIES, NotifyType.INITIAL_CONTACT, Octets.EMPTY)));
    }

    private static TransformPayload espTransform(int number, int mode) {
        return new TransformPayload(number, TransformId.ESP_AES, List.of(
                Attribute.basic(IpsecAttributes.SA_LIFE_TYPE, IpsecAttributes.LIFE_SECONDS),
                Attribute.number(IpsecAttributes.SA_LIFE_DURATION, 3600),
                Attribute.basic(IpsecAttributes.GROUP_DESCRIPTION, IkeAttributes.GROUP_MODP_1024),
                Attribute.basic(IpsecAttributes.ENCAPSULATION_MODE, mode),
                Attribute.basic(IpsecAttributes.AUTHENTICATION_ALGORITHM, IpsecAttributes.AUTH_HMAC_SHA2_256),
                Attribute.basic(IpsecAttributes.KEY_LENGTH, 128)));
    }

    /** HDR, HASH(1), SA (ESP, UDP encapsulation RFC and draft), Ni, KE, IDci, IDcr, NAT-OA x2. */
    static IsakmpMessage qm1() {
        SaPayload sa = SaPayload.ipsec(List.of(new ProposalPayload(1, ProtocolId.ESP, Octets.fromHex("c0ffee01"),
                List.of(espTransform(1, IpsecAttributes.MODE_UDP_TUNNEL),
                        espTransform(2, IpsecAttributes.MODE_UDP_TUNNEL_DRAFT),
                        espTransform(3, IpsecAttributes.MODE_UDP_TRANSPORT)))));
        return new IsakmpMessage(IsakmpHeader.of(CKY_I, CKY_R, ExchangeType.QUICK_MODE, 0, 0x5eed1234), List.of(
                new HashPayload(filled(32, 19)), sa, new NoncePayload(filled(16, 23)),
                new KePayload(filled(128, 29)),
                IdPayload.ofSubnet(ip("10.1.0.0"), 16, 0, 0),
                IdPayload.ofSubnet(ip("2001:db8::"), 32, 6, 443),
                NatOaPayload.of(ip("192.168.1.11")), NatOaPayload.of(ip("198.51.100.7"))));
    }

    /** HDR, N(R-U-THERE with sequence number), D(two ESP SPIs), D(the ISAKMP SA). */
    static IsakmpMessage informational() {
        return new IsakmpMessage(IsakmpHeader.of(CKY_I, CKY_R, ExchangeType.INFORMATIONAL, 0, 0x0badcafe), List.of(
                NotifyPayload.of(ProtocolId.ISAKMP, COOKIES, NotifyType.R_U_THERE, Octets.fromHex("00000123")),
                DeletePayload.of(ProtocolId.ESP, List.of(Octets.fromHex("c0ffee01"), Octets.fromHex("c0ffee02"))),
                DeletePayload.of(ProtocolId.ISAKMP, List.of(COOKIES))));
    }

    static List<IsakmpMessage> all() throws Exception {
        return List.of(mm1(), mm3(), mm5(), qm1(), informational());
    }
}
