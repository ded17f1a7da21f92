package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which lines of our daemon's log the daemon check counts as errors. */
class DaemonsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-27 00:01:02: ERROR: [ike.cfg] racoon.conf: no proposal|true",
        "2026-11-27 00:01:02: WARN: [ike.ike] 1a2b:3c4d phase 1 with 192.168.1.11 failed: INVALID_PAYLOAD_TYPE|true",
        "2026-11-27 00:01:02: WARN: [ike.chd] phase 2 with 192.168.1.12 failed: NO_PROPOSAL_CHOSEN|true",
        "2026-11-27 00:01:02: WARN: [ike.cfg] compression_algorithm deflate is ignored|false",
        "2026-11-27 00:01:02: INFO: [ike.chd] 1a2b:3c4d mid 5 IPsec SA installed: esp/transport|false",
        "2026-11-27 00:01:02: INFO: [ike.ike] peer said ERROR: nothing|false",
    })
    void errorLines(String line, boolean error) {
        assertEquals(error, Daemons.isErrorLine(line), line);
    }
}
