package org.jracoon.parser.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jracoon.parser.psk.PskException;
import org.jracoon.parser.psk.PskFile;
import org.junit.jupiter.api.Tag;

/**
 * psk.txt of arbitrary bytes: a key table or one PskException, never another exception. The
 * normal run replays PskFileFuzzTestInputs (the corpus psk.txt samples and every kept finding);
 * {@code -Pfuzz} fuzzes from them.
 */
@Tag("fuzz")
class PskFileFuzzTest {

    @FuzzTest
    void pskFile(byte[] content) {
        try {
            PskFile.parse(content, "fuzz-psk.txt");
        } catch (PskException e) {
            ParserFuzzing.checkMessage(e.getMessage(), "fuzz-psk.txt:");
        }
    }
}
