package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyAction;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaCompression;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.jracoon.pfkey.KernelIpsecContract.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Netlink and XFRM values on their own: symmetric encode/decode and every length checked. */
class XfrmCodecTest {
    private static final InetAddress A = ip("10.0.0.1");
    private static final InetAddress B = ip("10.0.0.2");
    private static final long NOW = 1_800_000_000L;
    /** curlft.add_time in xfrm_usersa_info: curlft at 160, after bytes and packets. */
    private static final int CURRENT_ADD_TIME = 176;

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void aDatagramSplitsIntoItsMessagesAtFourByteBoundaries() throws Exception {
        NetlinkMessage first = new NetlinkMessage(Xfrm.MSG_NEWSA, NetlinkMessage.NLM_F_MULTI, 7, 99, new byte[] {1, 2, 3});
        NetlinkMessage done = new NetlinkMessage(NetlinkMessage.NLMSG_DONE, NetlinkMessage.NLM_F_MULTI, 7, 99, new byte[4]);
        byte[] one = first.encode();
        assertEquals(20, one.length, "19 bytes padded to 20");
        assertEquals(19, wrap(one).getInt(0), "nlmsg_len counts no padding");
        byte[] datagram = ByteBuffer.allocate(one.length + done.encode().length).put(one).put(done.encode()).array();
        assertEquals(List.of(first, done), NetlinkMessage.decodeAll(datagram));
    }

