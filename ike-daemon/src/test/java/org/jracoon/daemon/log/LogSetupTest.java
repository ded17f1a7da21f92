package org.jracoon.daemon.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSetupTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreTestLogging() {
        LogSetup.configure(0, null);
    }

    private List<String> logAtVerbosity(int verbosity) throws Exception {
        Path file = dir.resolve("racoon-" + verbosity + ".log");
        LogSetup.configure(verbosity, file);
        Logger steps = LoggerFactory.getLogger("ike.ike");
        Logger payloads = LoggerFactory.getLogger(LogSetup.PAYLOADS);
        steps.info("established");
        steps.debug("step");
        payloads.debug("payload");
        payloads.trace("raw bytes");
        LoggerFactory.getLogger("io.netty.Something").info("library chatter");
        return Files.readAllLines(file).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    @Test
    void eachDebugSwitchAddsOneLayerAndKeyMaterialOnlyAtTheTop() throws Exception {
        assertEquals(List.of("established"), logAtVerbosity(0));
        assertEquals(List.of("established", "step"), logAtVerbosity(1));
        assertEquals(List.of("established", "step", "payload"), logAtVerbosity(2));
        assertEquals(List.of("established", "step", "payload", "bytes"), logAtVerbosity(3));
    }

    @Test
    void linesLookLikeRacoonsWithTheSubsystem() throws Exception {
        Path file = dir.resolve("shape.log");
        LogSetup.configure(0, file);
        LoggerFactory.getLogger("ike.knl").warn("kernel refused the SA");
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: WARN: \\[ike\\.knl\\] kernel refused the SA"), line);
    }

    @Test
    void minusLNamesWhereEachLineWasLogged() throws Exception {
        Path file = dir.resolve("location.log");
        LogSetup.configure(0, file, false, true, false);
        LoggerFactory.getLogger("ike.cfg").info("started");
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.matches(".*: INFO: \\[ike\\.cfg\\] LogSetupTest\\.minusLNamesWhereEachLineWasLogged:\\d+: started"),
                line);
    }
}
