package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Negotiations our daemon must refuse, against strongSwan's charon: ONE daemon (ssA, 192.168.1.11,
 * racoon.conf of interop/refusals) and ONE charon (ssB) with an address per flaw and a connection
 * per address (interop/refusals/charon/swanctl.conf). Our racoon.conf has a remote per charon
 * address with exactly one flaw: another key in psk.txt, proposals with nothing in common, a
 * certificate folder without the signer of charon's certificate, a peers_identifier charon's DN
 * does not match, and an sainfo lifetime shorter than charon proposes under proposal_check strict.
 * Charon initiates each flawed connection and must report failure; our log must hold exactly one
 * warning line for that peer, saying why; no SA with that peer may be in either kernel. Finally the
 * good connection (192.168.1.12) establishes and carries a ping: the same daemon still serves.
 */
@Tag("kernel")
class RefusalInteropTest {

    /** A charon connection (its child has the same name), its address in ssB, and our log's line for it. */
    private record Flaw(String connection, String address, String refusal) {
    }

    private static final List<Flaw> FLAWS = List.of(
            new Flaw("wrong-psk", "192.168.1.21", "phase 1 with 192.168.1.21[500] refused: pre-shared key mismatch "
                    + "or forged packet: "),
            new Flaw("no-proposal", "192.168.1.22", "phase 1 with 192.168.1.22[500] refused: no phase-1 proposal "
                    + "acceptable: #1 AES_CBC/256 SHA2_256 PRE_SHARED_KEY MODP_2048"),
            new Flaw("unknown-ca", "192.168.1.23", "phase 1 with 192.168.1.23[500] refused: no CA certificate for "
                    + "issuer \"C=CH, O=Elsewhere, CN=Elsewhere CA\""),
            new Flaw("dn-mismatch", "192.168.1.24", "phase 1 with 192.168.1.24[500] refused: peer's identity \"C=CH, "
                    + "O=IKEv1 Test, CN=sun.test\" does not match peers_identifier asn1dn \"C=CH, O=IKEv1 Test, "
                    + "CN=mars.test\" (INVALID-ID-INFORMATION)"),
            new Flaw("long-lifetime", "192.168.1.25", "phase 2 with 192.168.1.25[500] refused: no phase-2 proposal "
                    + "acceptable: #1 lifetime 7200 s vs our 3600 s (STRICT) (NO-PROPOSAL-CHOSEN)"));

    @Test
    void eachFlawIsRefusedOnceAndTheDaemonStillServes(@TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            ns.addAddresses(Namespaces.B, FLAWS.stream().map(Flaw::address).toList());
            ns.startPeer("rsa", "B", false);
            ns.reconfigurePeer("B", "refusals");
            ns.installPki(Namespaces.A, "moon");
            Namespaces.OurDaemon ours = ns.startDaemon(Namespaces.A, "refusals", "racoon.conf");
            ns.tunnelPolicies(Namespaces.A, Namespaces.IP_A, Namespaces.IP_B, "10.1.0.0/24", "10.2.0.0/24",
                    "10.1.0.1");

            // the flawed connections are independent: charon initiates them all at once, each
            // swanctl waiting for its own outcome, so the run costs the slowest failure, not their sum
            ns.shell("for c in " + FLAWS.stream().map(Flaw::connection).collect(Collectors.joining(" "))
                    + "; do sw B ssB --initiate --child $c --timeout 90 > $RUN/initiate-$c.log 2>&1 & done; wait");
            for (Flaw flaw : FLAWS) {
                String charon = Files.readString(run.resolve("initiate-" + flaw.connection() + ".log"));
                assertTrue(charon.contains("initiate failed"), flaw + ": charon says " + charon);
                ours.awaitLog(flaw.refusal(), 30);
                List<String> lines = warnings(ours.log(), flaw.address());
                assertEquals(1, lines.size(), flaw + ": " + lines);
                assertTrue(lines.get(0).contains(flaw.refusal()), flaw + ": " + lines.get(0));
                for (String side : List.of(Namespaces.A, Namespaces.B)) {
                    String states = ns.shell("ip -n " + side + " xfrm state");
                    assertFalse(states.contains(flaw.address()), flaw + ": SA in " + side + ":\n" + states);
                }
            }
            assertEquals(List.of(), ours.log().lines().filter(l -> l.contains(": ERROR: ")).toList());

            String good = ns.shell("sw B ssB --initiate --child good --timeout 90");
            assertTrue(good.contains("initiate completed successfully"), good + ours.output());
            ours.awaitLog("IPsec SA installed", 30);
            String charonSas = ns.charonSas("B");
            assertTrue(charonSas.contains("INSTALLED"), charonSas);
            ns.assertPingThroughEspWithEqualKeys();
        }
    }

    /** Our log's WARN and ERROR lines about {@code address}. */
    private static List<String> warnings(String log, String address) {
        return log.lines().filter(l -> l.contains(": WARN: ") || l.contains(": ERROR: "))
                .filter(l -> l.contains(address + "[")).toList();
    }
}
