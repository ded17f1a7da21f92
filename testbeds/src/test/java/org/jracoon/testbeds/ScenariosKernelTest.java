package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shipped scenario passes in the real kernel, and each check fails, saying which and why,
 * when one thing of a scenario is broken: a copy of astro-elroy-tunnel with one change.
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
    private Path variant(String name) throws IOException {
        Path from = ScenarioTest.SCENARIOS.resolve("astro-elroy-tunnel");
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** Replaces {@code from}, which must be there, by {@code to} in {@code file}. */
    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has " + from);
        Files.writeString(file, text.replace(from, to));
    }
}
