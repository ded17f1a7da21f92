package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two of our daemons (ssA, ssB) with each strongSwan case's settings: A initiates on an ACQUIRE,
 * B responds. In psk-aes the policies are setkey's {@code unique:N} for that tunnel and a second
 * one between the same gateways (A numbers them 11 and 12, B 21 and 22).
 */
@Tag("kernel")
class OwnPairInteropTest {

    private static final Path ROOT = Path.of(System.getProperty("jracoon.root"));
    private static final Pattern REQID = Pattern.compile("reqid (\\d+)");

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
            boolean unique = testCase.equals("psk-aes");
            if (unique) {
                // this case's tunnel and a second one under setkey's unique:N, each side numbering its own
                ns.shell("ip -n ssA addr replace 10.1.1.1/32 dev lo; ip -n ssB addr replace 10.2.1.1/32 dev lo");
                uniqueTunnels(ns, run, Namespaces.A, "192.168.1.11", "192.168.1.12", "10.1", "10.2", 11);
                uniqueTunnels(ns, run, Namespaces.B, "192.168.1.12", "192.168.1.11", "10.2", "10.1", 21);
            } else {
                ns.tunnelPoliciesOnBothSides();
            }
            assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 15), a.output() + b.output());
            assertTrue(a.log().contains("ACQUIRE ESP 192.168.1.11 -> 192.168.1.12: negotiating"), a.log());
            for (Namespaces.OurDaemon d : new Namespaces.OurDaemon[] {a, b}) {
                assertTrue(d.log().contains("ISAKMP SA established") && d.log().contains("IPsec SA installed"),
                        d.log());
            }
            ns.assertPingThroughEspWithEqualKeys();
            if (unique) {
                // each tunnel gets an SA pair of its own, every SA with the reqid of its side's
                // policies for that tunnel, the responder's too: one inbound and one outbound each
                assertTrue(ns.ping(Namespaces.A, "10.1.1.1", "10.2.1.1", 15), a.output() + b.output());
                assertEquals(Map.of(11, 2L, 12, 2L), reqids(ns, Namespaces.A), ns.shell("ip -n ssA xfrm state"));
                assertEquals(Map.of(21, 2L, 22, 2L), reqids(ns, Namespaces.B), ns.shell("ip -n ssB xfrm state"));
            }
        }
    }

    /**
     * setkey's policies for the tunnels .0 and .1 of {@code ownNet}.x.0/24 to {@code farNet}.x.0/24,
     * unique:{@code firstReqid} and the next, and the routes to the far networks.
     */
    private static void uniqueTunnels(Namespaces ns, Path run, String namespace, String self, String peer,
            String ownNet, String farNet, int firstReqid) throws Exception {
        StringBuilder script = new StringBuilder();
        StringBuilder routes = new StringBuilder();
        for (int tunnel = 0; tunnel < 2; tunnel++) {
            String own = ownNet + "." + tunnel + ".0/24";
            String far = farNet + "." + tunnel + ".0/24";
            int reqid = firstReqid + tunnel;
            script.append("spdadd ").append(own).append(' ').append(far).append(" any -P out ipsec esp/tunnel/")
                    .append(self).append('-').append(peer).append("/unique:").append(reqid).append(";\n");
            script.append("spdadd ").append(far).append(' ').append(own).append(" any -P in ipsec esp/tunnel/")
                    .append(peer).append('-').append(self).append("/unique:").append(reqid).append(";\n");
            routes.append("ip -n ").append(namespace).append(" route replace ").append(far).append(" via ")
                    .append(peer).append(" src ").append(ownNet).append('.').append(tunnel).append(".1; ");
        }
        Path file = run.resolve("setkey-" + namespace + ".conf");
        Files.writeString(file, script.toString());
        ns.shell("ip netns exec " + namespace + " " + ROOT.resolve("bin/setkey") + " -f " + file + " && " + routes);
    }

    /** How many SAs of a namespace carry each reqid ({@code ip xfrm state}). */
    private static Map<Integer, Long> reqids(Namespaces ns, String namespace) {
        return REQID.matcher(ns.shell("ip -n " + namespace + " xfrm state")).results()
                .map(m -> Integer.parseInt(m.group(1)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
