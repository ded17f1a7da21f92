package org.jracoon.xfrm;

import static org.jracoon.pfkey.KernelIpsecContract.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.pfkey.PfKeyException;
import org.jracoon.pfkey.SadbMapping;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.junit.jupiter.api.Test;

/** The SA of a PF_KEY ADD as af_key reads it before handing it to XFRM. */
class XfrmSadbTest {
    private static final SaSpec ESP = SaSpec.builder(new SaId(IpsecProtocol.ESP, ip("10.0.0.1"), ip("10.0.0.2"), 0x1000))
            .encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16]))
            .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(new byte[20])).replayWindow(64).build();

    private static SadbMessage add(int satype, List<SadbExtension> extensions) {
        return SadbMessage.request(SadbMessageType.ADD, satype, extensions);
    }

    @Test
    void theReplayWindowIsCutToAfKeysBitmapAndTheNatOriginalAddressDropped() throws Exception {
        SaSpec natt = ESP.toBuilder().encapsulation(new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP, 4500, 4500,
                Optional.of(ip("192.0.2.9")))).build();
        SaSpec read = XfrmSadb.saSpec(add(Sadb.SATYPE_ESP, SadbMapping.saExtensions(natt)));
        assertEquals(natt.toBuilder().replayWindow(32).encapsulation(
                new UdpEncapsulation(UdpEncapsulation.Type.ESP_IN_UDP, 4500, 4500, Optional.empty())).build(), read);
    }

    @Test
    void whatAfKeyRefusesIsRefusedWithItsErrno() {
        List<SadbExtension> hardOnly = new ArrayList<>(SadbMapping.saExtensions(
                ESP.toBuilder().hard(Lifetime.seconds(60)).build()));
        assertEquals(22, refused(add(Sadb.SATYPE_ESP, hardOnly)), "a hard lifetime without a soft one: EINVAL");
        List<SadbExtension> noKey = SadbMapping.saExtensions(ESP).stream()
                .filter(e -> e.type() != SadbExtensionType.KEY_ENCRYPT).toList();
        assertEquals(22, refused(add(Sadb.SATYPE_ESP, noKey)), "ESP without an encryption key: EINVAL");
        assertEquals(22, refused(add(9 + 100, SadbMapping.saExtensions(ESP))), "an unknown SA type: EINVAL");
        List<SadbExtension> unknownCipher = SadbMapping.saExtensions(ESP).stream()
                .map(e -> e instanceof SaExtension s ? new SaExtension(s.spi(), s.replay(), s.state(), s.auth(), 249, 0) : e)
                .toList();
        assertEquals(38, refused(add(Sadb.SATYPE_ESP, unknownCipher)), "a cipher the kernel does not know: ENOSYS");
    }

    private static int refused(SadbMessage m) {
        return assertThrows(PfKeyException.class, () -> XfrmSadb.saSpec(m)).errno();
    }
}
