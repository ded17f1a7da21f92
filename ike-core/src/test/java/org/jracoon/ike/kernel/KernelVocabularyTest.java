package org.jracoon.ike.kernel;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelVocabularyTest {
    private final InetAddress v4a = InetAddress.getByName("192.0.2.1");
    private final InetAddress v4b = InetAddress.getByName("192.0.2.2");
    private final InetAddress v6 = InetAddress.getByName("2001:db8::1");

    KernelVocabularyTest() throws Exception {
    }

    @Test
    void saSpecsRefuseTransformsTheirProtocolCannotCarry() {
        SaId ah = new SaId(IpsecProtocol.AH, v4a, v4b, 0x1000);
        SaId ipcomp = new SaId(IpsecProtocol.IPCOMP, v4a, v4b, 0x1000);
        SaId esp = new SaId(IpsecProtocol.ESP, v4a, v4b, 0x1000);
        assertThrows(IllegalArgumentException.class, () -> SaSpec.builder(ah)
                .encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16])).build());
        assertThrows(IllegalArgumentException.class, () -> SaSpec.builder(ipcomp)
                .compression(SaCompression.DEFLATE).integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.NONE).build());
        assertThrows(IllegalArgumentException.class, () -> SaSpec.builder(esp).compression(SaCompression.LZS).build());
        assertThrows(IllegalArgumentException.class, () -> SaSpec.builder(ah)
                .encapsulation(UdpEncapsulation.espInUdp(4500, 4500)).build());
        assertThrows(IllegalArgumentException.class, () -> SaSpec.builder(esp).replayWindow(256).build());
        assertThrows(IllegalArgumentException.class, () -> new SaId(IpsecProtocol.ESP, v4a, v6, 1));
    }

    @Test
    void toBuilderKeepsEveryField() {
        SaSpec sa = SaSpec.builder(new SaId(IpsecProtocol.ESP, v4a, v4b, 0xc0000001)).mode(IpsecMode.TUNNEL).reqid(9)
                .replayWindow(32).encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16]))
                .integrity(SaIntegrity.HMAC_SHA2_256, KeyMaterial.of(new byte[32]))
                .soft(Lifetime.seconds(80)).hard(Lifetime.seconds(100))
                .encapsulation(new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP, 4500, 4501, Optional.of(v4a)))
                .build();
        assertEquals(sa, sa.toBuilder().build());
        assertEquals("esp 192.0.2.1->192.0.2.2 spi 0xc0000001", sa.id().toString());
    }

    @Test
    void keysCompareByValueAndNeverPrint() {
        byte[] bytes = {1, 2, 3};
        KeyMaterial k = KeyMaterial.of(bytes);
        bytes[0] = 7;
        assertEquals(KeyMaterial.of(new byte[] {1, 2, 3}), k);
        assertNotEquals(KeyMaterial.of(new byte[] {1, 2, 4}), k);
        assertEquals("[3-byte key]", k.toString());
        assertFalse(SaSpec.builder(new SaId(IpsecProtocol.ESP, v4a, v4b, 1))
                .encryption(SaEncryption.DES_CBC, KeyMaterial.of(new byte[] {0x5a, 0x5a})).build().toString().contains("90"));
    }

    @Test
    void policiesAndSelectorsAreConsistent() {
        TrafficSelector sel = TrafficSelector.between(new IpPrefix(v4a, 24), IpPrefix.host(v4b));
        assertThrows(IllegalArgumentException.class, () -> TrafficSelector.between(IpPrefix.host(v4a), IpPrefix.host(v6)));
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(v4a, 33));
        assertThrows(IllegalArgumentException.class, () -> new TrafficSelector(IpPrefix.host(v4a), 70000, IpPrefix.host(v4b), 0, 6));
        assertThrows(IllegalArgumentException.class, () -> PolicySpec.ipsec(sel, PolicyDirection.OUT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PolicySpec(sel, PolicyDirection.OUT, PolicyAction.NONE,
                List.of(IpsecRequest.transport(IpsecProtocol.ESP, IpsecLevel.REQUIRE)), 0));
        assertThrows(IllegalArgumentException.class, () -> new IpsecRequest(IpsecProtocol.ESP, IpsecMode.TUNNEL,
                Optional.empty(), Optional.empty(), IpsecLevel.REQUIRE, 0));
        assertThrows(IllegalArgumentException.class, () -> IpsecRequest.tunnel(IpsecProtocol.ESP, v4a, v6, IpsecLevel.USE));
        assertEquals("192.0.2.1/24[any] 192.0.2.2/32[any] any", sel.toString());
    }

    @Test
    void kernelErrorsNameOperationSubjectAndReason() {
        KernelException e = new KernelException(KernelOperation.ADD, "esp 192.0.2.1->192.0.2.2 spi 0x00000001", 17,
                "File exists (EEXIST)");
        assertEquals("ADD esp 192.0.2.1->192.0.2.2 spi 0x00000001: File exists (EEXIST)", e.getMessage());
        assertEquals(KernelOperation.ADD, e.operation());
        assertEquals(17, e.errno());
    }
}
