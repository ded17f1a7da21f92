package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped scenario passes in the real kernel (george-psk and kays-koffee with our daemon on
 * both ends and with charon on one), and each check fails, saying which and why, when one thing
 * of a scenario is broken: a copy of astro-elroy-tunnel (or george-psk, for the daemons) with one
 * change. The guide's setkey scripts as written are accepted by setkey but protect nothing, as
 * the README says; the NAT router hides the laptop of kays-koffee.
 */
@Tag("kernel")
class ScenariosKernelTest {
    private static final String OUT_POLICY = "spdadd $ip_left  $ip_right any -P out ipsec\n"
            + "  esp/tunnel/$ip_left-$ip_right/require;\n";

    @TempDir
    Path tmp;
    private ScenarioRun runner;
    private Shell shell;

    @BeforeEach
    void setUp() throws Exception {
        Path root = Path.of(System.getProperty("jracoon.root"));
        runner = new ScenarioRun(root, Path.of(System.getProperty("jracoon.shared")), tmp.resolve("work"));
        shell = new Shell(root, tmp);
    }

    @AfterEach
    void everyNamespaceIsGone() throws Exception {
        assertEquals("", shell.ok("ip netns list"), "teardown left namespaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"astro-elroy-transport", "astro-elroy-tunnel", "cogswell-net-to-net", "george-from-home"})
    void scenarioPasses(String name) throws Exception {
        Outcome o = runner.run(Scenario.load(ScenarioTest.SCENARIOS.resolve(name)));
        assertEquals(List.of(), o.failures());
        assertTrue(o.roundTripMillis() > 0, "round trip " + o.roundTripMillis());
        assertEquals(-1, o.negotiationMillis(), "static keys: nothing negotiated");
    }

    /**
     * Our daemon on both ends, then charon on the end the scenario gives it (Elroy in george-psk,
     * the laptop Astro in kays-koffee): the first ping's ACQUIRE makes the SAs. In kays-koffee
     * they cross Kay's NAT in UDP 4500 and GW-HQ generates its policies.
     */
    @ParameterizedTest
    @CsvSource({"george-psk, OURS", "george-psk, STRONGSWAN", "kays-koffee, OURS", "kays-koffee, STRONGSWAN"})
    void daemonScenarioNegotiates(String name, Scenario.Peer peer) throws Exception {
        Outcome o = runner.run(Scenario.load(ScenarioTest.SCENARIOS.resolve(name)), peer, false);
        assertEquals(List.of(), o.failures());
        assertEquals(peer.label(), o.peer());
        assertTrue(o.negotiationMillis() > 0, "negotiation " + o.negotiationMillis());
        assertTrue(o.roundTripMillis() > 0, "round trip " + o.roundTripMillis());
    }

    /** Elroy's psk.txt holds another key: phase 1 fails, its daemon logs it, no SA is made. */
    @Test
    void wrongPreSharedKeyFailsNegotiationAndDaemonChecks() throws Exception {
        Path dir = variant("george-psk", "wrong-psk");
        edit(dir.resolve("racoon-elroy.conf"), "path pre_shared_key \"psk.txt\"", "path pre_shared_key \"psk-elroy.txt\"");
        Files.writeString(dir.resolve("psk-elroy.txt"), "192.168.1.11\tnot-what-astro-says\n");

        Outcome o = runner.run(Scenario.load(dir));
        assertTrue(o.failures().stream().anyMatch(f -> f.startsWith("negotiation: stopped waiting ")
                && f.endsWith(" after the first ping astro -> 192.168.1.12: a daemon logged an error")), o.failures().toString());
        assertTrue(o.failures().stream().anyMatch(f -> f.startsWith("daemon: ") && f.contains(": error in racoon.log: ")
                && f.contains("phase 1 with")), o.failures().toString());
        assertTrue(o.failed("traffic"), o.failures().toString());
        assertEquals(-1, o.negotiationMillis());
    }

    /**
     * The guide's four setkey scripts exactly as it prints them: setkey accepts each, but the
     * ping does not pass (the -r switch swaps the SA descriptors too, so the two hosts disagree
     * on which SPI is which; George's from-home script also names the wrong gateway).
     */
    @ParameterizedTest
    @CsvSource({"0, astro-elroy-transport", "1, astro-elroy-tunnel", "2, cogswell-net-to-net", "3, george-from-home"})
    void guideScriptAsWrittenIsAcceptedButProtectsNothing(int index, String scenario) throws Exception {
        Path dir = variant(scenario, "as-written-" + index);
        Files.writeString(dir.resolve("setkey.sh"), guideScripts().get(index));

        Outcome o = runner.run(Scenario.load(dir));
        assertFalse(o.failed("setup"), o.failures().toString());
        assertTrue(o.failures().stream().anyMatch(f -> f.startsWith("traffic: ping ") && f.contains(" 0 received")),
                o.failures().toString());
    }

    /** The guide's roaming script for Kay's Koffee as written is not sh: setup stops at it, naming it. */
    @Test
    void guideRoamingScriptAsWrittenIsNotSh() throws Exception {
        Path dir = variant("kays-koffee", "roaming-as-written");
        Files.writeString(dir.resolve("setkey.sh"), guideScripts().get(4));

        Outcome o = runner.run(Scenario.load(dir));
        assertEquals(1, o.failures().size(), o.failures().toString());
        assertTrue(o.failures().get(0).startsWith("setup: astro: setkey.sh exited 2: ")
                && o.failures().get(0).contains("Syntax error"), o.failures().toString());
    }

    /**
     * kays-koffee's network without its daemons: GW-HQ's way back to Kay's LAN is only its default
     * route onto the Internet link, where nothing answers for 192.168.100.9, so Astro's ping to
     * GW-HQ's public address passes only if GW-Kay masquerades it; without the masquerade line it
     * does not.
     */
    @Test
    void natRouterHidesTheLaptop() throws Exception {
        Scenario kays = Scenario.load(ScenarioTest.SCENARIOS.resolve("kays-koffee"));
        try (Testbed bed = Testbed.up(kays, Scenario.Peer.OURS, shell, tmp)) {
            assertEquals(List.of("astro", "gwkay", "gwhq", "email"), bed.hosts());
            shell.ok("ip netns exec astro ping -c 1 -W 5 10.10.10.10");
        }
        Path dir = variant("kays-koffee", "no-nat");
        edit(dir.resolve(Scenario.FILE), "masquerade = veth-kay-inet\n", "");
        try (Testbed bed = Testbed.up(Scenario.load(dir), Scenario.Peer.OURS, shell, tmp)) {
            assertFalse(shell.run("ip netns exec astro ping -c 1 -W 2 10.10.10.10").ok(), "reply without a route back");
        }
    }

    /** Elroy keys its inbound ESP SA with another key: Astro's packets fail authentication there. */
    @Test
    void wrongKeyFailsTheTrafficCheck() throws Exception {
        Path dir = variant("wrong-key");
        Files.copy(dir.resolve("setkey.sh"), dir.resolve("setkey-elroy.sh"));
        edit(dir.resolve("setkey-elroy.sh"), "key_ah1=0x0123456789abcdef0123456789abcdef",
                "key_ah1=0xfedcba9876543210fedcba9876543210");
        edit(dir.resolve(Scenario.FILE), "setkey = setkey.sh -r", "setkey = setkey-elroy.sh -r");

        Outcome o = runner.run(Scenario.load(dir));
        assertTrue(o.failures().stream().anyMatch(f -> f.startsWith(
                "traffic: ping astro -> 192.168.1.12 failed: 3 packets transmitted, 0 received")),
                o.failures().toString());
        // Elroy's outbound SA never sends: nothing came to answer
        assertTrue(o.failures().contains("sa: elroy: SA 'src 192.168.1.12 dst 192.168.1.11 proto esp spi 0x00001001"
                + " reqid 0 mode tunnel' counted no packets"), o.failures().toString());
        assertFalse(o.failed("capture"), o.failures().toString());
    }

    /** No outbound policy on either host: the ping leaves in clear, and the receiver's inbound policy drops it. */
    @Test
    void missingPolicyFailsCaptureAndSaChecks() throws Exception {
        Path dir = variant("no-out-policy");
        edit(dir.resolve("setkey.sh"), OUT_POLICY, "");

        Outcome o = runner.run(Scenario.load(dir));
        assertTrue(o.failed("traffic"), o.failures().toString());
        assertTrue(o.failures().contains("capture: no ESP sent on the untrusted links"), o.failures().toString());
        assertTrue(o.failures().stream().anyMatch(f -> f.startsWith(
                "capture: clear-text ICMP sent on the wire (sent-by-astro-veth-astro.pcap): ")
                && f.contains("IP 192.168.1.11 > 192.168.1.12: ICMP echo request")), o.failures().toString());
        assertTrue(o.failures().contains("sa: astro: missing policy 'src 192.168.1.11/32 dst 192.168.1.12/32 dir out"
                + " tmpl src 192.168.1.11 dst 192.168.1.12 proto esp mode tunnel'"), o.failures().toString());
    }

    /** The scenario expects an SPI the script does not install. */
    @Test
    void otherSaThanExpectedFailsTheSaCheck() throws Exception {
        Path dir = variant("other-spi");
        edit(dir.resolve("setkey.sh"), "esp 0x1000", "esp 0x1234");

        Outcome o = runner.run(Scenario.load(dir));
        String want = "src 192.168.1.11 dst 192.168.1.12 proto esp spi 0x00001000 reqid 0 mode tunnel";
        String have = "src 192.168.1.11 dst 192.168.1.12 proto esp spi 0x00001234 reqid 0 mode tunnel";
        assertTrue(o.failures().contains("sa: astro: missing state '" + want + "'"), o.failures().toString());
        assertTrue(o.failures().contains("sa: astro: unexpected state '" + have + "'"), o.failures().toString());
        assertFalse(o.failed("traffic"), o.failures().toString());
        assertFalse(o.failed("capture"), o.failures().toString());
    }

    /** ESP alone on the wire, where the scenario asks for AH too. */
    @Test
    void missingProtocolOnTheWireFailsTheCaptureCheck() throws Exception {
        Path dir = variant("wants-ah");
        edit(dir.resolve(Scenario.FILE), "wire = esp", "wire = esp ah");

        Outcome o = runner.run(Scenario.load(dir));
        assertEquals(List.of("capture: no AH sent on the untrusted links"), o.failures());
    }

    /** A script setkey refuses: the run stops at setup, names the host, and still tears down. */
    @Test
    void failingScriptFailsSetupAndTearsDown() throws Exception {
        Path dir = variant("bad-script");
        edit(dir.resolve("setkey.sh"), "3des-cbc", "no-such-cipher");

        Outcome o = runner.run(Scenario.load(dir));
        assertEquals(1, o.failures().size(), o.failures().toString());
        assertTrue(o.failures().get(0).startsWith("setup: astro: setkey.sh exited 1: "), o.failures().toString());
    }

    /** --keep: the network answers commands handed over as files until released, then goes. */
    @Test
    void keptNetworkRunsCommandsUntilReleased() throws Exception {
        Scenario scenario = Scenario.load(ScenarioTest.SCENARIOS.resolve("astro-elroy-tunnel"));
        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(scenario, Scenario.Peer.OURS, true);
            } catch (ScenarioException e) {
                throw new IllegalStateException(e);
            }
        });
        Path keep = tmp.resolve("work/astro-elroy-tunnel/keep");
        Files.writeString(tmp.resolve("1.tmp"), "elroy\nip xfrm state | grep -c '^src'\n");
        while (!Files.isDirectory(keep) && !run.isDone()) {
            Thread.sleep(200);
        }
        assertTrue(Files.isDirectory(keep), "kept: " + (run.isDone() ? run.get().failures() : ""));
        Files.move(tmp.resolve("1.tmp"), keep.resolve("1.cmd"));
        Path answer = keep.resolve("1.out");
        while (!Files.exists(answer) && !run.isDone()) {
            Thread.sleep(200);
        }
        assertEquals("2\n", Files.readString(answer));
        assertEquals("astro elroy", shell.ok("ip netns list | cut -d' ' -f1 | sort | tr '\\n' ' '").strip());
        Files.writeString(keep.resolve("release"), "");
        assertEquals(List.of(), run.get().failures());
        assertFalse(Files.exists(keep));
    }

    /** A copy of astro-elroy-tunnel named {@code name}, to break one thing in. */
    private Path variant(String name) throws Exception {
        return variant("astro-elroy-tunnel", name);
    }

    /** A copy of the scenario {@code from} (certificate folders and their links too) named {@code name}. */
    private Path variant(String from, String name) throws Exception {
        Path dir = tmp.resolve(name);
        shell.ok("cp -a " + ScenarioTest.SCENARIOS.resolve(from) + " " + dir);
        return dir;
    }

    /** The setkey scripts of the guide: each from its "#!/bin/sh" line to the "EOF" ending its heredoc. */
    private static List<String> guideScripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(Path.of(System.getProperty("jracoon.shared"), "guide", "ipsec-guide.txt"))) {
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
        assertEquals(5, scripts.size(), "the guide's five setkey scripts");
        return scripts;
    }

    /** Replaces {@code from}, which must be there, by {@code to} in {@code file}. */
    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has " + from);
        Files.writeString(file, text.replace(from, to));
    }
}
