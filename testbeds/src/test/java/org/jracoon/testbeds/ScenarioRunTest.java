package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The capture check reads tcpdump's lines: ESP in UDP 4500 is not bare ESP, and the other way round. */
class ScenarioRunTest {
    private static final String BARE = "IP 192.168.1.11 > 192.168.1.12: ESP(spi=0xc1a2b3c4,seq=0x1), length 132";
    private static final String IN_UDP = "IP 10.40.40.40.4500 > 10.10.10.10.4500: UDP-encap: ESP(spi=0xc1a2b3c4,seq=0x1),"
            + " length 132";
    private static final String AH = "IP 192.168.1.11 > 192.168.1.12: AH(spi=0x00000200,seq=0x1): ESP(spi=0x1000)";

    @Test
    void espInUdpIsTold() {
        assertTrue(ScenarioRun.shows("esp-in-udp", IN_UDP));
        assertFalse(ScenarioRun.shows("esp-in-udp", BARE));
        assertTrue(ScenarioRun.shows("esp", BARE));
        assertFalse(ScenarioRun.shows("esp", IN_UDP));
        assertTrue(ScenarioRun.shows("ah", AH));
        assertFalse(ScenarioRun.shows("ah", BARE));
        assertFalse(ScenarioRun.shows("esp", "IP 10.40.40.40.4500 > 10.10.10.10.4500: isakmp-nat-keep-alive"));
    }
}
