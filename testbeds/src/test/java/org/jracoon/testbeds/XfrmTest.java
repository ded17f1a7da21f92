package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ip xfrm listings (as iproute2 6.1 prints them) read into scenario.ini's one-line form. */
class XfrmTest {
    private static final String STATES = """
            src 192.168.1.11 dst 192.168.1.12
            \tproto esp spi 0x00001000 reqid 0 mode tunnel
            \treplay-window 0\s
            \tauth-trunc hmac(md5) 0x0123456789abcdef0123456789abcdef 96
            \tenc cbc(des3_ede) 0x0123456789abcdef0123456789abcdef0123456789abcdef
            \tlifetime current:
            \t  252(bytes), 3(packets)
            src 192.168.1.12 dst 192.168.1.11
            \tproto esp spi 0x00001001 reqid 0 mode tunnel
            \treplay-window 0\s
            \tlifetime current:
            \t  0(bytes), 0(packets)
            """;

    private static final String POLICIES = """
            src 172.16.10.0/24 dst 172.16.20.0/24\s
            \tdir out priority 2147483648 ptype main\s
            \ttmpl src 10.10.10.10 dst 10.20.20.20
            \t\tproto esp reqid 0 mode tunnel
            src 192.168.1.11/32 dst 192.168.1.12/32\s
            \tdir out priority 2147483648 ptype main\s
            \ttmpl src 0.0.0.0 dst 0.0.0.0
            \t\tproto esp reqid 0 mode transport
            \ttmpl src 0.0.0.0 dst 0.0.0.0
            \t\tproto ah reqid 0 mode transport
            src 0.0.0.0/0 dst 0.0.0.0/0\s
            \tsocket in priority 0 ptype main\s
            src ::/0 dst ::/0\s
            \tsocket out priority 0 ptype main\s
            """;

    @Test
    void stateIsItsFirstTwoLines() {
        assertEquals(List.of("src 192.168.1.11 dst 192.168.1.12 proto esp spi 0x00001000 reqid 0 mode tunnel",
                "src 192.168.1.12 dst 192.168.1.11 proto esp spi 0x00001001 reqid 0 mode tunnel"), Xfrm.states(STATES));
    }

    @Test
    void packetCountsInOrder() {
        assertEquals(List.of(3L, 0L), Xfrm.packetCounts(STATES));
    }

    @Test
    void policyKeepsSelectorDirectionAndTemplatesWithoutWildcardAddressesNorSocketPolicies() {
        assertEquals(List.of(
                "src 172.16.10.0/24 dst 172.16.20.0/24 dir out tmpl src 10.10.10.10 dst 10.20.20.20 proto esp mode tunnel",
                "src 192.168.1.11/32 dst 192.168.1.12/32 dir out tmpl proto esp mode transport tmpl proto ah mode transport"),
                Xfrm.policies(POLICIES));
    }

    @Test
    void emptyListingHasNoEntries() {
        assertEquals(List.of(), Xfrm.states(""));
        assertEquals(List.of(), Xfrm.policies("\n"));
    }

    @Test
    void starMatchesAnyOneWord() {
        String line = "src 10.30.30.30 dst 10.10.10.10 proto esp spi 0x0c1f2e3d reqid 1 mode tunnel";
        assertTrue(Xfrm.matches("src 10.30.30.30 dst 10.10.10.10 proto esp spi * reqid * mode tunnel", line));
        assertTrue(Xfrm.matches(line, line));
        assertFalse(Xfrm.matches("src 10.30.30.30 dst 10.10.10.10 proto esp spi * reqid * mode transport", line));
        assertFalse(Xfrm.matches("src 10.30.30.30 dst 10.10.10.10 proto esp spi *", line));
    }
}
