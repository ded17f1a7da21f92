package org.jracoon.daemon.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two of our daemons (ssA initiates, ssB responds) with IPsec SAs of 20 s and DPD on A
 * (resources interop/liveness): A's INITIAL-CONTACT makes B remove the stale SAs with A its
 * kernel held, and only those; a ping every 0.2 s runs across three renewals of the pair,
 * loses at most one echo and, its replies proving B alive, sees no R-U-THERE from A (tcpdump);
 * then B's daemon is killed and A's DPD, its three R-U-THEREs on the wire, removes the SAs
 * within dpd_delay x dpd_maxfail, runs its phase1_dead script and leaves the kernel without SAs.
 */
@Tag("kernel")
class LivenessInteropTest {

    private static final int RENEWALS = 3;
    /** dpd_delay x dpd_maxfail of racoon.conf, in seconds. */
    private static final int DPD_BOUND = 5 * 3;
    private static final Pattern NEW_PAIR = Pattern.compile("soft lifetime over, negotiating a new pair");
    /** The end of a renewed pair on A: its own hard expiry, or B's DELETE when B's came first. */
    private static final Pattern OLD_PAIR_GONE = Pattern.compile("IPsec SA .* expired|peer deleted IPsec SA");
    private static final Pattern REPLY = Pattern.compile("bytes from \\S+ icmp_seq=(\\d+) ");
    private static final String STALE_FROM_A = "0x00005001";
    private static final String STALE_TO_A = "0x00005002";
    private static final String STALE_OTHER_PEER = "0x00005003";
    /**
     * An R-U-THERE from A as tcpdump sees it: an ISAKMP Informational (exchange type 5, UDP
     * offset 8 + 18) of 92 octets (header 28; HASH 4 + 20 and N 12 + 16 + 4, padded to 64 for
     * AES). Deletions of IPsec SAs are 76; only INITIAL-CONTACT, sent before tcpdump starts,
     * has the same size.
     */
    private static final String R_U_THERE_FROM_A =
            "src host 192.168.1.11 and udp src port 500 and udp[4:2] = 100 and udp[26] = 5";
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    void trafficFlowsAcrossRenewalsAndDpdRemovesADeadPeersSas(@TempDir Path run) throws Exception {
        try (Namespaces ns = new Namespaces(run)) {
            Path dir = ns.daemonDirectory(Namespaces.A);
            Path deadLog = dir.resolve("dead.txt");
            Path script = dir.resolve("dead.sh");
            Files.writeString(script, "#!/bin/sh\necho \"$1 $REMOTE_ADDR\" > " + deadLog + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            // B's kernel holds SAs no daemon of this run knows: with A both ways, and with another peer
            ns.shell(String.join("; ", staleSa("192.168.1.11", "192.168.1.12", STALE_FROM_A),
                    staleSa("192.168.1.12", "192.168.1.11", STALE_TO_A),
                    staleSa("192.168.1.99", "192.168.1.12", STALE_OTHER_PEER)));
            Namespaces.OurDaemon b = ns.startDaemon(Namespaces.B, "liveness", "racoon-B.conf");
            Namespaces.OurDaemon a = ns.startDaemon(Namespaces.A, "liveness", "racoon.conf");
            ns.tunnelPoliciesOnBothSides();
            assertTrue(ns.ping(Namespaces.A, "10.1.0.1", "10.2.0.1", 15), a.output() + b.output());

            // A's first phase 1 with B carries INITIAL-CONTACT: B removes every other SA with A
            b.awaitLog("INITIAL-CONTACT from 192.168.1.11: 2 stale SAs", 10);
            String statesB = ns.shell("ip -n " + Namespaces.B + " xfrm state");
            assertFalse(statesB.contains(STALE_FROM_A) || statesB.contains(STALE_TO_A), statesB);
            assertTrue(statesB.contains(STALE_OTHER_PEER), "the SA with another peer stays: " + statesB);

            // A's R-U-THEREs on the wire from now on
            Path probes = run.resolve("probes.pcap");
            Path tcpdumpOut = run.resolve("tcpdump.txt");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", Namespaces.A, "tcpdump", "-i", "ssA0", "-n",
                    "-U", "-w", probes.toString(), R_U_THERE_FROM_A).redirectErrorStream(true)
                    .redirectOutput(tcpdumpOut.toFile()).start();
            try {
                awaitText(tcpdumpOut, "listening on");
                pingAcrossRenewalsThenKillB(ns, run, a, b, probes, deadLog);
            } finally {
                tcpdump.destroy();
            }
        }
    }

