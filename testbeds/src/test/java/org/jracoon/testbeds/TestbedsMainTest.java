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
        assertEquals("usage: testbeds/run [--keep] NAME... | all   (scenarios: testbeds/scenarios/NAME/scenario.ini)\n",
                err());
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("--peer", "strongswan", "george-psk"));
        assertEquals("testbeds: unknown option --peer", err().lines().findFirst().orElseThrow());
    }

    @Test
    void unknownScenarioIsOneLine() {
        assertEquals(2, run("kays-koffee"));
        assertEquals("testbeds: " + ScenarioTest.SCENARIOS.resolve("kays-koffee")
                + ": no scenario.ini (not a scenario)\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tableHasOneRowPerScenario() {
        String table = TestbedsMain.table(List.of(
                new Outcome("astro-elroy-tunnel", "setkey", 20069, 0.3141, List.of()),
                new Outcome("george-from-home", "setkey", 1200, -1, List.of("traffic: ping astro -> x failed"))));
        assertEquals("""
                scenario                 peer     result     setup  round trip
                astro-elroy-tunnel       setkey   pass    20069 ms    0.314 ms
                george-from-home         setkey   FAIL     1200 ms           -
                """, table);
    }
}
