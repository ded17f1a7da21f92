package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command line's mistakes (no kernel needed: they stop before anything is brought up) and the table. */
class TestbedsMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TestbedsMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noScenarioIsUsage() {
        assertEquals(2, run());
        assertEquals("usage: testbeds/run [--peer strongswan] [--keep] NAME... | all"
                + "   (scenarios: testbeds/scenarios/NAME/scenario.ini)\n", err());
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("--verbose", "george-psk"));
        assertEquals("testbeds: unknown option --verbose", err().lines().findFirst().orElseThrow());
    }

    @Test
    void peerIsStrongSwanOnly() {
        assertEquals(2, run("--peer", "racoon", "george-psk"));
        assertEquals("testbeds: --peer takes 'strongswan', not racoon", err().lines().findFirst().orElseThrow());
    }

    @Test
    void strongSwanPeerNeedsADaemonScenario() {
        assertEquals(2, run("--peer", "strongswan", "astro-elroy-tunnel"));
        assertEquals("testbeds: astro-elroy-tunnel: no host gives a swanctl.conf for --peer strongswan"
                + " (its keys are static: no daemon runs)\n", err());
    }

    @Test
    void unknownScenarioIsOneLine() {
        assertEquals(2, run("kays-kaffee"));
        assertEquals("testbeds: " + ScenarioTest.SCENARIOS.resolve("kays-kaffee")
                + ": no scenario.ini (not a scenario)\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tableHasOneRowPerScenario() {
        String table = TestbedsMain.table(List.of(
                new Outcome("astro-elroy-tunnel", "setkey", 20069, -1, 0.3141, List.of(), ""),
                new Outcome("george-from-home", "setkey", 1200, -1, -1, List.of("traffic: ping astro -> x failed"), ""),
                new Outcome("george-psk", "strongswan", 4100, 812, 0.52, List.of(), ""),
                new Outcome("kays-koffee", "jracoon", -1, -1, -1, List.of(), "needs NAT-T")));
        assertEquals("""
                scenario                 peer       result                   setup negotiation  round trip
                astro-elroy-tunnel       setkey     pass                  20069 ms           -    0.314 ms
                george-from-home         setkey     FAIL                   1200 ms           -           -
                george-psk               strongswan pass                   4100 ms      812 ms    0.520 ms
                kays-koffee              jracoon    skipped: needs NAT-T         -           -           -
                """, table);
    }
}
