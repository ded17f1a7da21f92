package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jracoon.daemon.ctl.Racoonctl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoonctl and signals with real SAs, on one running pair of our daemons (ssA, ssB) with tunnel
 * policies, one step after the other:
 * <ol>
 * <li>establish-sa -w negotiates before any traffic; both kernels hold the pair, a ping passes;
 * <li>show-sa isakmp on both sides names the same cookies, the peer, the state and an age;
 * show-sa ipsec and esp name exactly the SPIs of both kernels;
 * <li>flush-sa ipsec empties both kernels and both listings, flush-sa isakmp both phase-1 lists,
 * and establish-sa works again afterwards;
 * <li>reload-config with a shorter phase-2 lifetime on disk, then SIGHUP with a broken file: one
 * {@code FILE:LINE:COL: message} error line, and the next negotiation runs by the reloaded file
 * (both kernels' SAs get its lifetime), pings passing through ESP;
 * <li>--export-keys: tshark decrypts the ESP of a capture of those pings to the ICMP inside;
 * <li>SIGTERM on A deletes its SAs from both kernels (B acts on A's DELETEs).
 * </ol>
 */
@Tag("kernel")
class RacoonctlKernelTest {

    private static final String ESP_SAOPTS = "esp inet 10.1.0.0/24 10.2.0.0/24 any";
    /** An SPI as show-sa and ip xfrm print it; keys are longer. */
    private static final Pattern SPI = Pattern.compile("\\b0x\\p{XDigit}{8}\\b");
    private static final Pattern ISAKMP_ROW = Pattern.compile(
            "(\\S+)\\s+(\\p{XDigit}{16}:\\p{XDigit}{16})\\s+(\\S+)\\s+"
                    + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+(\\d+s)");
    private static final Pattern HARD_LIFETIME =
            Pattern.compile("expire add: soft \\d+\\(sec\\), hard (\\d+)\\(sec\\)");

    private Namespaces ns;
    private Path socketA;
    private Path socketB;

    @Test
    void racoonctlAndSignalsWithRealSas(@TempDir Path run) throws Exception {
        try (Namespaces pair = new Namespaces(run)) {
            ns = pair;
            Path keys = ns.daemonDirectory(Namespaces.A).resolve("keys.txt");
            Namespaces.OurDaemon b = ns.startDaemon(Namespaces.B, "racoonctl", "racoon-B.conf");
            Namespaces.OurDaemon a = ns.startDaemon(Namespaces.A, "racoonctl", "racoon.conf", "--export-keys",
                    keys.toString());
            ns.tunnelPoliciesOnBothSides();
            socketA = ns.daemonDirectory(Namespaces.A).resolve("racoon.sock");
            socketB = ns.daemonDirectory(Namespaces.B).resolve("racoon.sock");

            Set<String> first = establish(a, b);
            assertTrue(!a.log().contains("ACQUIRE"), "negotiated on racoonctl's request, not on an ACQUIRE");
            assertEquals(Set.of(28800), hardLifetimes(Namespaces.A),
                    "sainfo's default lifetime (RFC 2407 section 4.5) before the reload");
            showSaListsThePhase1AndTheKernelsSpis();
            flushSaEmptiesKernelsAndListings(b);
            Set<String> second = establish(a, b);
            assertTrue(second.stream().noneMatch(first::contains), "new SPIs after the flush: " + first + " " + second);

            Path conf = ns.daemonDirectory(Namespaces.A).resolve("racoon.conf");
            String shorter = lifetimeInSainfo(Files.readString(conf), "lifetime time 20 min;");
            Files.writeString(conf, shorter);
            Racoonctl.Result reloaded = Racoonctl.run(socketA, "reload-config");
            assertEquals(new Racoonctl.Result(0, "reloaded " + conf + ": 1 remote(s), 1 sainfo(s)\n", ""), reloaded);

            String broken = "remote 192.0.2.1 { exchange_mode main; bogus on; }\n";
            assertTrue(shorter.endsWith("\n"), "the broken line goes on a line of its own");
            Files.writeString(conf, shorter + broken);
            ns.shell("kill -HUP " + a.pid());
            awaitTrue(() -> a.log().contains("reload of"), "A reports the refused reload: " + a.log());
            List<String> errors = a.log().lines().filter(l -> l.contains(": ERROR: ")).toList();
            assertEquals(1, errors.size(), errors.toString());
            long brokenLine = shorter.lines().count() + 1;
            assertTrue(errors.get(0).endsWith("refused, the running configuration stays: " + conf + ":" + brokenLine
                    + ":40: unknown keyword 'bogus' in the 'remote' block: expected one of '}', 'script', 'mode_cfg',"
                    + " 'remote_address', 'exchange_mode', 'doi', 'situation', 'certificate_type', ... (37 in all)"),
                    errors.get(0));

            // the next negotiation runs by the reloaded file, which the broken one did not replace
            Path pcap = run.resolve("esp.pcap");
            Process tcpdump = capture(Namespaces.A, pcap, "esp");
            try {
                renegotiatePhase2(a, b);
                ns.shell("ip netns exec ssA ping -c 3 -i 0.2 -W 2 -I 10.1.0.1 10.2.0.1");
            } finally {
                tcpdump.destroy();
                assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump did not stop");
            }
            assertEquals(Set.of(1200), hardLifetimes(Namespaces.A), "the reloaded lifetime, installed by A");
            assertEquals(Set.of(1200), hardLifetimes(Namespaces.B), "B takes the shorter lifetime A proposes");
            tsharkDecryptsTheEsp(pcap, keys);

            assertEquals(0, a.stop());
            assertTrue(a.log().contains("deleted 1 ISAKMP SA(s) with their IPsec SAs"), a.log());
            assertEquals("", ns.shell("ip -n " + Namespaces.A + " xfrm state").strip());
            awaitTrue(() -> ns.shell("ip -n " + Namespaces.B + " xfrm state").isBlank(), b.log());
        }
    }

    /**
     * establish-sa -w for the tunnel; both kernels then hold the same pair, and a ping passes
     * through it.
     *
     * @return the SPIs of the pair
     */
    private Set<String> establish(Namespaces.OurDaemon a, Namespaces.OurDaemon b) {
        Racoonctl.Result up = Racoonctl.run(socketA, "establish-sa -w " + ESP_SAOPTS);
        assertEquals(0, up.exit(), up + a.output() + b.output());
        assertTrue(up.out().contains("Phase 2 established"), up.out());
        ns.assertPingThroughEspWithEqualKeys();
        Set<String> spis = kernelSpis(Namespaces.A);
        assertEquals(2, spis.size(), spis.toString());
        return spis;
    }

    /** The IPsec SAs go (flush-sa ipsec, B told) and a new pair comes under the running ISAKMP SA. */
    private void renegotiatePhase2(Namespaces.OurDaemon a, Namespaces.OurDaemon b) throws InterruptedException {
        flushIpsec(b);
        establish(a, b);
    }

    /** flush-sa ipsec on A: A's kernel loses the pair at once, B's once B took A's DELETE. */
    private void flushIpsec(Namespaces.OurDaemon b) throws InterruptedException {
        assertEquals(new Racoonctl.Result(0, "1 IPsec SA pair(s) deleted\n", ""),
                Racoonctl.run(socketA, "flush-sa ipsec"));
        assertEquals("", ns.shell("ip -n " + Namespaces.A + " xfrm state").strip());
        awaitTrue(() -> ns.shell("ip -n " + Namespaces.B + " xfrm state").isBlank(),
                "B acted on the DELETE: " + b.log());
    }

    private void showSaListsThePhase1AndTheKernelsSpis() {
        List<String> onA = Racoonctl.run(socketA, "show-sa isakmp").out().lines().toList();
        List<String> onB = Racoonctl.run(socketB, "show-sa isakmp").out().lines().toList();
        assertEquals(2, onA.size(), onA.toString());
        assertEquals(2, onB.size(), onB.toString());
        Matcher rowA = ISAKMP_ROW.matcher(onA.get(1));
        Matcher rowB = ISAKMP_ROW.matcher(onB.get(1));
        assertTrue(rowA.matches(), onA.get(1));
        assertTrue(rowB.matches(), onB.get(1));
        assertEquals(Namespaces.IP_B + ".500", rowA.group(1));
        assertEquals(Namespaces.IP_A + ".500", rowB.group(1));
        assertEquals(rowA.group(2), rowB.group(2), "both sides name the same cookies");
        assertTrue(!rowA.group(2).endsWith(":0000000000000000"), "the responder cookie is known: " + rowA.group(2));
        assertEquals("ESTABLISHED", rowA.group(3));
        assertEquals("ESTABLISHED", rowB.group(3));

        Set<String> kernel = kernelSpis(Namespaces.A);
        assertEquals(kernel, kernelSpis(Namespaces.B));
        for (Path socket : List.of(socketA, socketB)) {
            for (String protocol : List.of("ipsec", "esp")) {
                String shown = Racoonctl.run(socket, "show-sa " + protocol).out();
                assertEquals(kernel, spis(shown), socket + " show-sa " + protocol + ":\n" + shown);
            }
            assertEquals("No IPsec SAs.\n", Racoonctl.run(socket, "show-sa ah").out());
        }
    }

    private void flushSaEmptiesKernelsAndListings(Namespaces.OurDaemon b) throws InterruptedException {
        flushIpsec(b);
        for (Path socket : List.of(socketA, socketB)) {
            awaitTrue(() -> Racoonctl.run(socket, "show-sa ipsec").out().equals("No IPsec SAs.\n"),
                    socket + " still lists IPsec SAs");
        }
        // racoon's flush-sa isakmp leaves the IPsec SAs be; here there are none left to leave
        assertEquals(new Racoonctl.Result(0, "1 ISAKMP SA(s) deleted\n", ""),
                Racoonctl.run(socketA, "flush-sa isakmp"));
        for (Path socket : List.of(socketA, socketB)) {
            awaitTrue(() -> Racoonctl.run(socket, "show-sa isakmp").out().lines().count() == 1,
                    socket + " still lists an ISAKMP SA");
        }
    }

    /** {@code conf} with {@code line} added to its sainfo block. */
    private static String lifetimeInSainfo(String conf, String line) {
        String anchor = "authentication_algorithm hmac_sha1;";
        String changed = conf.replace(anchor, anchor + "\n\t" + line);
        assertNotEquals(conf, changed, "no sainfo to change in " + conf);
        return changed;
    }

    /**
     * Decrypted with the exported esp_sa lines, the capture shows the pings inside. It holds ESP
     * only (tcpdump's filter), so every ICMP packet tshark finds in it is one it decrypted.
     */
    private void tsharkDecryptsTheEsp(Path pcap, Path keys) throws Exception {
        List<String> decrypt = new ArrayList<>(List.of("-o", "esp.enable_encryption_decode:TRUE"));
        List<String> lines = Files.readAllLines(keys);
        lines.stream().filter(l -> l.startsWith("uat:esp_sa:")).forEach(l -> decrypt.addAll(List.of("-o", l)));
        assertTrue(decrypt.size() > 2, "no esp_sa line in " + lines);
        String icmp = tshark(pcap, decrypt);
        assertTrue(icmp.lines().anyMatch(l -> l.endsWith("10.1.0.1\t10.2.0.1\t8")), "echo requests in:\n" + icmp);
        assertTrue(icmp.lines().anyMatch(l -> l.endsWith("10.2.0.1\t10.1.0.1\t0")), "echo replies in:\n" + icmp);
    }

    /** The inner addresses and ICMP type of every ICMP packet tshark reads in the capture. */
    private String tshark(Path pcap, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", "icmp", "-T",
                "fields", "-E", "occurrence=l", "-e", "ip.src", "-e", "ip.dst", "-e", "icmp.type"));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip();
    }

    /** tcpdump on a namespace's veth, writing each packet as it comes; returns once it listens. */
    private static Process capture(String namespace, Path pcap, String filter) throws IOException {
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", namespace + "0", "-U",
                "-n", "-w", pcap.toString(), filter).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(tcpdump.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.contains("listening on")) {
            line = out.readLine();
        }
        assertTrue(line != null, "tcpdump did not start");
        return tcpdump;
    }

    /** The SPIs of a namespace's kernel SAs. */
    private Set<String> kernelSpis(String namespace) {
        Set<String> spis = new TreeSet<>();
        ns.saKeys(namespace).forEach(sa -> spis.addAll(spis(sa.split(" ")[5])));
        return spis;
    }

    private static Set<String> spis(String text) {
        Set<String> spis = new TreeSet<>();
        Matcher m = SPI.matcher(text);
        while (m.find()) {
            spis.add(m.group());
        }
        return spis;
    }

    /** The hard time limits of a namespace's kernel SAs, in seconds. */
    private Set<Integer> hardLifetimes(String namespace) {
        Set<Integer> hard = new TreeSet<>();
        Matcher m = HARD_LIFETIME.matcher(ns.shell("ip -n " + namespace + " -s xfrm state"));
        while (m.find()) {
            hard.add(Integer.parseInt(m.group(1)));
        }
        return hard;
    }

    /** Polls for up to ten seconds. */
    private static void awaitTrue(BooleanSupplier condition, String message) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), message);
    }
}
