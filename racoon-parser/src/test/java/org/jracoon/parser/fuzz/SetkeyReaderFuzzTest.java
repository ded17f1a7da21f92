package org.jracoon.parser.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.parser.setkey.SetkeyReader;
import org.jracoon.parser.setkey.SetkeySyntaxException;
import org.junit.jupiter.api.Tag;

/**
 * setkey input of arbitrary text: directives or one SetkeySyntaxException, never another
 * exception. Seeds: the setkey samples of the shared corpus, in SetkeyReaderFuzzTestInputs.
 */
@Tag("fuzz")
class SetkeyReaderFuzzTest {

    // a fixed protocol table, so that the outcome does not depend on the machine's /etc/protocols
    private static final SetkeyReader READER = new SetkeyReader(ProtocolNames.parse(List.of(
            "ip\t0\tIP", "icmp\t1\tICMP", "tcp\t6\tTCP", "udp\t17\tUDP", "ipv6-icmp 58\tIPv6-ICMP")));

    @FuzzTest
    void setkeyScript(byte[] content) {
        try {
            READER.read(new String(content, StandardCharsets.UTF_8));
        } catch (SetkeySyntaxException e) {
            ParserFuzzing.checkMessage(e.getMessage(), "line ");
        }
    }
}
