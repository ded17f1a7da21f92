package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setkey samples of the shared corpus (ipsec-tools 0.8.2's src/setkey and Debian's
 * ipsec-tools.conf) loaded with {@code setkey -f} into a namespace of their own: each loads, or
 * fails where and why ipsec-tools' setkey fails on Linux.
 */
@Tag("kernel")
class CorpusSamplesKernelTest {
    private static final String NS = "corpus";

    @TempDir
    Path tmp;
    private Shell sh;

    @BeforeEach
    void setUp() throws Exception {
        sh = new Shell(tmp);
        // the samples use the loopback addresses (127.0.0.1, ::1) and policies alone for the rest
        sh.namespace(NS);
    }

    @AfterEach
    void tearDown() throws Exception {
        sh.cleanUp();
    }

    private static Path sample(String name) {
        return Path.of(System.getProperty("jracoon.shared"), "corpus", "racoon-samples", name);
    }

    private Shell.Result load(String name) throws Exception {
        return sh.run("ip netns exec " + NS + " setkey -f " + sample(name));
    }

    @Test
    void loopbackPolicies() throws Exception {
        Shell.Result r = load("ipt082_setkey_sample-policy01.cf");
        assertEquals(new Shell.Result(0, ""), r);
        // the SAs it adds are flushed again by its last line; the two outbound policies stay
        assertEquals(Set.of(), sh.states(NS));
        Set<String> policies = sh.policies(NS);
        assertEquals(2, policies.size(), policies.toString());
        assertTrue(policies.stream().anyMatch(p -> p.startsWith("src 127.0.0.1/32 dst 127.0.0.1/32 proto icmp ")
                && p.contains(" dir out ") && p.contains("proto esp reqid 0 mode transport")), policies.toString());
        assertTrue(policies.stream().anyMatch(p -> p.startsWith("src ::1/128 dst ::1/128 ")
                && p.contains(" dir out ")), policies.toString());
    }

    @Test
    void uniquePoliciesAndReqids() throws Exception {
        Shell.Result r = load("ipt082_setkey_sample-policy02.cf");
        assertEquals(new Shell.Result(0, ""), r);
        assertEquals(Set.of(
                "src ::1 dst ::1 proto esp spi 0x00001001 reqid 1 mode transport",
                "src ::1 dst ::1 proto esp spi 0x00001002 reqid 2 mode transport"), sh.states(NS));
        Set<String> policies = sh.policies(NS);
        // seven spdadd, one of them inbound and so installed with its fwd twin
        assertEquals(8, policies.size(), policies.toString());
        assertTrue(policies.stream().anyMatch(p -> p.contains(" dir in ") && p.contains("proto esp reqid 2 ")),
                policies.toString());
        // the fwd twin of a unique request is require without reqid
        assertTrue(policies.stream().anyMatch(p -> p.contains(" dir fwd ") && p.contains("proto esp reqid 0 ")),
                policies.toString());
        // "reqid will be updated by kernel": Linux replaces reqids above IPSEC_MANUAL_REQID_MAX
        // (0x3fff) with its own, from 0x4000 up, as it gives one to a bare "unique"
        String port9995 = policies.stream().filter(p -> p.contains("dport 9995")).findFirst().orElseThrow();
        Matcher reqid = Pattern.compile("reqid (\\d+)").matcher(port9995);
        assertTrue(reqid.find(), port9995);
        assertTrue(Long.parseLong(reqid.group(1)) >= 0x4000 && !reqid.group(1).equals("28000"), port9995);
    }

    @Test
    void debianSampleIsAllComments() throws Exception {
        assertEquals(new Shell.Result(0, ""), load("debian_ipsec-tools.conf"));
        assertEquals(Set.of(), sh.states(NS));
        assertEquals(Set.of(), sh.policies(NS));
    }

    /**
     * ipsec-tools' own sample asks for keyed-md5 with the old AH (line 75), an algorithm Linux
     * does not offer: setkey stops there with "Not supported", after the entries before it.
     */
    @Test
    void kameSampleStopsAtKeyedMd5() throws Exception {
        Shell.Result r = load("ipt082_setkey_sample.cf");
        assertEquals(new Shell.Result(1, "line 75: Not supported at [keyed-md5]\n"), r);
        assertEquals(Set.of(
                "src fec0::10 dst fec0::11 proto esp spi 0x00010001 reqid 0 mode transport",
                "src fec0::11 dst fec0::10 proto esp spi 0x00010002 reqid 0 mode transport"), sh.states(NS));
        // two spdadd pairs, each inbound one with its fwd twin
        assertEquals(6, sh.policies(NS).size(), sh.policies(NS).toString());
    }
}
