package org.jracoon.pfkey;

import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.pfkey.KernelBackends.Backend;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.jracoon.xfrm.XfrmKernel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelBackendsTest {

    @Test
    void pfKeyFirstThenXfrm() throws Exception {
        RecordingKernel pfkey = new RecordingKernel();
        RecordingKernel xfrm = new RecordingKernel();
        AtomicInteger xfrmOpened = new AtomicInteger();
        assertSame(pfkey, KernelBackends.open(Optional.empty(), () -> pfkey, () -> {
            xfrmOpened.incrementAndGet();
            return xfrm;
        }));
        assertEquals(0, xfrmOpened.get(), "XFRM is not opened when PF_KEY is there");
        assertSame(xfrm, KernelBackends.open(Optional.empty(), () -> {
            throw new IOException("socket(AF_KEY, SOCK_RAW, PF_KEY_V2): Address family not supported by protocol (EAFNOSUPPORT)");
        }, () -> xfrm));
    }

    @Test
    void neitherBackendIsOneMessageWithBothReasons() {
        IOException e = assertThrows(IOException.class, () -> KernelBackends.open(Optional.empty(),
                () -> {
                    throw new IOException("no AF_KEY");
                },
                () -> {
                    throw new IOException("no NETLINK_XFRM");
                }));
        assertEquals("no IPsec kernel interface: PF_KEY: no AF_KEY; XFRM: no NETLINK_XFRM", e.getMessage());
    }

    @Test
    void backendsByOptionName() {
        assertEquals(Backend.PFKEY, Backend.byName("pfkey"));
        assertEquals(Backend.XFRM, Backend.byName(" XFRM "));
        assertEquals("xfrm", Backend.XFRM.optionName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.byName("netkey"));
        assertEquals("unknown kernel interface 'netkey' (pfkey or xfrm)", e.getMessage());
    }

    @Test
    void aKernelOptionIsAutoOrOneBackend() throws Exception {
        assertEquals(Optional.empty(), KernelBackends.choice("auto"));
        assertEquals(Optional.of(Backend.XFRM), KernelBackends.choice("xfrm"));
        assertEquals(Optional.of(Backend.PFKEY), KernelBackends.choice("PFKEY"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelBackends.choice("netkey"));
        assertEquals("unknown kernel interface 'netkey' (auto, pfkey or xfrm)", e.getMessage());
        // a backend named is opened even when the other would open
        assertEquals("xfrm", KernelBackends.open(Optional.of(Backend.XFRM), () -> "pfkey", () -> "xfrm"));
        assertEquals("pfkey", KernelBackends.open(Optional.of(Backend.PFKEY), () -> "pfkey", () -> "xfrm"));
    }

    /** On this host (no AF_KEY) the choice is XFRM; inside the test kernel, see KernelBackendsKernelTest. */
    @Test
    void theAutomaticChoiceFollowsTheKernel() throws Exception {
        checkAutomaticChoice();
    }

    /** The automatic choice is PF_KEY exactly when the kernel has AF_KEY (/proc/net/pfkey), and an explicit one is kept. */
    static void checkAutomaticChoice() throws Exception {
        boolean afKey = Files.exists(Path.of("/proc/net/pfkey"));
        try (KernelIpsec chosen = KernelBackends.open()) {
            Class<? extends KernelIpsec> expected = afKey ? PfKeyKernel.class : XfrmKernel.class;
            assertEquals(expected, chosen.getClass());
        }
        try (KernelIpsec xfrm = KernelBackends.open(Backend.XFRM)) {
            assertInstanceOf(XfrmKernel.class, xfrm);
        }
        if (afKey) {
            try (KernelIpsec pfkey = KernelBackends.open(Backend.PFKEY)) {
                assertInstanceOf(PfKeyKernel.class, pfkey);
            }
        } else {
            IOException e = assertThrows(IOException.class, () -> KernelBackends.open(Backend.PFKEY));
            assertEquals("socket(AF_KEY, SOCK_RAW, PF_KEY_V2): Address family not supported by protocol (EAFNOSUPPORT)",
                    e.getMessage());
        }
    }
}
