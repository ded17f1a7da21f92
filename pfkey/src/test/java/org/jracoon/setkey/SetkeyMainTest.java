package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The command line without a kernel: -n reads and checks only; bad input is one line and exit 1. */
class SetkeyMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return SetkeyMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String sample(String name) {
        return Path.of(System.getProperty("jracoon.shared"), "corpus", "racoon-samples", name).toString();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parseOnlyAcceptsAGoodFile() {
        assertEquals(0, run("", "-n", "-f", sample("ipt082_setkey_sample-policy02.cf")));
        assertEquals("", out.toString(StandardCharsets.UTF_8) + err());
    }

    @Test
    void parseOnlyReportsTheFirstBadLine() {
        assertEquals(1, run("", "-n", "-f", sample("ipt082_setkey_sample.cf")));
        assertEquals("line 157: syntax error at [rc5-cbc]\n", err());
    }

    @Test
    void clusteredFlagsAndStandardInput() {
        assertEquals(1, run("flush;\nspdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/tunnel//require;\n", "-nc"));
        assertEquals("line 2: Invalid address specification at [esp]\n", err());
    }

    @Test
    void missingFile() {
        assertEquals(1, run("", "-f", "/nonexistent/setkey.conf"));
        assertEquals("setkey: Can't open `/nonexistent/setkey.conf': No such file or directory\n", err());
    }

    @Test
    void noModeIsAUsageError() {
        assertEquals(1, run(""));
        assertEquals("setkey: give one of -c, -f FILE, -D, -F, -x\n", err());
        assertEquals(1, run("", "-Q"));
        assertTrue(err().contains("Unknown option"), err());
    }
}