    @Test
    void everyNetlinkLengthIsChecked() {
        byte[] ok = new NetlinkMessage(Xfrm.MSG_NEWSA, 0, 1, 2, new byte[8]).encode();
        byte[] tooLong = ok.clone();
        wrap(tooLong).putInt(0, ok.length + 4);
        byte[] tooShort = ok.clone();
        wrap(tooShort).putInt(0, 15);
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> NetlinkMessage.decodeAll(tooLong))
                .getMessage().contains("nlmsg_len 28 with 24 bytes"));
        assertThrows(NetlinkDecodeException.class, () -> NetlinkMessage.decodeAll(tooShort));
        assertThrows(NetlinkDecodeException.class, () -> NetlinkMessage.decodeAll(Arrays.copyOf(ok, 10)));
    }

    @Test
    void attributesRoundTripAndTheirLengthsAreChecked() throws Exception {
        List<NetlinkAttribute> attributes = List.of(new NetlinkAttribute(1, new byte[] {9}), new NetlinkAttribute(20, new byte[8]));
        ByteBuffer b = XfrmWire.buffer(NetlinkAttribute.encodedLength(attributes));
        NetlinkAttribute.encodeAll(b, attributes);
        assertEquals(8 + 12, b.capacity());
        assertEquals(attributes, NetlinkAttribute.decodeAll(wrap(b.array())));

        byte[] bad = b.array().clone();
        wrap(bad).putShort(8, (short) 40);
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> NetlinkAttribute.decodeAll(wrap(bad)))
                .getMessage().contains("rta_len 40"));
        byte[] tiny = b.array().clone();
        wrap(tiny).putShort(0, (short) 3);
        assertThrows(NetlinkDecodeException.class, () -> NetlinkAttribute.decodeAll(wrap(tiny)));
        assertThrows(NetlinkDecodeException.class, () -> NetlinkAttribute.decodeAll(wrap(Arrays.copyOf(b.array(), 22))));
    }

    @Test
    void anErrorCarriesTheErrnoAndTheKernelsWords() throws Exception {
        byte[] text = "Requested type not found\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<NetlinkAttribute> tlvs = List.of(new NetlinkAttribute(1, text));
        ByteBuffer body = XfrmWire.buffer(20 + NetlinkAttribute.encodedLength(tlvs));
        body.putInt(-93).putInt(240).putShort((short) Xfrm.MSG_NEWSA).putShort((short) 5).putInt(7).putInt(99);
        NetlinkAttribute.encodeAll(body, tlvs);
        // NLM_F_CAPPED: the request is not echoed; NLM_F_ACK_TLVS: attributes follow.
        NetlinkError e = NetlinkError.decode(new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x300, 7, 99, body.array()));
        assertEquals(new NetlinkError(93, Optional.of("Requested type not found")), e);

        ByteBuffer ack = XfrmWire.buffer(20).putInt(0).putInt(16);
        assertEquals(new NetlinkError(0, Optional.empty()),
                NetlinkError.decode(new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x100, 7, 99, ack.array())));
        ByteBuffer positive = XfrmWire.buffer(20).putInt(5);
        assertThrows(NetlinkDecodeException.class, () -> NetlinkError.decode(
                new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x100, 7, 99, positive.array())));
        assertThrows(NetlinkDecodeException.class, () -> NetlinkError.decode(
                new NetlinkMessage(NetlinkMessage.NLMSG_ERROR, 0x100, 7, 99, new byte[12])));
    }

    @Test
    void structuresHaveTheKernelsSizes() {
        assertEquals(Xfrm.SIZEOF_USERSA_INFO, XfrmMapping.allocSpiBody(IpsecProtocol.ESP, A, B, IpsecMode.TUNNEL, 1,
                256, 512, 0).length - 8);
        assertEquals(Xfrm.SIZEOF_USERSA_ID, XfrmMapping.saIdBody(new SaId(IpsecProtocol.ESP, A, B, 1)).length);
        PolicySpec bypass = PolicySpec.of(TrafficSelector.between(IpPrefix.host(A), IpPrefix.host(B)), PolicyDirection.IN,
                PolicyAction.NONE);
        assertEquals(Xfrm.SIZEOF_USERPOLICY_INFO, XfrmMapping.policyBody(bypass).length);
    }

    private static List<SaSpec> specs() {
        byte[] key16 = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        return List.of(
                SaSpec.builder(new SaId(IpsecProtocol.ESP, A, B, 0x1001)).mode(IpsecMode.TUNNEL).reqid(7).replayWindow(32)
                        .encryption(SaEncryption.AES_CBC, KeyMaterial.of(key16))
                        .integrity(SaIntegrity.HMAC_SHA2_256, KeyMaterial.of(new byte[32]))
                        .soft(new Lifetime(10, 20, 30, 40)).hard(new Lifetime(50, 60, 70, 80)).build(),
                SaSpec.builder(new SaId(IpsecProtocol.ESP, ip("2001:db8::1"), ip("2001:db8::2"), 0x1002)).replayWindow(128)
                        .encryption(SaEncryption.AES_GCM_12, KeyMaterial.of(new byte[20]))
                        .encapsulation(new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP_NON_IKE, 4500, 4501,
                                Optional.of(ip("2001:db8::7")))).build(),
                SaSpec.builder(new SaId(IpsecProtocol.AH, A, B, 0x1003)).integrity(SaIntegrity.HMAC_MD5, KeyMaterial.of(key16)).build(),
                SaSpec.builder(new SaId(IpsecProtocol.IPCOMP, A, B, 0x1004)).compression(SaCompression.DEFLATE).build());
    }

    @Test
    void anSaDecodesToWhatWasEncoded() throws Exception {
        for (SaSpec sa : specs()) {
            byte[] body = XfrmMapping.saBody(sa);
            wrap(body).putLong(CURRENT_ADD_TIME, NOW);
            KernelSa read = XfrmMapping.kernelSa(wrap(body), NOW);
            assertEquals(sa, read.spec());
            assertEquals(SaState.MATURE, read.state());
        }
    }

    @Test
    void sha256IsTruncatedTo128BitsAndMd5To96() throws Exception {
        List<NetlinkAttribute> attributes = XfrmMapping.attributesAfter(wrap(XfrmMapping.saBody(specs().get(0))),
                Xfrm.SIZEOF_USERSA_INFO);
        XfrmAlgorithm auth = XfrmAlgorithm.decode(NetlinkAttribute.find(attributes, Xfrm.XFRMA_ALG_AUTH_TRUNC).orElseThrow()
                .valueBuffer(), true);
        assertEquals(new XfrmAlgorithm("hmac(sha256)", KeyMaterial.of(new byte[32]), 128), auth);
        XfrmAlgorithm cipher = XfrmAlgorithm.decode(NetlinkAttribute.find(attributes, Xfrm.XFRMA_ALG_CRYPT).orElseThrow()
                .valueBuffer(), false);
        assertEquals("cbc(aes)", cipher.name());
        List<NetlinkAttribute> ah = XfrmMapping.attributesAfter(wrap(XfrmMapping.saBody(specs().get(2))), Xfrm.SIZEOF_USERSA_INFO);
        assertEquals(96, XfrmAlgorithm.decode(ah.get(0).valueBuffer(), true).icvBits());
    }

    @Test
    void statesXfrmDoesNotReportAreDerived() throws Exception {
        SaSpec larval = SaSpec.builder(new SaId(IpsecProtocol.ESP, A, B, 0x2001)).mode(IpsecMode.TUNNEL).reqid(3).build();
        assertEquals(SaState.LARVAL, XfrmMapping.kernelSa(wrap(XfrmMapping.saBody(larval)), NOW).state());

        SaSpec soft = specs().get(0).toBuilder().soft(Lifetime.seconds(10)).hard(Lifetime.seconds(20)).build();
        byte[] body = XfrmMapping.saBody(soft);
        // Added 15 s ago, past the 10 s soft limit.
        wrap(body).putLong(CURRENT_ADD_TIME, NOW - 15);
        KernelSa dying = XfrmMapping.kernelSa(wrap(body), NOW);
        assertEquals(SaState.DYING, dying.state());
        assertEquals(NOW - 15, dying.current().addSeconds());
        wrap(body).putLong(CURRENT_ADD_TIME, NOW - 5);
        assertEquals(SaState.MATURE, XfrmMapping.kernelSa(wrap(body), NOW).state());
    }

    @Test
    void badSaBodiesAreNamed() {
        byte[] body = XfrmMapping.saBody(specs().get(0));
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> XfrmMapping.kernelSa(wrap(Arrays.copyOf(body, 200)), NOW))
                .getMessage().contains("xfrm_usersa_info needs 224 bytes"));
        // The cipher's name, first in XFRMA_ALG_CRYPT at 224 + 4: an algorithm this side does not know.
        byte[] unknown = body.clone();
        byte[] name = "cbc(foo)\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, unknown, Xfrm.SIZEOF_USERSA_INFO + 4, name.length);
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> XfrmMapping.kernelSa(wrap(unknown), NOW))
                .getMessage().contains("cbc(foo)"));
        byte[] longKey = body.clone();
        wrap(longKey).putInt(Xfrm.SIZEOF_USERSA_INFO + 4 + 64, 4096);
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> XfrmMapping.kernelSa(wrap(longKey), NOW))
                .getMessage().contains("4096 bits"));
    }

    @Test
    void aPolicyDecodesToWhatWasEncoded() throws Exception {
        TrafficSelector web = new TrafficSelector(new IpPrefix(ip("10.1.0.0"), 16), 1234, IpPrefix.host(B), 80, 6);
        List<PolicySpec> policies = List.of(
                new PolicySpec(web, PolicyDirection.OUT, PolicyAction.IPSEC, List.of(
                        IpsecRequest.transport(IpsecProtocol.IPCOMP, IpsecLevel.USE),
                        IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.UNIQUE).withReqid(9)), 100),
                PolicySpec.of(TrafficSelector.between(new IpPrefix(ip("2001:db8::"), 32), new IpPrefix(ip("::"), 0)),
                        PolicyDirection.FWD, PolicyAction.DISCARD),
                PolicySpec.of(web, PolicyDirection.IN, PolicyAction.NONE),
                new PolicySpec(web, PolicyDirection.IN, PolicyAction.IPSEC,
                        List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, B, A, IpsecLevel.REQUIRE)), 0,
                        Lifetime.seconds(600)));
        for (PolicySpec p : policies) {
            assertEquals(Optional.of(new KernelPolicy(0, p)), XfrmMapping.kernelPolicy(wrap(XfrmMapping.policyBody(p))));
        }
        byte[] body = XfrmMapping.policyBody(policies.get(0));
        byte[] cut = Arrays.copyOf(body, body.length - 4);
        wrap(cut).putShort(Xfrm.SIZEOF_USERPOLICY_INFO, (short) (cut.length - Xfrm.SIZEOF_USERPOLICY_INFO));
        assertTrue(assertThrows(NetlinkDecodeException.class, () -> XfrmMapping.kernelPolicy(wrap(cut)))
                .getMessage().contains("whole number of templates"));
    }
}
