package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four setkey scripts of the IPsec guide, run with bin/setkey as {@code setkey} in network
 * namespaces standing for the guide's hosts: the guide's own text must be accepted as written;
 * the test copies (src/test/resources, fixes explained in each) must install exactly the SAs and
 * policies asked for and protect a ping: the SA counters grow and the wire shows only ESP/AH.
 */
@Tag("kernel")
class GuideScriptsKernelTest {
    private static final String ANY_TRANSPORT = "tmpl src 0.0.0.0 dst 0.0.0.0 proto %s reqid 0 mode transport";
    private static final String PRIORITY = " priority 2147483648 ptype main ";

    @TempDir
    Path tmp;
    private Shell sh;

    @BeforeEach
    void setUp() throws IOException {
        sh = new Shell(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        sh.cleanUp();
    }

    @Test
    void transportAhAndEspBetweenAstroAndElroy() throws Exception {
        sh.namespace("astro");
        sh.namespace("elroy");
        sh.link("astro", "veth-astro", "192.168.1.11/24", "elroy", "veth-elroy", "192.168.1.12/24");
        acceptedAsWritten(0, "astro", "elroy");
        runPair("guide-transport.sh", "astro", "elroy");

        Set<String> states = Set.of(
                "src 192.168.1.11 dst 192.168.1.12 proto ah spi 0x00001000 reqid 0 mode transport",
                "src 192.168.1.12 dst 192.168.1.11 proto ah spi 0x00001001 reqid 0 mode transport",
                "src 192.168.1.11 dst 192.168.1.12 proto esp spi 0x00001002 reqid 0 mode transport",
                "src 192.168.1.12 dst 192.168.1.11 proto esp spi 0x00001003 reqid 0 mode transport");
        assertEquals(states, sh.states("astro"));
        assertEquals(states, sh.states("elroy"));
        String requests = String.format(ANY_TRANSPORT, "esp") + " " + String.format(ANY_TRANSPORT, "ah");
        assertEquals(Set.of(
                "src 192.168.1.11/32 dst 192.168.1.12/32 dir out" + PRIORITY + requests,
                "src 192.168.1.12/32 dst 192.168.1.11/32 dir in" + PRIORITY + requests,
                "src 192.168.1.12/32 dst 192.168.1.11/32 dir fwd" + PRIORITY + requests), sh.policies("astro"));
        assertEquals(Set.of(
                "src 192.168.1.12/32 dst 192.168.1.11/32 dir out" + PRIORITY + requests,
                "src 192.168.1.11/32 dst 192.168.1.12/32 dir in" + PRIORITY + requests,
                "src 192.168.1.11/32 dst 192.168.1.12/32 dir fwd" + PRIORITY + requests), sh.policies("elroy"));

        protectedPing("astro", "192.168.1.12", "astro", "veth-astro", "elroy", "veth-elroy",
                List.of("AH(spi=0x00001000", "ESP(spi=0x00001002", "AH(spi=0x00001001", "ESP(spi=0x00001003"),
                "astro", "elroy");
    }

    @Test
    void tunnelBetweenAstroAndElroy() throws Exception {
        sh.namespace("astro");
        sh.namespace("elroy");
        sh.link("astro", "veth-astro", "192.168.1.11/24", "elroy", "veth-elroy", "192.168.1.12/24");
        acceptedAsWritten(1, "astro", "elroy");
        runPair("guide-tunnel.sh", "astro", "elroy");

        Set<String> states = Set.of(
                "src 192.168.1.11 dst 192.168.1.12 proto esp spi 0x00001000 reqid 0 mode tunnel",
                "src 192.168.1.12 dst 192.168.1.11 proto esp spi 0x00001001 reqid 0 mode tunnel");
        assertTunnel(states, "astro", "192.168.1.11/32", "192.168.1.11", "elroy", "192.168.1.12/32", "192.168.1.12");

        protectedPing("astro", "192.168.1.12", "astro", "veth-astro", "elroy", "veth-elroy",
                List.of("ESP(spi=0x00001000", "ESP(spi=0x00001001"), "astro", "elroy");
    }

    @Test
    void cogswellNetToNet() throws Exception {
        for (String ns : List.of("cogswell", "gwhq", "gwwh", "inventory")) {
            sh.namespace(ns);
        }
        sh.link("cogswell", "veth-cogswell", "172.16.10.7/24", "gwhq", "veth-hq-lan", "172.16.10.1/24");
        sh.link("gwhq", "veth-hq-inet", "10.10.10.10/8", "gwwh", "veth-wh-inet", "10.20.20.20/8");
        sh.link("gwwh", "veth-wh-lan", "172.16.20.1/24", "inventory", "veth-inventory", "172.16.20.100/24");
        // policy-based IPsec still needs routes towards the far network (see run-in-kernel's README)
        sh.ok("ip -n cogswell route add default via 172.16.10.1"
                + " && ip -n inventory route add default via 172.16.20.1"
                + " && ip -n gwhq route add 172.16.20.0/24 via 10.20.20.20"
                + " && ip -n gwwh route add 172.16.10.0/24 via 10.10.10.10"
                + " && ip netns exec gwhq sysctl -qw net.ipv4.ip_forward=1"
                + " && ip netns exec gwwh sysctl -qw net.ipv4.ip_forward=1");
        acceptedAsWritten(2, "gwhq", "gwwh");
        runPair("guide-cogswell.sh", "gwhq", "gwwh");

        Set<String> states = Set.of(
                "src 10.10.10.10 dst 10.20.20.20 proto esp spi 0x00001000 reqid 0 mode tunnel",
                "src 10.20.20.20 dst 10.10.10.10 proto esp spi 0x00001001 reqid 0 mode tunnel");
        assertTunnel(states, "gwhq", "172.16.10.0/24", "10.10.10.10", "gwwh", "172.16.20.0/24", "10.20.20.20");

        protectedPing("cogswell", "172.16.20.100", "gwhq", "veth-hq-inet", "gwwh", "veth-wh-inet",
                List.of("ESP(spi=0x00001000", "ESP(spi=0x00001001"), "gwhq", "gwwh");
    }

    @Test
    void georgeFromHome() throws Exception {
        for (String ns : List.of("astro", "gwhq", "email")) {
            sh.namespace(ns);
        }
        sh.link("astro", "veth-astro", "10.30.30.30/8", "gwhq", "veth-hq-inet", "10.10.10.10/8");
        sh.link("gwhq", "veth-hq-lan", "172.16.10.1/24", "email", "veth-email", "172.16.10.12/24");
        sh.ok("ip -n astro route add 172.16.10.0/24 via 10.10.10.10"
                + " && ip -n email route add default via 172.16.10.1"
                + " && ip netns exec gwhq sysctl -qw net.ipv4.ip_forward=1");
        acceptedAsWritten(3, "astro", "gwhq");
        runPair("guide-george-home.sh", "astro", "gwhq");

        Set<String> states = Set.of(
                "src 10.30.30.30 dst 10.10.10.10 proto esp spi 0x00001000 reqid 0 mode tunnel",
                "src 10.10.10.10 dst 10.30.30.30 proto esp spi 0x00001001 reqid 0 mode tunnel");
        assertTunnel(states, "astro", "10.30.30.30/32", "10.30.30.30", "gwhq", "172.16.10.0/24", "10.10.10.10");

        protectedPing("astro", "172.16.10.12", "astro", "veth-astro", "gwhq", "veth-hq-inet",
                List.of("ESP(spi=0x00001000", "ESP(spi=0x00001001"), "astro", "gwhq");
    }

    /**
     * Both hosts hold the two tunnel SAs, and each its out policy towards the other's network and
     * the in policy back with its fwd twin, each requiring ESP in tunnel mode between the gateways.
     */
    private void assertTunnel(Set<String> states, String left, String leftNet, String leftIp,
                              String right, String rightNet, String rightIp) throws Exception {
        assertEquals(states, sh.states(left));
        assertEquals(states, sh.states(right));
        assertEquals(tunnelPolicies(leftNet, leftIp, rightNet, rightIp), sh.policies(left));
        assertEquals(tunnelPolicies(rightNet, rightIp, leftNet, leftIp), sh.policies(right));
    }

    private static Set<String> tunnelPolicies(String localNet, String localIp, String remoteNet, String remoteIp) {
        return Set.of(
                policy(localNet, remoteNet, "out", localIp, remoteIp),
                policy(remoteNet, localNet, "in", remoteIp, localIp),
                policy(remoteNet, localNet, "fwd", remoteIp, localIp));
    }

    private static String policy(String src, String dst, String dir, String tunnelSrc, String tunnelDst) {
        return "src " + src + " dst " + dst + " dir " + dir + PRIORITY + "tmpl src " + tunnelSrc + " dst "
                + tunnelDst + " proto esp reqid 0 mode tunnel";
    }

    /** The guide's own script number {@code index}, unchanged, on the left host and with -r on the right. */
    private void acceptedAsWritten(int index, String left, String right) throws Exception {
        Path script = tmp.resolve("guide-original-" + index + ".sh");
        Files.writeString(script, guideScripts().get(index));
        sh.ok("ip netns exec " + left + " sh " + script);
        sh.ok("ip netns exec " + right + " sh " + script + " -r");
    }

    /** The setkey scripts of the guide: each from its "#!/bin/sh" line to the "EOF" ending its heredoc. */
    private static List<String> guideScripts() throws IOException {
        List<String> lines = Files.readAllLines(
                Path.of(System.getProperty("jracoon.shared"), "guide", "ipsec-guide.txt"));
        List<String> scripts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.equals("#!/bin/sh")) {
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
                if (line.equals("EOF")) {
                    scripts.add(current.toString());
                    current = null;
                }
            }
        }
        assertTrue(scripts.size() >= 4, "the guide's four scripts");
        return scripts;
    }

    private void runPair(String resource, String left, String right) throws Exception {
        Path script = tmp.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        sh.ok("ip netns exec " + left + " sh " + script);
        sh.ok("ip netns exec " + right + " sh " + script + " -r");
    }

    /**
     * Pings {@code target} from {@code from} while capturing what both ends of the link {@code ns1:if1 <->
     * ns2:if2} send: the ping must pass, every SA of the protecting hosts must count packets, and
     * the wire must carry the expected ESP/AH SPIs and no ICMP in clear. Only sent packets are
     * captured: a receiver's tcpdump also shows a tunnel's inner packets, which Linux hands back
     * to the same device after decryption, though they never crossed the wire.
     */
    private void protectedPing(String from, String target, String ns1, String if1, String ns2, String if2,
                               List<String> expectedOnWire, String... protectingHosts) throws Exception {
        for (String host : protectingHosts) {
            assertTrue(sh.packetCounts(host).stream().allMatch(n -> n == 0), host + " counters start at 0");
        }
        Path pcap1 = tmp.resolve("sent-by-" + ns1 + ".pcap");
        Path pcap2 = tmp.resolve("sent-by-" + ns2 + ".pcap");
        Process capture1 = capture(ns1, if1, pcap1);
        try {
            Process capture2 = capture(ns2, if2, pcap2);
            try {
                sh.ok("ip netns exec " + from + " ping -c 3 -W 5 " + target);
            } finally {
                stop(capture2);
            }
        } finally {
            stop(capture1);
        }
        for (String host : protectingHosts) {
            List<Long> counts = sh.packetCounts(host);
            assertTrue(counts.stream().allMatch(n -> n > 0), host + " SA packet counters grew: " + counts);
        }
        String wire = sh.ok("tcpdump -n -r " + pcap1 + " 2>/dev/null; tcpdump -n -r " + pcap2 + " 2>/dev/null");
        for (String expected : expectedOnWire) {
            assertTrue(wire.contains(expected), "capture shows " + expected + ":\n" + wire);
        }
        assertFalse(wire.contains("ICMP"), "no ICMP in clear on the wire:\n" + wire);
    }

    /** tcpdump of the packets {@code ns:dev} sends, started once it says it is listening. */
    private static Process capture(String ns, String dev, Path pcap) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-n", "-U", "-Q", "out", "-i", dev,
                "-w", pcap.toString()).redirectErrorStream(true).start();
        String ready = "tcpdump: listening on";
        byte[] first = p.getInputStream().readNBytes(ready.length());
        assertEquals(ready, new String(first, StandardCharsets.UTF_8));
        return p;
    }

    private static void stop(Process capture) throws InterruptedException {
        capture.destroy();
        capture.waitFor(10, TimeUnit.SECONDS);
    }
}