    private static void pingAcrossRenewalsThenKillB(Namespaces ns, Path run, Namespaces.OurDaemon a,
            Namespaces.OurDaemon b, Path probes, Path deadLog) throws Exception {
        // one ping every 0.2 s until the third renewed pair's predecessor is gone
        Path pingOut = run.resolve("ping.txt");
        Process ping = new ProcessBuilder("ip", "netns", "exec", Namespaces.A, "ping", "-n", "-i", "0.2", "-I",
                "10.1.0.1", "10.2.0.1").redirectErrorStream(true).redirectOutput(pingOut.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(NEW_PAIR, a.log()) < RENEWALS || count(OLD_PAIR_GONE, a.log()) < RENEWALS) {
            assertTrue(System.nanoTime() < deadline, "three renewals in 120 s: " + a.log());
            assertTrue(ping.isAlive(), Files.readString(pingOut));
            Thread.sleep(200);
        }
        // SIGINT: ping prints its summary and exits
        ns.exec(List.of("kill", "-INT", Long.toString(ping.pid())));
        assertTrue(ping.waitFor(10, TimeUnit.SECONDS));
        String pinged = Files.readString(pingOut);
        Matcher summary = PING_SUMMARY.matcher(pinged);
        assertTrue(summary.find(), pinged);
        int sent = Integer.parseInt(summary.group(1));
        assertTrue(sent >= 150, "the pings covered the renewals: " + pinged);
        // the echo in flight when SIGINT came is not a loss
        Set<Integer> answered = REPLY.matcher(pinged).results().map(r -> Integer.parseInt(r.group(1)))
                .collect(Collectors.toSet());
        List<Integer> lost = IntStream.range(1, sent).filter(seq -> !answered.contains(seq)).boxed().toList();
        int received = sent - 1 - lost.size();
        assertTrue(lost.size() <= 1, "echoes lost: icmp_seq " + lost + "\n" + a.log());
        assertEquals(2, ns.saKeys(Namespaces.A).size(), "one pair left after the renewals");
        // RFC 3706 section 5.5: the echo replies B sends prove it alive, so no probe while they come
        int probesWhilePinging = packets(ns, probes);
        assertEquals(0, probesWhilePinging, "R-U-THEREs while traffic flowed\n" + a.log());

        // B's daemon crashes: A notices by DPD alone
        b.kill();
        long killed = System.nanoTime();
        a.awaitLog("seems dead", DPD_BOUND + 5);
        long noticed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertTrue(noticed <= DPD_BOUND * 1000L, "DPD took " + noticed + " ms: " + a.log());
        assertTrue(a.log().contains("192.168.1.12:500 seems dead (3 R-U-THEREs unanswered)"), a.log());
        // idle now: each of the 3 tries was an R-U-THERE on the wire
        int idleProbes = packets(ns, probes) - probesWhilePinging;
        assertEquals(3, idleProbes, a.log());
        System.out.printf("%d pings across %d renewals, %d of the %d before the last answered (lost: %s);"
                + " R-U-THEREs: %d while pinging, %d once idle; DPD noticed the dead peer after %d ms%n", sent,
                RENEWALS, received, sent - 1, lost, probesWhilePinging, idleProbes, noticed);
        awaitNoSas(ns, Namespaces.A);
        awaitFile(deadLog);
        assertEquals("phase1_dead 192.168.1.12", Files.readString(deadLog).trim());
    }

    /** Packets tcpdump has written to {@code pcap} so far. */
    private static int packets(Namespaces ns, Path pcap) {
        return (int) ns.shell("tcpdump -r " + pcap + " -n 2>/dev/null").lines().count();
    }

    private static void awaitText(Path file, String text) throws InterruptedException, IOException {
        for (int i = 0; i < 100 && !(Files.exists(file) && Files.readString(file).contains(text)); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(file).contains(text), Files.readString(file));
    }

    /** An ESP SA added as setkey or an earlier daemon would leave it. */
    private static String staleSa(String source, String destination, String spi) {
        return "ip -n " + Namespaces.B + " xfrm state add src " + source + " dst " + destination + " proto esp spi "
                + spi + " mode tunnel enc 'cbc(aes)' 0x" + "11".repeat(16) + " auth 'hmac(sha1)' 0x"
                + "22".repeat(20);
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    private static void awaitNoSas(Namespaces ns, String namespace) throws InterruptedException {
        for (int i = 0; i < 50 && !ns.shell("ip -n " + namespace + " xfrm state").isBlank(); i++) {
            Thread.sleep(100);
        }
        assertEquals("", ns.shell("ip -n " + namespace + " xfrm state").trim());
    }

    private static void awaitFile(Path file) throws InterruptedException, IOException {
        for (int i = 0; i < 50 && (!Files.exists(file) || Files.size(file) == 0); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), file + " written by the phase1_dead script");
    }
}
