package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.pfkey.AfKey;
import org.jracoon.pfkey.PfKeyKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

import static org.jracoon.pfkey.KernelIpsecContract.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Both backends see one SAD and SPD: what one installs, the other reads back with the same keys,
 * SPI, mode, reqid, lifetimes, encapsulation, selectors, requests and policy id.
 */
@Tag("kernel")
class XfrmPfKeyCrossCheckTest {
    private static final InetAddress A = ip("10.79.0.1");
    private static final InetAddress B = ip("10.79.0.2");

    private XfrmKernel xfrm;
    private PfKeyKernel pfkey;

    @BeforeEach
    void open() throws Exception {
        xfrm = XfrmKernel.open();
        pfkey = AfKey.openOrSkip(PfKeyKernel::open);
        xfrm.flushSa();
        xfrm.flushPolicy();
    }

    @AfterEach
    void close() throws Exception {
        xfrm.flushSa();
        xfrm.flushPolicy();
        xfrm.close();
        if (pfkey != null) {
            pfkey.close();
        }
    }

    private static List<SaSpec> sas(int spiBase) {
        SaSpec tunnel = SaSpec.builder(new SaId(IpsecProtocol.ESP, A, B, spiBase + 1))
                .mode(IpsecMode.TUNNEL).reqid(7).replayWindow(32)
                .encryption(SaEncryption.AES_CBC, KeyMaterial.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff")))
                .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011121314")))
                .soft(new Lifetime(0, 0, 2880, 0)).hard(new Lifetime(100000, 1 << 30, 3600, 1800)).build();
        SaSpec natt = SaSpec.builder(new SaId(IpsecProtocol.ESP, B, A, spiBase + 2)).reqid(3).replayWindow(4)
                .encryption(SaEncryption.DES3_CBC, KeyMaterial.of(new byte[24]))
                .integrity(SaIntegrity.HMAC_MD5, KeyMaterial.of(new byte[16]))
                .encapsulation(UdpEncapsulation.espInUdp(4500, 4500)).build();
        SaSpec v6 = SaSpec.builder(new SaId(IpsecProtocol.AH, ip("2001:db8::1"), ip("2001:db8::2"), spiBase + 3))
                .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(new byte[20])).build();
        return List.of(tunnel, natt, v6);
    }

    private static List<PolicySpec> policies() {
        TrafficSelector nets = TrafficSelector.between(new IpPrefix(ip("10.5.0.0"), 16), new IpPrefix(ip("10.6.0.0"), 16));
        TrafficSelector web = new TrafficSelector(IpPrefix.host(A), 1234, IpPrefix.host(B), 80, 6);
        return List.of(
                new PolicySpec(nets, PolicyDirection.OUT, org.jracoon.ike.kernel.PolicyAction.IPSEC,
                        List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.UNIQUE).withReqid(7)), 0),
                PolicySpec.ipsec(web, PolicyDirection.IN, List.of(IpsecRequest.transport(IpsecProtocol.ESP, IpsecLevel.REQUIRE),
                        IpsecRequest.transport(IpsecProtocol.AH, IpsecLevel.USE))));
    }

    @Test
    void whatXfrmInstallsPfKeyReads() throws Exception {
        crossCheck(xfrm, pfkey, 0x7000);
    }

    @Test
    void whatPfKeyInstallsXfrmReads() throws Exception {
        crossCheck(pfkey, xfrm, 0x8000);
    }

    private static void crossCheck(KernelIpsec writer, KernelIpsec reader, int spiBase) throws Exception {
        for (SaSpec sa : sas(spiBase)) {
            writer.addSa(sa);
            KernelSa read = reader.getSa(sa.id()).orElseThrow();
            assertEquals(sa, read.spec());
            assertEquals(SaState.MATURE, read.state());
        }
        assertEquals(sas(spiBase), reader.dumpSa().stream().map(KernelSa::spec)
                .sorted(java.util.Comparator.comparingInt(s -> s.id().spi())).toList());
        for (PolicySpec p : policies()) {
            KernelPolicy installed = writer.addPolicy(p);
            assertEquals(installed, reader.getPolicy(installed.id()).orElseThrow());
            assertEquals(p, installed.spec());
        }
        int larval = writer.getSpi(IpsecProtocol.ESP, B, A, IpsecMode.TUNNEL, 11, spiBase + 0x100, spiBase + 0x1ff, 0);
        KernelSa reserved = reader.getSa(new SaId(IpsecProtocol.ESP, B, A, larval)).orElseThrow();
        assertEquals(SaState.LARVAL, reserved.state());
        assertEquals(11, reserved.spec().reqid());
    }
}
