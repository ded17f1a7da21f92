package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.pfkey.AfKey;
import org.jracoon.pfkey.KernelBackends.Backend;
import org.jracoon.pfkey.message.Sadb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * setkey prints the same {@code -D} and {@code -DP} text through either backend: one SAD and SPD
 * loaded by each in turn, listed by both (needs AF_KEY, so it is skipped in the XFRM pass).
 */
@Tag("kernel")
class SetkeyBackendsKernelTest {
    private static final String KEY_192 = "0x0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String KEY_128 = "0x00112233445566778899aabbccddeeff";
    private static final String KEY_160 = "0x00112233445566778899aabbccddeeff00112233";
    private static final String KEY_256 = "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String SCRIPT = String.join("\n",
            "add 10.80.0.1 10.80.0.2 esp 0x1001 -m tunnel -r 16 -u 7 -E 3des-cbc " + KEY_192 + " -A hmac-md5 " + KEY_128 + ";",
            "add 10.80.0.2 10.80.0.1 esp 0x1002 -lh 3600 -ls 2880 -E aes-cbc " + KEY_128 + " -A hmac-sha1 " + KEY_160 + ";",
            "add 10.80.0.1 10.80.0.2 ah 0x1003 -A hmac-sha256 " + KEY_256 + ";",
            "add 10.80.0.1 10.80.0.2 esp 0x1004 -E null -A hmac-sha1 " + KEY_160 + ";",
            "add 10.80.0.1[4500] 10.80.0.2[4501] esp-udp 192.0.2.9 0x1005 -m transport -E aes-cbc " + KEY_128 + ";",
            "add fec0::1 fec0::2 esp 0x1006 -E aes-cbc " + KEY_128 + " -A hmac-sha1 " + KEY_160 + ";",
            "spdadd 10.80.1.0/24 10.80.2.0/24 any -P out ipsec esp/tunnel/10.80.0.1-10.80.0.2/unique:7;",
            "spdadd 10.80.2.0/24 10.80.1.0/24 any -P in ipsec esp/tunnel/10.80.0.2-10.80.0.1/require;",
            "spdadd 10.80.0.1[any] 10.80.0.2[22] tcp -P out ipsec ah/transport//use esp/transport//require;",
            "spdadd 10.80.3.0/24 10.80.4.0/24 icmp -P out prio high + 3 discard;",
            "spdadd 10.80.5.0/24 10.80.6.0/24 udp -P out none;",
            "spdadd fec0::1 fec0::2 any -P out ipsec esp/transport//require;",
            "");
    /** One "now" for every listing, so that current times and ages agree. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void flush() {
        setkey(Backend.XFRM, "flush;\nspdflush;\n");
    }

    @Test
    void bothBackendsListTheSameDatabasesAlike() throws Exception {
        AfKey.openOrSkip(org.jracoon.pfkey.PfKeyClient::open).close();
        setkey(Backend.XFRM, "flush;\nspdflush;\n");
        setkey(Backend.PFKEY, SCRIPT);
        String sad = listing(Backend.PFKEY, false);
        String spd = listing(Backend.PFKEY, true);
        assertEquals(6, sad.split("\tsadb_seq=").length - 1, sad);
        assertEquals(7, spd.split("\trefcnt=").length - 1, spd);
        assertTrue(sad.contains("10.80.0.1[4500] 10.80.0.2[4501] \n\tesp-udp mode=transport spi=4101(0x00001005)"), sad);
        assertTrue(spd.contains("esp/tunnel/10.80.0.1-10.80.0.2/unique:7"), spd);
        assertEquals(sad, listing(Backend.XFRM, false));
        assertEquals(spd, listing(Backend.XFRM, true));

        // the same script through XFRM installs what PF_KEY installed (kernel times and policy ids aside)
        setkey(Backend.XFRM, "flush;\nspdflush;\n" + SCRIPT);
        assertEquals(withoutTimesAndIds(sad), withoutTimesAndIds(listing(Backend.XFRM, false)));
        assertEquals(withoutTimesAndIds(spd), withoutTimesAndIds(listing(Backend.XFRM, true)));
        assertEquals(withoutTimesAndIds(spd), withoutTimesAndIds(listing(Backend.PFKEY, true)));
    }

    private static String listing(Backend backend, boolean policies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (KernelChannel channel = KernelChannel.open(Optional.of(backend))) {
            SetkeyRunner runner = new SetkeyRunner(channel, new KameDump(ProtocolNames.system(), ZoneId.of("UTC")),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err, CLOCK, false);
            if (policies) {
                runner.dumpSpd();
            } else {
                runner.dumpSad(Sadb.SATYPE_UNSPEC);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutTimesAndIds(String listing) {
        return listing.replaceAll("\t(created|diff): [^\n]*\n", "").replaceAll("spid=\\d+", "spid=N");
    }

    private static void setkey(Backend backend, String script) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SetkeyMain.run(new String[] {"--kernel", backend.optionName(), "-c"},
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status);
    }
}
