package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.jracoon.daemon.ctl.Racoonctl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoonctl with real SAs: two of our daemons (ssA, ssB) with tunnel policies; establish-sa -w
 * negotiates before any traffic, the kernels of both hold the pair and a ping passes through it,
 * show-sa esp names the kernel's SPIs, and SIGTERM on A deletes its SAs from both kernels (B
 * acts on A's DELETEs).
 */
@Tag("kernel")
class RacoonctlKernelTest {

    @Test
    void establishSaInstallsRealSasAndSigtermDeletesThemOnBothSides(@TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            Namespaces.OurDaemon b = ns.startDaemon(Namespaces.B, "racoonctl", "racoon-B.conf");
            Namespaces.OurDaemon a = ns.startDaemon(Namespaces.A, "racoonctl", "racoon.conf");
            ns.tunnelPoliciesOnBothSides();
            Path socket = ns.daemonDirectory(Namespaces.A).resolve("racoon.sock");

            Racoonctl.Result up = Racoonctl.run(socket, "establish-sa -w esp inet 10.1.0.0/24 10.2.0.0/24 any");
            assertEquals(0, up.exit(), up + a.output() + b.output());
            assertTrue(up.out().contains("Phase 2 established"), up.out());
            Set<String> sas = ns.saKeys(Namespaces.A);
            assertEquals(2, sas.size(), sas.toString());
            assertEquals(sas, ns.saKeys(Namespaces.B));
            ns.assertPingThroughEspWithEqualKeys();
            assertTrue(!a.log().contains("ACQUIRE"), "negotiated on racoonctl's request, not on an ACQUIRE");

            String shown = Racoonctl.run(socket, "show-sa esp").out();
            for (String sa : sas) {
                String spi = sa.split(" ")[5];
                assertTrue(shown.contains(String.format("0x%08x", Long.parseLong(spi.substring(2), 16))),
                        spi + " in " + shown);
            }

            assertEquals(0, a.stop());
            assertTrue(a.log().contains("deleted 1 ISAKMP SA(s) with their IPsec SAs"), a.log());
            assertEquals("", ns.shell("ip -n " + Namespaces.A + " xfrm state").strip());
            for (int i = 0; i < 100 && !ns.shell("ip -n " + Namespaces.B + " xfrm state").isBlank(); i++) {
                Thread.sleep(100);
            }
            assertEquals("", ns.shell("ip -n " + Namespaces.B + " xfrm state").strip(), b.log());
        }
    }
}
