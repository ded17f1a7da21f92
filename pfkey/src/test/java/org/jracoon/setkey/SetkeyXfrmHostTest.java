package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jracoon.xfrm.XfrmSadb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * setkey on the build machine's own kernel, which has XFRM netlink but neither AF_KEY nor ESP:
 * the automatic choice is XFRM, policies are added, listed and deleted through it, and an SA add
 * fails with one line naming what the kernel lacks. Other builds share this kernel: only this
 * test's own addresses are touched, nothing is flushed, and its policies are deleted after it.
 */
class SetkeyXfrmHostTest {
    private static final String OUT = "10.253.1.0/24 10.253.2.0/24 any -P out ipsec esp/tunnel/10.253.0.1-10.253.0.2/require";
    private static final String IN = "10.253.2.0/24 10.253.1.0/24 any -P in ipsec esp/tunnel/10.253.0.2-10.253.0.1/unique:9";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void needsXfrmAsRoot() throws IOException {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
                "changing the kernel's SPD needs root");
        assumeTrue(!Files.exists(Path.of("/proc/net/pfkey")), "this kernel has AF_KEY: the automatic choice is PF_KEY");
        try (XfrmSadb xfrm = XfrmSadb.open()) {
            assumeTrue(xfrm != null);
        } catch (IOException e) {
            assumeTrue(false, "this host has no NETLINK_XFRM: " + e.getMessage());
        }
    }

    @AfterEach
    void leaveNoPolicies() {
        // the fwd twin of the inbound policy goes with it
        run("spddelete " + OUT + ";\nspddelete " + IN + ";\n", "-c");
        out.reset();
        run("", "-DP");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("10.253."), "policies left behind:\n" + out);
    }

    @Test
    void policiesGoThroughXfrmAndAnSaAddNamesTheMissingSupport() {
        assertEquals(0, run("spdadd " + OUT + ";\nspdadd " + IN + ";\n", "-c"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("", "-DP"), err.toString(StandardCharsets.UTF_8));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.contains("10.253.1.0/24[any] 10.253.2.0/24[any] 255\n\tout prio def ipsec\n"
                + "\tesp/tunnel/10.253.0.1-10.253.0.2/require\n\tcreated: "), listing);
        assertTrue(listing.contains("10.253.2.0/24[any] 10.253.1.0/24[any] 255\n\tin prio def ipsec\n"
                + "\tesp/tunnel/10.253.0.2-10.253.0.1/unique:9\n\tcreated: "), listing);
        assertTrue(listing.contains("10.253.2.0/24[any] 10.253.1.0/24[any] 255\n\tfwd prio def ipsec\n"
                + "\tesp/tunnel/10.253.0.2-10.253.0.1/require\n\tcreated: "), listing);

        err.reset();
        int status = run("add 10.253.0.1 10.253.0.2 esp 0x2531 -m tunnel -E aes-cbc 0x00112233445566778899aabbccddeeff"
                + " -A hmac-sha1 0x00112233445566778899aabbccddeeff00112233;\n", "--kernel", "xfrm", "-c");
        String refusal = err.toString(StandardCharsets.UTF_8);
        if (status == 0) {
            run("delete 10.253.0.1 10.253.0.2 esp 0x2531;\n", "-c");
            assumeTrue(false, "this host kernel has ESP: there is no missing support to report");
        }
        assertEquals(1, status);
        assertEquals("line 1: add 10.253.0.1 10.253.0.2 esp 0x2531: Protocol not supported (EPROTONOSUPPORT), "
                + "the kernel says \"Requested type not found\": this kernel has no ESP support "
                + "(CONFIG_INET_ESP, module esp4)\n", refusal);
    }

    @Test
    void pfKeyAskedForOnAKernelWithoutItIsOneLine() {
        assertEquals(1, run("", "--kernel", "pfkey", "-DP"));
        assertEquals("setkey: socket(AF_KEY, SOCK_RAW, PF_KEY_V2): Address family not supported by protocol "
                + "(EAFNOSUPPORT)\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, run("", "--kernel", "netkey", "-DP"));
        assertEquals("setkey: unknown kernel interface 'netkey' (auto, pfkey or xfrm)\n", err.toString(StandardCharsets.UTF_8));
    }

    private int run(String stdin, String... args) {
        return SetkeyMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
