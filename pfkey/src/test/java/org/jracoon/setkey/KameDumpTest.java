package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.KeyExtension;
import org.jracoon.pfkey.message.LifetimeExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sa2Extension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.junit.jupiter.api.Test;

/** The -D / -DP text, line for line as libipsec's pfkey_sadump and pfkey_spdump print it. */
class KameDumpTest {
    private static final ProtocolNames PROTOCOLS = ProtocolNames.parse(List.of("tcp 6 TCP", "icmp 1 ICMP"));
    private static final long CREATED = 1_795_723_200L; // Nov 26 20:00:00 2026 UTC
    private final KameDump dump = new KameDump(PROTOCOLS, ZoneOffset.UTC);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void espSaWithKeysAndLifetimes() throws Exception {
        byte[] key = new byte[24];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x01 + i);
        }
        SadbMessage m = new SadbMessage(SadbMessageType.DUMP, 0, 3, 0, 4242, List.of(
                new SaExtension(0x1002, 0, 1, 2, 3, 0),
                new Sa2Extension(1, 0, 0),
                AddressExtension.host(SadbExtensionType.ADDRESS_SRC, ip("192.168.1.11")),
                AddressExtension.host(SadbExtensionType.ADDRESS_DST, ip("192.168.1.12")),
                KeyExtension.of(SadbExtensionType.KEY_ENCRYPT, key),
                KeyExtension.of(SadbExtensionType.KEY_AUTH, new byte[16]),
                new LifetimeExtension(SadbExtensionType.LIFETIME_CURRENT, 0, 168, CREATED, 0),
                new LifetimeExtension(SadbExtensionType.LIFETIME_HARD, 0, 0, 0, 0),
                new LifetimeExtension(SadbExtensionType.LIFETIME_SOFT, 0, 0, 0, 0)));
        String expected = "192.168.1.11 192.168.1.12 \n"
                + "\tesp mode=transport spi=4098(0x00001002) reqid=0(0x00000000)\n"
                + "\tE: 3des-cbc  01020304 05060708 090a0b0c 0d0e0f10 11121314 15161718\n"
                + "\tA: hmac-md5  00000000 00000000 00000000 00000000\n"
                + "\tseq=0x00000000 replay=0 flags=0x00000000 state=mature\n"
                + "\tcreated: Nov 26 20:00:00 2026\tcurrent: Nov 26 20:00:07 2026\n"
                + "\tdiff: 7(s)\thard: 0(s)\tsoft: 0(s)\n"
                + "\tlast:                     \thard: 0(s)\tsoft: 0(s)\n"
                + "\tcurrent: 168(bytes)\thard: 0(bytes)\tsoft: 0(bytes)\n"
                + "\tallocated: 0\thard: 0\tsoft: 0\n"
                + "\tsadb_seq=0 pid=4242 refcnt=0\n";
        assertEquals(expected, dump.sa(m, Instant.ofEpochSecond(CREATED + 7)));
    }

    @Test
    void tunnelPolicyWithDefaultPriority() throws Exception {
        SadbMessage m = new SadbMessage(SadbMessageType.X_SPDDUMP, 0, 0, 1, 77, List.of(
                new PolicyExtension(2, 3, 18, 0x80000000, List.of(new PolicyExtension.IpsecRequest(
                        50, 2, 2, 0, ip("10.20.20.20"), ip("10.10.10.10")))),
                new AddressExtension(SadbExtensionType.ADDRESS_SRC, 255, 24, ip("172.16.20.0"), 0),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 255, 24, ip("172.16.10.0"), 0),
                new LifetimeExtension(SadbExtensionType.LIFETIME_CURRENT, 0, 0, CREATED, 0),
                new LifetimeExtension(SadbExtensionType.LIFETIME_HARD, 0, 0, 0, 0)));
        String expected = "172.16.20.0/24[any] 172.16.10.0/24[any] 255\n"
                + "\tfwd prio def ipsec\n"
                + "\tesp/tunnel/10.20.20.20-10.10.10.10/require\n"
                + "\tcreated: Nov 26 20:00:00 2026  lastused:                     \n"
                + "\tlifetime: 0(s) validtime: 0(s)\n"
                + "\tspid=18 seq=1 pid=77\n"
                + "\trefcnt=0\n";
        assertEquals(expected, dump.policy(m));
    }

    @Test
    void portsPriorityOffsetsUniqueReqidAndIcmpTypes() throws Exception {
        SadbMessage tcp = new SadbMessage(SadbMessageType.X_SPDDUMP, 0, 0, 0, 1, List.of(
                new PolicyExtension(2, 2, 25, 0x40000000 - 3, List.of(
                        new PolicyExtension.IpsecRequest(50, 1, 3, 5, null, null),
                        new PolicyExtension.IpsecRequest(51, 1, 3, 0x4000, null, null))),
                new AddressExtension(SadbExtensionType.ADDRESS_SRC, 6, 128, ip("fec0::10"), 0),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 6, 128, ip("fec0::11"), 110)));
        assertEquals("fec0::10[any] fec0::11[110] tcp\n\tout prio high + 3 ipsec\n"
                + "\tesp/transport//unique:5\n\tah/transport//unique#16384\n\tspid=25 seq=0 pid=1\n\trefcnt=0\n",
                dump.policy(tcp));
        SadbMessage icmp = new SadbMessage(SadbMessageType.X_SPDDUMP, 0, 0, 0, 1, List.of(
                new PolicyExtension(1, 1, 8, 0x80000005, List.of()),
                new AddressExtension(SadbExtensionType.ADDRESS_SRC, 1, 32, ip("10.0.0.1"), 8),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 1, 32, ip("10.0.0.2"), 0)));
        assertEquals("10.0.0.1 10.0.0.2 icmp 8,0\n\tin prio def - 5 none\n\tspid=8 seq=0 pid=1\n\trefcnt=0\n",
                dump.policy(icmp));
    }

    @Test
    void ipv6TextIsCompressedAsGetnameinfoWritesIt() throws Exception {
        assertEquals("fec0:0:0:1::1", Ipv6Text.compress(ip("fec0:0:0:1::1")));
        assertEquals("::1", Ipv6Text.compress(ip("::1")));
        assertEquals("2001:db8::1:0:0:1", Ipv6Text.compress(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("1:0:2:0:3:0:4:0", Ipv6Text.compress(ip("1:0:2:0:3:0:4:0")));
    }

    @Test
    void watchShowsTheTypeThenTheEntry() throws Exception {
        SadbMessage flush = new SadbMessage(SadbMessageType.X_SPDFLUSH, 0, 0, 3, 9, List.of());
        assertEquals("X_SPDFLUSH\n" + flush, dump.message(flush, Instant.EPOCH));
        SadbMessage delete = new SadbMessage(SadbMessageType.X_SPDDELETE, 0, 0, 0, 1, List.of(
                new PolicyExtension(1, 1, 8, 0, List.of()),
                new AddressExtension(SadbExtensionType.ADDRESS_SRC, 6, 32, ip("10.0.0.1"), 0),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 6, 32, ip("10.0.0.2"), 0)));
        assertEquals("X_SPDDELETE\n10.0.0.1[any] 10.0.0.2[any] tcp\n\tin none\n\tspid=8 seq=0 pid=1\n\trefcnt=0\n",
                dump.message(delete, Instant.EPOCH));
    }
}
