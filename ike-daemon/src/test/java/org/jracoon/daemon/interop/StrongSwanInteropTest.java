package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our daemon (bin/racoon, in ssA, with the racoon.conf kept in test resources) against
 * strongSwan's charon (ssB, ../shared/peers/strongswan): both roles, traffic through the tunnel,
 * and the same keys and SPIs in both kernels, with our DH values and signatures from libcrypto.
 */
@Tag("kernel")
class StrongSwanInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"psk-3des", "psk-aes", "rsa"})
    void charonInitiates(String testCase, @TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            if (testCase.equals("rsa")) {
                ns.installPki(Namespaces.A, "moon");
            }
            Namespaces.OurDaemon ours = ns.startDaemon(Namespaces.A, testCase, "racoon.conf");
            ns.tunnelPolicies(Namespaces.A, Namespaces.IP_A, Namespaces.IP_B, "10.1.0.0/24", "10.2.0.0/24",
                    "10.1.0.1");
            String initiate = ns.startPeer(testCase, "B", true);
            assertTrue(initiate.contains("initiate completed successfully"), initiate);
            ours.awaitLog("IPsec SA installed", 30);
            assertTunnelCarriesTraffic(ns, ours);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"psk-3des", "psk-aes", "rsa"})
    void ourDaemonInitiatesOnAcquire(String testCase, @TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            if (testCase.equals("rsa")) {
                ns.installPki(Namespaces.A, "moon");
            }
            ns.startPeer(testCase, "B", false);
            Namespaces.OurDaemon ours = ns.startDaemon(Namespaces.A, testCase, "racoon.conf");
            ns.tunnelPolicies(Namespaces.A, Namespaces.IP_A, Namespaces.IP_B, "10.1.0.0/24", "10.2.0.0/24",
                    "10.1.0.1");
            // the first ping hits the require policy with no SA: the kernel drops it and sends an ACQUIRE
            assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 15), ours.output());
            assertTrue(ours.log().contains("ACQUIRE ESP 192.168.1.11 -> 192.168.1.12: negotiating"), ours.log());
            assertTunnelCarriesTraffic(ns, ours);
        }
    }

    /** Both sides report the SAs, a ping passes through ESP in both kernels, and the keys agree. */
    private static void assertTunnelCarriesTraffic(Namespaces ns, Namespaces.OurDaemon ours) {
        String charon = ns.charonSas("B");
        assertTrue(charon.contains("ESTABLISHED") && charon.contains("INSTALLED"), charon);
        assertTrue(ours.log().contains("ISAKMP SA established") && ours.log().contains("IPsec SA installed"),
                ours.log());
        // the default provider: DH and the rsa case's signatures came from the machine's libcrypto
        assertTrue(ours.log().contains("crypto: openssl (OpenSSL 3."), ours.log());
        ns.assertPingThroughEspWithEqualKeys();
    }
}
