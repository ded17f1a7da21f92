package org.jracoon.pfkey;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
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
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.SadbExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SA and policy descriptions survive the trip through SADB messages (as the kernel echoes them). */
class SadbMappingTest {

    private static SadbMessage asKernelWouldEcho(SadbMessageType type, int saType, List<SadbExtension> ext) throws Exception {
        return SadbMessage.decode(SadbMessage.request(type, saType, ext).encode());
    }

    @Test
    void saSpecsRoundTrip() throws Exception {
        InetAddress a = InetAddress.getByName("2001:db8::1");
        InetAddress b = InetAddress.getByName("2001:db8::2");
        SaSpec esp = SaSpec.builder(new SaId(IpsecProtocol.ESP, a, b, 0xdeadbeef)).mode(IpsecMode.TUNNEL).reqid(3)
                .replayWindow(4).encryption(SaEncryption.DES3_CBC, KeyMaterial.of(new byte[24]))
                .integrity(SaIntegrity.HMAC_MD5, KeyMaterial.of(new byte[16]))
                .soft(new Lifetime(0, 1000, 80, 0)).hard(new Lifetime(0, 2000, 100, 0))
                .encapsulation(new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP, 4500, 1025, Optional.of(a)))
                .build();
        SaSpec ipcomp = SaSpec.builder(new SaId(IpsecProtocol.IPCOMP, a, b, 0x4001)).compression(SaCompression.DEFLATE).build();
        for (SaSpec sa : List.of(esp, ipcomp)) {
            SadbMessage m = asKernelWouldEcho(SadbMessageType.GET, SadbMapping.saType(sa.id().protocol()), SadbMapping.saExtensions(sa));
            assertEquals(sa, SadbMapping.kernelSa(m).spec());
            assertEquals(SaState.MATURE, SadbMapping.kernelSa(m).state());
        }
        // The SPI travels in network order inside the SA extension.
        SaExtension sa = SadbMessage.request(SadbMessageType.ADD, 3, SadbMapping.saExtensions(esp))
                .extension(SadbExtensionType.SA, SaExtension.class).orElseThrow();
        assertEquals(0xdeadbeef, sa.spi());
        assertEquals(Sadb.EALG_3DESCBC, sa.encrypt());
        assertEquals(Sadb.AALG_MD5HMAC, sa.auth());
    }

    @Test
    void policySpecsRoundTrip() throws Exception {
        InetAddress gwA = InetAddress.getByName("192.0.2.1");
        InetAddress gwB = InetAddress.getByName("198.51.100.1");
        TrafficSelector sel = new TrafficSelector(new IpPrefix(InetAddress.getByName("10.1.0.0"), 16), 0,
                new IpPrefix(InetAddress.getByName("10.2.0.0"), 16), 443, 6);
        PolicySpec p = new PolicySpec(sel, PolicyDirection.FWD, org.jracoon.ike.kernel.PolicyAction.IPSEC, List.of(
                IpsecRequest.transport(IpsecProtocol.IPCOMP, IpsecLevel.USE),
                IpsecRequest.tunnel(IpsecProtocol.ESP, gwB, gwA, IpsecLevel.UNIQUE).withReqid(16385)), 100,
                Lifetime.seconds(600));
        List<SadbExtension> ext = new ArrayList<>(SadbMapping.policyExtensions(p));
        // a generated policy expires by its hard lifetime; one without a lifetime carries none
        assertTrue(ext.stream().anyMatch(e -> e.type() == SadbExtensionType.LIFETIME_HARD));
        assertTrue(SadbMapping.policyExtensions(PolicySpec.of(sel, PolicyDirection.IN,
                org.jracoon.ike.kernel.PolicyAction.NONE)).stream()
                .noneMatch(e -> e.type() == SadbExtensionType.LIFETIME_HARD));
        PolicyExtension pol = (PolicyExtension) ext.remove(2);
        ext.add(new PolicyExtension(pol.policyType(), pol.direction(), 0x2a, pol.priority(), pol.requests()));
        SadbMessage echoed = asKernelWouldEcho(SadbMessageType.X_SPDGET, 0, ext);
        assertEquals(new KernelPolicy(0x2a, p), SadbMapping.kernelPolicy(echoed));
        assertEquals(Sadb.IPPROTO_COMP, pol.requests().get(0).protocol());
        assertEquals(Sadb.LEVEL_UNIQUE, pol.requests().get(1).level());
    }

    @Test
    void messagesMissingWhatTheyMustCarryFailNamingIt() throws Exception {
        SadbMessage bare = asKernelWouldEcho(SadbMessageType.GET, Sadb.SATYPE_ESP, List.of(SaExtension.ofSpi(1)));
        PfKeyException e = assertThrows(PfKeyException.class, () -> SadbMapping.kernelSa(bare));
        assertEquals("GET: kernel message lacks ADDRESS_SRC", e.getMessage());
        SadbMessage rsvp = asKernelWouldEcho(SadbMessageType.GET, 5, List.of(SaExtension.ofSpi(1)));
        assertThrows(PfKeyException.class, () -> SadbMapping.saId(rsvp));
    }
}
