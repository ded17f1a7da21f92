package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two of our daemons (ssA, ssB) with each strongSwan case's settings: A initiates on an ACQUIRE, B responds. */
@Tag("kernel")
class OwnPairInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"psk-3des", "psk-aes", "rsa"})
    void acquireOnOneSideBuildsTheTunnel(String testCase, @TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            if (testCase.equals("rsa")) {
                ns.installPki(Namespaces.A, "moon");
                ns.installPki(Namespaces.B, "sun");
            }
            Namespaces.OurDaemon b = ns.startDaemon(Namespaces.B, testCase, "racoon-B.conf");
            Namespaces.OurDaemon a = ns.startDaemon(Namespaces.A, testCase, "racoon.conf");
            ns.tunnelPoliciesOnBothSides();
            assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 15), a.output() + b.output());
            assertTrue(a.log().contains("ACQUIRE ESP 192.168.1.11 -> 192.168.1.12: negotiating"), a.log());
            for (Namespaces.OurDaemon d : new Namespaces.OurDaemon[] {a, b}) {
                assertTrue(d.log().contains("ISAKMP SA established") && d.log().contains("IPsec SA installed"),
                        d.log());
            }
            ns.assertPingThroughEspWithEqualKeys();
        }
    }
}
