package org.jracoon.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.sa.Cookies;
import org.junit.jupiter.api.Test;

/** show-event's wording of the events the admin socket passes on. */
class AdminCommandsTest {

    private static final Cookies COOKIES = new Cookies(0x0102030405060708L, 0x1112131415161718L);

    @Test
    void aPhase1ThatEndsIsDeletedAndOneWhosePeerDiedIsAnError() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("192.168.1.12"), 500);
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("192.168.1.11"), 500);
        assertEquals("Phase 1 deleted: " + COOKIES + " with 192.168.1.12[500]",
                AdminCommands.describe(new EngineEvent.Phase1Down(COOKIES, peer, local, "192.168.1.12", false)));
        assertEquals("Phase 1 error: " + COOKIES + " with 192.168.1.12[500]: dead peer detected",
                AdminCommands.describe(new EngineEvent.Phase1Down(COOKIES, peer, local, "192.168.1.12", true)));
    }
}
