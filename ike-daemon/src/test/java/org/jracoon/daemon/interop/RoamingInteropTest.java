package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's roaming case ("George works from Kay's Koffee Klatch"): a laptop (namespace lap,
 * 192.168.100.9) behind a NAT (natbox, iptables-legacy masquerade onto 198.51.100.2), a gateway
 * (gw, 198.51.100.1) running our daemon with {@code passive on}, {@code generate_policy on} and
 * no setkey script, and a host behind it (host, 172.16.10.12). Certificates with hash links as
 * in the guide. First our daemon is the laptop (with the guide's setkey script), then charon:
 * each negotiates over UDP 4500, the gateway generates the policies, a ping from the laptop to
 * the host passes through ESP in UDP, and the laptop's keepalives reach the gateway.
 */
@Tag("kernel")
class RoamingInteropTest {

    private static final String LAP = "lap";
    private static final String NAT = "natbox";
    private static final String GW = "gw";
    private static final String HOST = "host";
    private static final String LAPTOP_IP = "192.168.100.9";
    private static final String HOST_IP = "172.16.10.12";
    private static final Path PKI = Path.of(System.getProperty("jracoon.shared"), "peers/strongswan/cases/rsa/pki");
    private static final Path ROOT = Path.of(System.getProperty("jracoon.root"));
    private static final Path RESOURCES = ROOT.resolve("ike-daemon/src/test/resources/interop/roaming");

    @Test
    void laptopBehindNatReachesTheHostThroughThePassiveGateway(@TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            try {
                network(ns);
                Path capture = run.resolve("gw-4500.pcap");
                Process tcpdump = new ProcessBuilder("ip", "netns", "exec", GW, "tcpdump", "-i", "gw0", "-n", "-U",
                        "-w", capture.toString(), "udp port 4500").redirectErrorStream(true)
                        .redirectOutput(run.resolve("tcpdump.out").toFile()).start();
                try {
                    roam(ns, capture, tcpdump);
                } finally {
                    tcpdump.destroy();
                }
            } finally {
                ns.exec(List.of("bash", "-c", "for n in " + LAP + " " + NAT + " " + GW + " " + HOST
                        + "; do ip netns del $n 2>/dev/null; done; true"));
            }
        }
    }

    private static void roam(Namespaces ns, Path capture, Process tcpdump) throws Exception {
        ns.installPki(GW, "sun");
        Namespaces.OurDaemon gateway = ns.startDaemon(GW, "roaming", "racoon-gw.conf");
        awaitCapture(capture, tcpdump);

        // our daemon as the laptop, with the guide's setkey script for Astro
        ns.installPki(LAP, "moon");
        Namespaces.OurDaemon laptop = ns.startDaemon(LAP, "roaming", "racoon-laptop.conf");
        ns.shell("ip netns exec " + LAP + " " + ROOT.resolve("bin/setkey") + " -c <<'EOF'\n"
                + "spdadd " + LAPTOP_IP + " 172.16.10.0/24 any -P out ipsec esp/tunnel/" + LAPTOP_IP
                + "-198.51.100.1/require;\n"
                + "spdadd 172.16.10.0/24 " + LAPTOP_IP + " any -P in ipsec esp/tunnel/198.51.100.1-" + LAPTOP_IP
                + "/require;\nEOF");
        pingThroughEsp(ns, laptop.output() + gateway.output());
        assertTrue(laptop.log().contains("IKE floats to /" + LAPTOP_IP + ":4500 -> /198.51.100.1:4500"),
                laptop.log());
        assertTrue(gateway.log().contains("NAT-D: NAT in front of the peer"), gateway.log());
        assertTrue(gateway.log().contains("now /198.51.100.1:4500 -> /198.51.100.2:"), gateway.log());
        assertGeneratedPolicies(ns, gateway);
        String gwSas = ns.shell("ip -n " + GW + " xfrm state");
        assertTrue(gwSas.contains("src 198.51.100.2 dst 198.51.100.1") && gwSas.contains("encap type espinudp"),
                gwSas);
        awaitKeepalives(ns, capture, 1);

        // strongSwan as the laptop, with the same certificate, after our laptop daemon is gone
        laptop.stop();
        ns.shell("ip -n " + LAP + " xfrm state flush; ip -n " + LAP + " xfrm policy flush");
        int keepalivesBefore = keepalives(ns, capture);
        String charonDir = "$RUN/A";
        ns.shell(String.join("; ",
                "LOAD='random nonce aes gcrypt des sha1 sha2 md5 hmac gmp x509 pubkey pkcs1 pkcs8 pem constraints"
                        + " revocation kernel-netlink socket-default vici'",
                "rm -rf " + charonDir, "mkdir -p " + charonDir,
                "gen_conf A \"$LOAD\" 'keep_alive = 2s'",
                "mkdir -p " + charonDir + "/swanctl/x509 " + charonDir + "/swanctl/x509ca " + charonDir
                        + "/swanctl/private",
                "cp " + RESOURCES.resolve("swanctl-laptop.conf") + " " + charonDir + "/swanctl/swanctl.conf",
                "cp " + PKI.resolve("moon.pem") + " " + charonDir + "/swanctl/x509/",
                "cp " + PKI.resolve("ca.pem") + " " + charonDir + "/swanctl/x509ca/",
                "cp " + PKI.resolve("moon.key") + " " + charonDir + "/swanctl/private/",
                "start_charon A " + LAP,
                "sw A " + LAP + " --load-all --noprompt"));
        String initiate = ns.shell("sw A " + LAP + " --initiate --child net --timeout 30");
        assertTrue(initiate.contains("initiate completed successfully"), initiate + gateway.output());
        String charon = ns.charonSas("A");
        assertTrue(charon.contains("ESTABLISHED") && charon.contains("INSTALLED") && charon.contains("4500"),
                charon);
        pingThroughEsp(ns, gateway.output());
        String log = gateway.log();
        assertTrue(log.indexOf("policies generated") != log.lastIndexOf("policies generated"),
                "policies generated for both laptops:\n" + log);
        assertGeneratedPolicies(ns, gateway);
        awaitKeepalives(ns, capture, keepalivesBefore + 1);
    }

    /**
     * lap -- natbox (masquerade) -- gw -- host, the Internet between natbox and gw. The gateway
     * routes the laptop's address towards the NAT, where its generated outbound policy catches
     * the host's answers.
     */
    private static void network(Namespaces ns) {
        ns.shell(String.join("; ",
                "for n in " + LAP + " " + NAT + " " + GW + " " + HOST + "; do ip netns add $n; ip -n $n link set lo up;"
                        + " done",
                "ip link add lap0 netns " + LAP + " type veth peer name nat0 netns " + NAT,
                "ip link add nat1 netns " + NAT + " type veth peer name gw0 netns " + GW,
                "ip link add gw1 netns " + GW + " type veth peer name host0 netns " + HOST,
                "ip -n " + LAP + " addr add " + LAPTOP_IP + "/24 dev lap0",
                "ip -n " + NAT + " addr add 192.168.100.1/24 dev nat0",
                "ip -n " + NAT + " addr add 198.51.100.2/24 dev nat1",
                "ip -n " + GW + " addr add 198.51.100.1/24 dev gw0",
                "ip -n " + GW + " addr add 172.16.10.1/24 dev gw1",
                "ip -n " + HOST + " addr add " + HOST_IP + "/24 dev host0",
                "for l in lap:lap0 natbox:nat0 natbox:nat1 gw:gw0 gw:gw1 host:host0; do"
                        + " ip -n ${l%%:*} link set ${l#*:} up; done",
                "ip -n " + LAP + " route add default via 192.168.100.1",
                "ip -n " + GW + " route add default via 198.51.100.2",
                "ip -n " + HOST + " route add default via 172.16.10.1",
                "ip netns exec " + NAT + " sysctl -qw net.ipv4.ip_forward=1",
                "ip netns exec " + GW + " sysctl -qw net.ipv4.ip_forward=1",
                "ip netns exec " + NAT + " iptables-legacy -t nat -A POSTROUTING -o nat1 -j MASQUERADE"));
    }

    /** A ping from the laptop to the host passes (the first ones start the negotiation) and ESP counts it on the gateway. */
    private static void pingThroughEsp(Namespaces ns, String context) {
        long before = ns.espPackets(GW);
        assertTrue(ns.ping(LAP, LAPTOP_IP, HOST_IP, 15), "ping " + LAPTOP_IP + " -> " + HOST_IP + "\n" + context);
        long after = ns.espPackets(GW);
        assertTrue(after > before, "ESP packets on the gateway: " + before + " -> " + after);
    }

    /**
     * In, fwd and out for 192.168.100.9 <-> 172.16.10.0/24, tunnelled between the gateway and the
     * NAT's address, each with a hard lifetime (the SAs').
     */
    private static void assertGeneratedPolicies(Namespaces ns, Namespaces.OurDaemon gateway) {
        String policies = ns.shell("ip -s -n " + GW + " xfrm policy");
        List<String> entries = List.of(policies.split("(?m)^(?=src )"));
        Pattern hardLifetime = Pattern.compile("expire add: soft 0\\(sec\\), hard [1-9][0-9]*\\(sec\\)");
        for (String[] p : List.of(
                new String[] {"src " + LAPTOP_IP + "/32 dst 172.16.10.0/24", "dir in", "tmpl src 198.51.100.2 dst 198.51.100.1"},
                new String[] {"src " + LAPTOP_IP + "/32 dst 172.16.10.0/24", "dir fwd", "tmpl src 198.51.100.2 dst 198.51.100.1"},
                new String[] {"src 172.16.10.0/24 dst " + LAPTOP_IP + "/32", "dir out", "tmpl src 198.51.100.1 dst 198.51.100.2"})) {
            assertTrue(entries.stream().anyMatch(e -> e.startsWith(p[0]) && e.contains(p[1]) && e.contains(p[2])
                    && hardLifetime.matcher(e).find()), String.join(" ", p) + " in\n" + policies + gateway.log());
        }
    }

    /** NAT keepalives (one 0xFF octet to UDP 4500) the gateway has seen from the NAT's address. */
    private static int keepalives(Namespaces ns, Path capture) {
        String out = ns.shell("tcpdump -r " + capture + " -n 'src host 198.51.100.2 and udp dst port 4500"
                + " and udp[4:2] = 9 and udp[8] = 0xff' 2>/dev/null | wc -l");
        return Integer.parseInt(out.trim());
    }

    private static void awaitKeepalives(Namespaces ns, Path capture, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (keepalives(ns, capture) < atLeast) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + atLeast + " keepalives seen at the gateway");
            Thread.sleep(500);
        }
    }

    /** tcpdump has opened its capture file (it writes the header once it listens). */
    private static void awaitCapture(Path capture, Process tcpdump) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(capture) || Files.size(capture) == 0) {
            assertTrue(tcpdump.isAlive() && System.nanoTime() < deadline, "tcpdump did not start");
            Thread.sleep(100);
        }
    }
}
