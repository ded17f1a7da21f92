package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.jracoon.pfkey.KernelIpsecContract.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * XFRM on the build machine's own kernel, which has XFRM netlink but neither AF_KEY nor ESP.
 * Other builds share this kernel: the tests touch only their own addresses and never flush.
 */
class XfrmHostTest {
    private static final InetAddress A = ip("10.251.0.1");
    private static final InetAddress B = ip("10.251.0.2");

    private XfrmKernel kernel;

    @BeforeEach
    void open() {
        try {
            kernel = XfrmKernel.open();
        } catch (IOException e) {
            assumeTrue(false, "this host has no XFRM netlink: " + e.getMessage());
        }
    }

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void policiesAreAddedDumpedAndDeleted() throws Exception {
        TrafficSelector sel = TrafficSelector.between(new IpPrefix(ip("10.251.1.0"), 24), new IpPrefix(ip("10.251.2.0"), 24));
        PolicySpec out = PolicySpec.ipsec(sel, PolicyDirection.OUT,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.REQUIRE)));
        KernelPolicy added = kernel.addPolicy(out);
        try {
            assertEquals(out, added.spec());
            assertEquals(PolicyDirection.OUT.ordinal(), added.id() & 7, "the index carries the direction");
            assertTrue(kernel.dumpPolicy().contains(added), "dump shows the policy");
            assertEquals(Optional.of(added), kernel.getPolicy(added.id()));
            KernelException dup = assertThrows(KernelException.class, () -> kernel.addPolicy(out));
            assertEquals(KernelOperation.SPDADD, dup.operation());
            assertEquals(17, dup.errno());
        } finally {
            kernel.deletePolicy(sel, PolicyDirection.OUT);
        }
        assertFalse(kernel.dumpPolicy().contains(added));
        assertEquals(Optional.empty(), kernel.getPolicy(added.id()));
        KernelException gone = assertThrows(KernelException.class, () -> kernel.deletePolicy(added.id()));
        assertEquals(KernelOperation.SPDDELETE2, gone.operation());
        assertEquals(2, gone.errno(), "ENOENT");
    }

    @Test
    void anSaAddNamesTheMissingEspSupport() throws Exception {
        SaSpec esp = SaSpec.builder(new SaId(IpsecProtocol.ESP, A, B, 0x2510))
                .encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16]))
                .integrity(SaIntegrity.HMAC_SHA2_256, KeyMaterial.of(new byte[32])).build();
        KernelException e;
        try {
            kernel.addSa(esp);
            kernel.deleteSa(esp.id());
            assumeTrue(false, "this host kernel has ESP: there is no missing support to report");
            return;
        } catch (KernelException refused) {
            e = refused;
        }
        assertEquals(KernelOperation.ADD, e.operation());
        assertEquals(93, e.errno(), e.getMessage());
        assertEquals("ADD esp 10.251.0.1->10.251.0.2 spi 0x00002510: Protocol not supported (EPROTONOSUPPORT), "
                + "the kernel says \"Requested type not found\": this kernel has no ESP support "
                + "(CONFIG_INET_ESP, module esp4)", e.getMessage());
    }

    @Test
    void anSpiIsReservedAsALarvalSaWithoutEsp() throws Exception {
        int spi = kernel.getSpi(IpsecProtocol.ESP, B, A, IpsecMode.TUNNEL, 9, 0x25100, 0x251ff, 0);
        SaId id = new SaId(IpsecProtocol.ESP, B, A, spi);
        try {
            assertTrue(spi >= 0x25100 && spi <= 0x251ff, Integer.toHexString(spi));
            var larval = kernel.getSa(id).orElseThrow();
            assertEquals(SaState.LARVAL, larval.state());
            assertEquals(IpsecMode.TUNNEL, larval.spec().mode());
            assertEquals(9, larval.spec().reqid());
        } finally {
            kernel.deleteSa(id);
        }
        assertEquals(Optional.empty(), kernel.getSa(id));
    }
}
