package org.jracoon.parser.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The setkey samples of the shared corpus (ipsec-tools 0.8.2 and Debian), read without a kernel. */
class SetkeyCorpusTest {
    private final SetkeyReader reader = SetkeyReader.withSystemProtocols();

    private static String sample(String name) throws IOException {
        return Files.readString(Path.of(System.getProperty("jracoon.shared"), "corpus", "racoon-samples", name));
    }

    @Test
    void loopbackPolicySampleReads() throws Exception {
        assertEquals(7, reader.read(sample("ipt082_setkey_sample-policy01.cf")).directives().size());
    }

    @Test
    void uniquePolicySampleReads() throws Exception {
        assertEquals(11, reader.read(sample("ipt082_setkey_sample-policy02.cf")).directives().size());
    }

    @Test
    void debianSampleIsAllComments() throws Exception {
        assertEquals(0, reader.read(sample("debian_ipsec-tools.conf")).directives().size());
    }

    /** setkey built for Linux has no rc5-cbc: reading alone stops there (a kernel stops it earlier). */
    @Test
    void kameSampleStopsAtRc5() throws Exception {
        SetkeySyntaxException e = assertThrows(SetkeySyntaxException.class,
                () -> reader.read(sample("ipt082_setkey_sample.cf")));
        assertEquals("line 157: syntax error at [rc5-cbc]", e.getMessage());
    }
}
