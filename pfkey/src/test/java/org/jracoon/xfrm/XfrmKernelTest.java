package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.pfkey.KernelIpsecContract;
import org.jracoon.pfkey.Shell;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel contract over XFRM netlink, and what only XFRM can say (run inside run-in-kernel). */
class XfrmKernelTest extends KernelIpsecContract {
    @Override
    protected KernelIpsec openKernel() throws Exception {
        return XfrmKernel.open();
    }

    @Test
    void algorithmsGoByLinuxNamesWithTheirRfcTruncation() throws Exception {
        byte[] k32 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        SaSpec des3Md5 = SaSpec.builder(new SaId(IpsecProtocol.ESP, A, B, 0x6001))
                .encryption(SaEncryption.DES3_CBC, KeyMaterial.of(new byte[24]))
                .integrity(SaIntegrity.HMAC_MD5, KeyMaterial.of(new byte[16])).build();
        SaSpec sha256 = SaSpec.builder(new SaId(IpsecProtocol.AH, A, B, 0x6002))
                .integrity(SaIntegrity.HMAC_SHA2_256, KeyMaterial.of(k32)).build();
        kernel.addSa(des3Md5);
        kernel.addSa(sha256);
        assertEquals(des3Md5, kernel.getSa(des3Md5.id()).orElseThrow().spec());
        assertEquals(sha256, kernel.getSa(sha256.id()).orElseThrow().spec());
        String state = Shell.ok("ip", "xfrm", "state");
        assertTrue(state.contains("enc cbc(des3_ede) 0x" + "00".repeat(24)), state);
        assertTrue(state.contains("auth-trunc hmac(md5) 0x" + "00".repeat(16) + " 96"), state);
        // RFC 4868 section 2.3: HMAC-SHA-256-128, not the 96 bits PF_KEY gets on Linux.
        assertTrue(state.contains("auth-trunc hmac(sha256) 0x" + HexFormat.of().formatHex(k32) + " 128"), state);
    }

    @Test
    void replayWindowsBeyond32PacketsAndNatTraversalWithAnOriginalAddress() throws Exception {
        SaSpec wide = esp(A, B, 0x6003).toBuilder().replayWindow(128).build();
        SaSpec natt = esp(A, B, 0x6004).toBuilder().mode(IpsecMode.TRANSPORT).encapsulation(new UdpEncapsulation(
                UdpEncapsulation.Type.ESP_IN_UDP, 4500, 4501, Optional.of(ip("192.0.2.7")))).build();
        kernel.addSa(wide);
        kernel.addSa(natt);
        assertEquals(wide, kernel.getSa(wide.id()).orElseThrow().spec());
        assertEquals(natt, kernel.getSa(natt.id()).orElseThrow().spec());
        String state = Shell.ok("ip", "xfrm", "state");
        assertTrue(state.contains("encap type espinudp sport 4500 dport 4501 addr 192.0.2.7"), state);
    }
}
