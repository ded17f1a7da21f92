package org.jracoon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jracoon.daemon.RacoonMainTest.Run;
import org.jracoon.ike.engine.Limits;
import org.junit.jupiter.api.Test;

/** racoon's {@code --limit NAME=VALUE}: the engine's limits from the command line, one line on a bad value. */
class LimitOptionTest {

    @Test
    void eachNameSetsItsLimitAndTheOthersKeepTheirDefaults() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("half-open", "2048");
        given.put("notify-interval", "0");
        given.put("drop-report", "60");
        Limits limits = LimitOption.limits(given);
        assertEquals(new Limits(2048, Limits.DEFAULT.halfOpenPerPeer(), Limits.DEFAULT.firstMessageBytes(),
                Duration.ZERO, Limits.DEFAULT.errorNotifyPeers(), Duration.ofSeconds(60)), limits);

        given.clear();
        given.put("half-open-per-address", "3");
        given.put("mm1-bytes", "1500");
        given.put("notify-peers", "100");
        assertEquals(new Limits(Limits.DEFAULT.halfOpen(), 3, 1500, Limits.DEFAULT.errorNotifyInterval(), 100,
                Limits.DEFAULT.dropReport()), LimitOption.limits(given));
        assertEquals(Limits.DEFAULT, LimitOption.limits(Map.of()));
    }

    @Test
    void aBadLimitIsOneLineAndAUsageError() {
        String conf = RacoonMainTest.example("astro").toString();
        assertEquals(0, RacoonMainTest.run("--limit", "half-open=2048", "--limit", "mm1-bytes=1500", "--check-config",
                "-f", conf).exit());
        Map<String, String> refusals = Map.of(
                "half-open=many", "--limit: half-open=many: not a whole number",
                "half-open=0", "--limit: half-open=0: out of range (1 to 1000000)",
                "mm1-bytes=70000", "--limit: mm1-bytes=70000: out of range (28 to 65535)",
                "backlog=5", "--limit: unknown limit 'backlog' (half-open, half-open-per-address, mm1-bytes, "
                        + "notify-interval, notify-peers, drop-report)");
        refusals.forEach((setting, line) -> {
            Run run = RacoonMainTest.run("--limit", setting, "--check-config", "-f", conf);
            assertEquals(2, run.exit(), setting);
            assertEquals(line, run.errLines().get(0), run.err());
        });
        Run noValue = RacoonMainTest.run("--limit", "half-open", "--check-config", "-f", conf);
        assertEquals(2, noValue.exit());
        assertTrue(noValue.errLines().get(0).contains("half-open"), noValue.err());
    }

    @Test
    void helpNamesEveryLimitWithItsDefault() {
        String help = RacoonMainTest.run("-h").out();
        Limits d = Limits.DEFAULT;
        Map<String, Object> defaults = Map.of("half-open", d.halfOpen(), "half-open-per-address", d.halfOpenPerPeer(),
                "mm1-bytes", d.firstMessageBytes(), "notify-interval", d.errorNotifyInterval().toSeconds(),
                "notify-peers", d.errorNotifyPeers(), "drop-report", d.dropReport().toSeconds());
        assertEquals(LimitOption.values().length, defaults.size());
        for (LimitOption option : LimitOption.values()) {
            String line = help.lines().filter(l -> l.strip().startsWith(option.key + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError(option.key + " not in racoon -h:\n" + help));
            assertTrue(line.endsWith("(" + defaults.get(option.key) + ")"), line);
        }
    }
}
