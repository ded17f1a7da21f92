package org.jracoon.parser.setkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SetkeyReaderTest {
    private static final ProtocolNames PROTOCOLS = ProtocolNames.parse(List.of(
            "ip\t0\tIP\t\t# internet protocol", "icmp\t1\tICMP", "tcp\t6\tTCP", "udp\t17\tUDP",
            "ipv6-icmp 58\tIPv6-ICMP"));
    private final SetkeyReader reader = new SetkeyReader(PROTOCOLS);

    private List<Directive> read(String text) throws SetkeySyntaxException {
        return reader.read(text).directives();
    }

    private Directive only(String text) throws SetkeySyntaxException {
        List<Directive> all = read(text);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private SetkeySyntaxException failure(String text) {
        return assertThrows(SetkeySyntaxException.class, () -> reader.read(text));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void addWithHexKeysAndDefaults() throws Exception {
        Directive.Add add = assertInstanceOf(Directive.Add.class,
                only("add 192.168.1.11 192.168.1.12 ah 0x1000 -A hmac-md5 0x0123456789abcdef0123456789abcdef;"));
        assertEquals(new Endpoint(ip("192.168.1.11"), 0), add.source());
        assertEquals(new Endpoint(ip("192.168.1.12"), 0), add.destination());
        assertEquals(SaProtocol.AH, add.protocol());
        assertEquals(0x1000, add.spi());
        assertEquals(SaParameters.DEFAULTS, add.parameters());
        SaAlgorithms.Keyed<AuthenticationAlgorithm> auth = add.algorithms().authentication().orElseThrow();
        assertEquals(AuthenticationAlgorithm.HMAC_MD5, auth.algorithm());
        assertEquals(128, auth.key().bits());
        assertEquals(0x01, auth.key().bytes()[0]);
        assertTrue(add.algorithms().encryption().isEmpty());
    }

    @Test
    void addEspTunnelWithQuotedKeysAndEveryOption() throws Exception {
        Directive.Add add = assertInstanceOf(Directive.Add.class, only(
                "add fec0::10 fec0::11 esp 10016 -m tunnel -u 7 -f random-pad -f nocyclic-seq -r 8\n"
                        + "  -lh 100 -ls 80 -bh 5000 -bs 4000 -E blowfish-cbc \"kamekame\" -A hmac-sha1 \"this is the test key\";"));
        SaParameters p = add.parameters();
        assertEquals(IpsecMode.TUNNEL, p.mode());
        assertEquals(7, p.reqid());
        assertEquals(8, p.replay());
        assertEquals(SaParameters.Padding.RANDOM, p.padding());
        assertFalse(p.cyclicSequence());
        assertEquals(new Lifetime(100, 5000), p.hard());
        assertEquals(new Lifetime(80, 4000), p.soft());
        assertEquals(10016, add.spi());
        assertArrayEquals("kamekame".getBytes(), add.algorithms().encryption().orElseThrow().key().bytes());
        assertEquals(EncryptionAlgorithm.BLOWFISH_CBC, add.algorithms().encryption().orElseThrow().algorithm());
        assertEquals(20, add.algorithms().authentication().orElseThrow().key().length());
    }

    @Test
    void keylessAlgorithmsAndIpcomp() throws Exception {
        List<Directive> all = read("add ::1 ::1 esp 10004 -m transport -E null -A null ;\n"
                + "add ::1 ::1 ipcomp 30001 -C deflate -R;\n"
                + "add ::1 ::1 esp-old 10003 -m transport -E des-32iv \"12341234\" ;\n");
        Directive.Add nullEsp = (Directive.Add) all.get(0);
        assertEquals(0, nullEsp.algorithms().encryption().orElseThrow().key().length());
        assertEquals(AuthenticationAlgorithm.NULL, nullEsp.algorithms().authentication().orElseThrow().algorithm());
        Directive.Add ipcomp = (Directive.Add) all.get(1);
        assertEquals(Optional.of(CompressionAlgorithm.DEFLATE), ipcomp.algorithms().compression());
        assertTrue(ipcomp.algorithms().rawCpi());
        assertEquals(SaProtocol.ESP_OLD, ((Directive.Add) all.get(2)).protocol());
    }

    @Test
    void oddHexKeyGetsALeadingZeroNibble() {
        assertArrayEquals(new byte[] {0x01, 0x23}, KeyMaterial.fromHexDigits("123").bytes());
    }

    @Test
    void natTraversalPortsAndOriginalAddress() throws Exception {
        Directive.Add add = assertInstanceOf(Directive.Add.class,
                only("add 10.0.0.1[4500] 10.0.0.2[4500] esp-udp 192.168.0.9 0x200 -m tunnel -E aes-cbc 0x00112233445566778899aabbccddeeff;"));
        assertEquals(4500, add.source().port());
        assertEquals(SaProtocol.ESP_UDP, add.protocol());
        assertEquals(Optional.of(ip("192.168.0.9")), add.natOriginalAddress());
    }

    @Test
    void getDeleteDeleteallFlushDump() throws Exception {
        List<Directive> all = read("get fec0:0:0:1::1 fec0:0:0:2::2 ah 0x10004 ;\n"
                + "delete 10.0.0.1 10.0.0.2 esp 4096;\n"
                + "deleteall 10.0.0.1 10.0.0.2 esp;\n"
                + "flush; flush esp; dump; dump ah;\n");
        Directive.Get get = assertInstanceOf(Directive.Get.class, all.get(0));
        assertEquals(0x10004, get.spi());
        assertEquals(4096, assertInstanceOf(Directive.Delete.class, all.get(1)).spi());
        assertEquals(SaProtocol.ESP, assertInstanceOf(Directive.DeleteAll.class, all.get(2)).protocol());
        assertEquals(Optional.empty(), assertInstanceOf(Directive.Flush.class, all.get(3)).protocol());
        assertEquals(Optional.of(SaProtocol.ESP), assertInstanceOf(Directive.Flush.class, all.get(4)).protocol());
        assertEquals(Optional.empty(), assertInstanceOf(Directive.Dump.class, all.get(5)).protocol());
        assertEquals(Optional.of(SaProtocol.AH), assertInstanceOf(Directive.Dump.class, all.get(6)).protocol());
        assertEquals(List.of(1, 2, 3, 4, 4, 4, 4), all.stream().map(Directive::line).toList());
    }

    @Test
    void spdaddTransportWithTwoRequests() throws Exception {
        Directive.SpdAdd spd = assertInstanceOf(Directive.SpdAdd.class, only(
                "spdadd 192.168.1.11 192.168.1.12 any -P out ipsec\n  esp/transport//require  ah/transport//require;"));
        Selector s = spd.selector();
        assertEquals(AddressRange.host(ip("192.168.1.11")), s.source());
        assertEquals(32, s.destination().prefixLength());
        assertEquals(Selector.ANY_PROTOCOL, s.upperLayerProtocol());
        Policy p = spd.policy();
        assertEquals(PolicyDirection.OUT, p.direction());
        assertEquals(PolicyAction.IPSEC, p.action());
        assertEquals(Policy.PRIORITY_DEFAULT, p.priority());
        assertEquals(List.of(
                new IpsecRequest(IpsecProtocol.ESP, IpsecMode.TRANSPORT, Optional.empty(), Optional.empty(),
                        IpsecLevel.REQUIRE, 0),
                new IpsecRequest(IpsecProtocol.AH, IpsecMode.TRANSPORT, Optional.empty(), Optional.empty(),
                        IpsecLevel.REQUIRE, 0)), p.requests());
    }

    @Test
    void spdaddTunnelBetweenNetworks() throws Exception {
        Directive.SpdAdd spd = assertInstanceOf(Directive.SpdAdd.class, only(
                "spdadd 172.16.10.0/24 172.16.20.0/24 any -P in ipsec\n  esp/tunnel/10.20.20.20-10.10.10.10/require;"));
        assertEquals(new AddressRange(ip("172.16.10.0"), 24), spd.selector().source());
        IpsecRequest r = spd.policy().requests().get(0);
        assertEquals(IpsecMode.TUNNEL, r.mode());
        assertEquals(Optional.of(new InetSocketAddress(ip("10.20.20.20"), 0)), r.tunnelSource());
        assertEquals(Optional.of(new InetSocketAddress(ip("10.10.10.10"), 0)), r.tunnelDestination());
    }

    @Test
    void portsUpperLayersAndIcmpTypes() throws Exception {
        List<Directive> all = read("spdadd fec0::10[any] fec0::11[110] tcp -P out ipsec esp/transport//use ;\n"
                + "spdadd 10.0.0.1 10.0.0.2 icmp 8,0 -P out none;\n"
                + "spdadd ::1 ::1 icmp6 -P out discard;\n"
                + "spdadd 10.0.0.1 10.0.0.2 17 -P out none;\n"
                + "spdupdate fec0:0:0:1::/64 fec0:0:0:2::/64 udp -P fwd prio high + 10 bypass;\n");
        Selector tcp = ((Directive.SpdAdd) all.get(0)).selector();
        assertEquals(0, tcp.sourcePort());
        assertEquals(110, tcp.destinationPort());
        assertEquals(6, tcp.upperLayerProtocol());
        assertEquals(IpsecLevel.USE, ((Directive.SpdAdd) all.get(0)).policy().requests().get(0).level());
        Selector icmp = ((Directive.SpdAdd) all.get(1)).selector();
        assertEquals(List.of(1, 8, 0), List.of(icmp.upperLayerProtocol(), icmp.sourcePort(), icmp.destinationPort()));
        assertEquals(58, ((Directive.SpdAdd) all.get(2)).selector().upperLayerProtocol());
        assertEquals(PolicyAction.DISCARD, ((Directive.SpdAdd) all.get(2)).policy().action());
        assertEquals(17, ((Directive.SpdAdd) all.get(3)).selector().upperLayerProtocol());
        Directive.SpdUpdate update = assertInstanceOf(Directive.SpdUpdate.class, all.get(4));
        assertEquals(64, update.selector().source().prefixLength());
        assertEquals(PolicyDirection.FWD, update.policy().direction());
        assertEquals(Policy.PRIORITY_HIGH - 10, update.policy().priority());
        assertEquals(PolicyAction.BYPASS, update.policy().action());
    }

    @Test
    void priorityOffsets() throws Exception {
        List<Directive> all = read("spdadd 10.0.0.1 10.0.0.2 any -P out priority 5 none;\n"
                + "spdadd 10.0.0.1 10.0.0.2 any -P out priority -5 none;\n"
                + "spdadd 10.0.0.1 10.0.0.2 any -P out prio low - 3 none;\n");
        assertEquals(List.of(Policy.PRIORITY_DEFAULT - 5, Policy.PRIORITY_DEFAULT + 5, Policy.PRIORITY_LOW + 3),
                all.stream().map(d -> ((Directive.SpdAdd) d).policy().priority()).toList());
    }

    @Test
    void uniqueWithReqidAndForwardTwin() throws Exception {
        Directive.SpdAdd spd = assertInstanceOf(Directive.SpdAdd.class,
                only("spdadd ::1[9998] ::1 tcp -P in ipsec esp/transport//unique:2 ;"));
        IpsecRequest r = spd.policy().requests().get(0);
        assertEquals(IpsecLevel.UNIQUE, r.level());
        assertEquals(2, r.reqid());
        Policy twin = spd.policy().forwardTwin();
        assertEquals(PolicyDirection.FWD, twin.direction());
        assertEquals(IpsecLevel.REQUIRE, twin.requests().get(0).level());
        assertEquals(0, twin.requests().get(0).reqid());
        assertThrows(IllegalStateException.class, () -> twin.forwardTwin());
    }

    @Test
    void spddeleteWithBareDirectionAndSpdFlushDump() throws Exception {
        List<Directive> all = read("spddelete fec0:0:0:1::/64 fec0:0:0:2::/64 any -P out;\nspdflush;\nspddump;");
        Directive.SpdDelete delete = assertInstanceOf(Directive.SpdDelete.class, all.get(0));
        assertEquals(PolicyDirection.OUT, delete.policy().direction());
        assertEquals(0, delete.policy().priority());
        assertTrue(delete.policy().requests().isEmpty());
        assertInstanceOf(Directive.SpdFlush.class, all.get(1));
        assertEquals(3, assertInstanceOf(Directive.SpdDump.class, all.get(2)).line());
    }

    @Test
    void commentsAndExitEndTheScript() throws Exception {
        List<Directive> all = read("# comment\nflush; # trailing\nexit;\nflush;\n");
        assertEquals(1, all.size());
        assertEquals(2, all.get(0).line());
    }

    @Test
    void numericOnlyFlagRefusesNames() {
        SetkeySyntaxException e = failure("add -n some.host.invalid 10.0.0.1 esp 0x100 -E null;");
        assertEquals("line 1: Name or service not known at [some.host.invalid]", e.getMessage());
    }

    @Test
    void familyFlagKeepsOneFamily() {
        assertEquals("line 1: Name or service not known at [::1]",
                failure("add -4 ::1 ::1 esp 0x100 -E null;").getMessage());
    }

    // ---- errors, with the line setkey names

    @Test
    void syntaxErrorNamesLineAndToken() {
        SetkeySyntaxException e = failure("flush;\nspdflush;\nadd 10.0.0.1 10.0.0.2 esp 0x100 -E 3des-cbc;\n");
        assertEquals(3, e.line());
        assertEquals("line 3: syntax error at [;]", e.getMessage());
    }

    @Test
    void unknownAlgorithmIsASyntaxErrorAtItsName() {
        assertEquals("line 2: syntax error at [rc5-cbc]",
                failure("flush;\nadd ::1 ::1 esp 10013 -m tunnel -E rc5-cbc \"testtest1234\" ;").getMessage());
    }

    @Test
    void keyForAKeylessAlgorithm() {
        assertEquals("line 1: syntax error at [\"x\"]",
                failure("add ::1 ::1 esp 1 -E null \"x\";").getMessage());
    }

    @Test
    void unknownModeAndExtension() {
        assertEquals("line 1: syntax error at [sideways]",
                failure("add ::1 ::1 esp 1 -m sideways -E null;").getMessage());
        assertEquals("line 1: syntax error at [big-pad]",
                failure("add ::1 ::1 esp 1 -f big-pad -E null;").getMessage());
    }

    @Test
    void spiTooBig() {
        assertEquals("line 1: SPI too big. at [0x100000000]",
                failure("add 10.0.0.1 10.0.0.2 esp 0x100000000 -E null;").getMessage());
    }

    @Test
    void replayWithOldProtocols() {
        assertEquals("line 1: replay prevention cannot be used with ah/esp-old at [-r]",
                failure("add ::1 ::1 esp-old 1 -r 4 -E des-cbc \"12345678\";").getMessage());
    }

    @Test
    void desVariantsWithTheWrongEsp() {
        assertEquals("line 1: algorithm mismatched at [des-deriv]",
                failure("add ::1 ::1 esp-old 1 -E des-deriv \"12341234\";").getMessage());
        assertEquals("line 1: algorithm mismatched at [des-32iv]",
                failure("add ::1 ::1 esp 1 -E des-32iv \"12341234\";").getMessage());
    }

    @Test
    void unknownUpperLayerProtocol() {
        assertEquals("line 1: invalid upper layer protocol at [bogus]",
                failure("spdadd 10.0.0.1 10.0.0.2 bogus -P out none;").getMessage());
    }

    @Test
    void icmpSpecOnlyForIcmp() {
        assertEquals("line 1: invalid an upper layer protocol spec at [8,0]",
                failure("spdadd 10.0.0.1 10.0.0.2 tcp 8,0 -P out none;").getMessage());
    }

    @Test
    void prefixLongerThanTheAddress() {
        assertEquals("line 1: Invalid prefix length at [33]",
                failure("spdadd 10.0.0.0/33 10.0.0.2 any -P out none;").getMessage());
    }

    @Test
    void addressFamiliesMustAgree() {
        assertEquals("line 1: address family mismatch at [::1]",
                failure("spdadd 10.0.0.1 ::1 any -P out none;").getMessage());
    }

    @Test
    void portMustBeANumber() {
        assertEquals("line 1: Servname not supported for ai_socktype at [70000]",
                failure("spdadd 10.0.0.1[70000] 10.0.0.2 tcp -P out none;").getMessage());
    }

    @Test
    void policyRequestRules() {
        assertEquals("line 2: Too few arguments at [esp]",
                failure("spdflush;\nspdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp;").getMessage());
        assertEquals("line 1: Too few arguments at [ah]",
                failure("spdadd 10.0.0.1 10.0.0.2 any -P out ipsec ah/;").getMessage());
        assertEquals("line 2: Invalid address specification at [esp]",
                failure("spdadd 10.0.0.1 10.0.0.2 any -P out ipsec\n esp/tunnel//require;").getMessage());
        assertEquals("line 1: Family mismatch at [esp]",
                failure("spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/tunnel/10.0.0.1-::2/require;").getMessage());
        assertEquals("line 1: Invalid direction at [me]",
                failure("spdadd 10.0.0.1 10.0.0.2 any -P in ipsec esp/transport/me-any/require;").getMessage());
        assertEquals("line 1: Name or service not known at [gw.example]",
                failure("spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/tunnel/gw.example-10.0.0.2/require;")
                        .getMessage());
    }

    @Test
    void policySyntaxErrorInsideRequests() {
        SetkeySyntaxException e = failure("spdadd 10.0.0.1 10.0.0.2 any -P out ipsec\n\n esp/transport//always;");
        assertEquals("line 3: syntax error at [always]", e.getMessage());
    }

    @Test
    void missingSemicolonAtEnd() {
        assertEquals("line 1: syntax error at []", failure("flush").getMessage());
    }

    @Test
    void strayCharacter() {
        assertEquals("line 1: syntax error at [!]", failure("flush !;").getMessage());
    }

    @Test
    void directivesBeforeABadLineAreHandedOnFirst() {
        List<Directive> seen = new java.util.ArrayList<>();
        SetkeySyntaxException e = assertThrows(SetkeySyntaxException.class,
                () -> reader.read("flush;\nspdflush;\nadd ::1 ::1 esp 1 -E rc5-cbc \"x\";\nflush;\n", seen::add));
        assertEquals(3, e.line());
        assertEquals(List.of(1, 2), seen.stream().map(Directive::line).toList());
    }

    @Test
    void handlerFailureStopsReading() {
        List<Directive> seen = new java.util.ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.read("flush;\nspdflush;\n",
                d -> {
                    seen.add(d);
                    throw new IllegalStateException("refused");
                }));
        assertEquals("refused", e.getMessage());
        assertEquals(1, seen.size());
    }

    /** As the guide's "-r" line leaves them: addresses followed by a no-break space. */
    @Test
    void noBreakSpaceSeparatesWords() throws Exception {
        List<Directive> all = read("add 192.168.1.12\u00a0 192.168.1.11\u00a0 esp 0x1002 -E null;\n"
                + "spdadd 10.0.0.1\u00a0 10.0.0.2 any -P out ipsec esp/tunnel/10.0.0.1\u00a0-10.0.0.2/require;");
        assertEquals(ip("192.168.1.12"), ((Directive.Add) all.get(0)).source().address());
        assertEquals(Optional.of(new InetSocketAddress(ip("10.0.0.1"), 0)),
                ((Directive.SpdAdd) all.get(1)).policy().requests().get(0).tunnelSource());
    }
}
