package org.jracoon.daemon.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.sa.Cookies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phase1_up/down/dead scripts run with the event as argument and the endpoints in the environment. */
class ScriptHooksTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.1.11", 500);
    private static final InetSocketAddress PEER = new InetSocketAddress("192.168.1.12", 500);
    private static final Cookies COOKIES = new Cookies(1, 2);

    @Test
    void eachHookRunsItsRemotesScriptWithRacoonsEnvironment(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("calls");
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $LOCAL_ADDR $LOCAL_PORT $REMOTE_ADDR $REMOTE_PORT $REMOTE_ID\""
                + " >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path other = dir.resolve("other.sh");
        Files.writeString(other, "#!/bin/sh\necho \"other $1\" >> " + log + "\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));
        ScriptHooks hooks = new ScriptHooks(List.of(
                new ScriptHooks.Remote(Optional.of(PEER.getAddress()), Map.of(ScriptHooks.Hook.PHASE1_UP, script,
                        ScriptHooks.Hook.PHASE1_DEAD, script)),
                new ScriptHooks.Remote(Optional.empty(), Map.of(ScriptHooks.Hook.PHASE1_DOWN, other))));

        hooks.on(new EngineEvent.Phase1Established(COOKIES, PEER, LOCAL, "192.168.1.12"));
        awaitLines(log, 1);
        hooks.on(new EngineEvent.Phase1Down(COOKIES, PEER, LOCAL, "192.168.1.12", true));
        awaitLines(log, 2);
        // phase1_down: the peer's own remote has none, and anonymous does not stand in for one hook
        assertEquals(List.of("phase1_up 192.168.1.11 500 192.168.1.12 500 192.168.1.12",
                "phase1_dead 192.168.1.11 500 192.168.1.12 500 192.168.1.12"), Files.readAllLines(log));

        // another peer falls under remote anonymous
        InetSocketAddress stranger = new InetSocketAddress("192.168.1.13", 500);
        hooks.on(new EngineEvent.Phase1Down(COOKIES, stranger, LOCAL, "", false));
        awaitLines(log, 3);
        assertEquals("other phase1_down", Files.readAllLines(log).get(2));
    }

    @Test
    void aScriptThatCannotRunCostsNothingButALogLine(@TempDir Path dir) {
        ScriptHooks hooks = new ScriptHooks(List.of(new ScriptHooks.Remote(Optional.of(PEER.getAddress()),
                Map.of(ScriptHooks.Hook.PHASE1_UP, dir.resolve("missing.sh")))));
        assertDoesNotThrow(() -> hooks.on(new EngineEvent.Phase1Established(COOKIES, PEER, LOCAL, "192.168.1.12")));
    }

    private static void awaitLines(Path file, int lines) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " never got " + lines + " lines");
    }
}
