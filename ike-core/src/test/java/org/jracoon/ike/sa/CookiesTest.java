package org.jracoon.ike.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CookiesTest {

    @Test
    void shownAsSixteenHexDigitsEachWithLeadingZeros() {
        assertEquals("0000000000000001:ffffffffffffffff", new Cookies(1, -1).toString());
        assertEquals("00c0ffee00000000:0000000000000000", new Cookies(0x00c0ffee00000000L, 0).toString());
    }
}
