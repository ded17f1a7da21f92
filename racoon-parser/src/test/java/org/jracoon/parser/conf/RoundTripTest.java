package org.jracoon.parser.conf;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every statement kind once: the dump parses back to an equal model, and values land where racoon puts them. */
class RoundTripTest {

    static LoadedConfig everything() throws Exception {
        try (InputStream in = RoundTripTest.class.getResourceAsStream("everything.conf")) {
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "everything.conf");
        }
    }

    @Test
    void everyStatementKindRoundTrips() throws Exception {
        RacoonConf conf = everything().config();
        String dumped = ConfigPrinter.print(conf);
        assertEquals(conf, ConfigLoader.parse(dumped, "dump").config(), dumped);
    }

    @Test
    void valuesLandWhereRacoonPutsThem() throws Exception {
        LoadedConfig loaded = everything();
        RacoonConf conf = loaded.config();
        assertEquals(new RacoonConf.Timers(3, 120, 2, 60, 45, 0), conf.timers());
        assertEquals(0660, conf.listen().adminSocket().mode());
        assertEquals("2001:db8::1", conf.listen().isakmp().get(1).address().toString());
        assertEquals(500, conf.listen().isakmp().get(1).port());
        assertEquals(java.util.OptionalInt.of(1000), conf.privsep().orElseThrow().userId());
        assertEquals(RacoonConf.GssIdEncoding.LATIN1, conf.gssIdEncoding());
        assertEquals(2, conf.radiusCfg().orElseThrow().auth().size());
        assertEquals(0, conf.radiusCfg().orElseThrow().auth().get(1).port());

        Remote base = conf.remotes().get(0);
        Remote child = conf.remotes().get(1);
        assertEquals(new Remote.Selector.Named("child"), child.selector());
        assertEquals(base.proposals(), child.proposals(), "remote X inherit Y; copies everything");
        assertEquals(List.of(Remote.ExchangeMode.AGGRESSIVE, Remote.ExchangeMode.MAIN), base.exchangeModes());
        assertEquals(new Remote.PeersCertificate.PlainRsa(List.of("peer1.rsa", "peer2.rsa")), base.peersCertificate().orElseThrow());
        assertEquals(false, base.sendCr(), "plain_rsa keys switch the certificate exchange off");
        assertEquals(1800, base.proposals().get(0).lifetimeSeconds());
        assertEquals(7200, base.proposals().get(1).lifetimeSeconds());
        assertEquals(Algorithms.Phase1Cipher.AES, base.proposals().get(1).cipher(), "rijndael is aes");
        assertEquals(Algorithms.Hash.SHA256, base.proposals().get(1).hash());
        assertEquals(Map.of(Remote.ScriptEvent.PHASE1_UP, "/etc/racoon/up.sh", Remote.ScriptEvent.PHASE1_DOWN, "down.sh",
                Remote.ScriptEvent.PHASE1_DEAD, "dead.sh"), base.scripts());
        assertEquals(Optional.of("host/gw"), conf.remotes().get(2).proposals().get(0).gssId());
        assertEquals(new Remote.Selector.Anonymous(4500), conf.remotes().get(3).selector());

        Sainfo range = conf.sainfos().get(0);
        assertEquals(new SainfoId.Range(Identifier.Type.ADDRESS, IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.9"),
                SainfoId.ANY_PORT, 6), range.local());
        assertEquals(new SainfoId.Address(Identifier.Type.ADDRESS, IpAddress.parse("2001:db8:1::"), 48, 443, 6), range.remote());
        assertEquals(10800, range.lifetimeSeconds());
        assertEquals(List.of(Algorithms.IpsecAuth.HMAC_SHA512, Algorithms.IpsecAuth.NON_AUTH), range.authentication());
        assertEquals(new SainfoId.ClientAddress(), conf.sainfos().get(1).remote());
        assertEquals(Optional.of("eth0"), ((SainfoId.Address) conf.sainfos().get(2).local()).address().scope());
        assertEquals(new SainfoId.Named(Identifier.Type.KEYID, "b"), conf.sainfos().get(3).remote());

        assertEquals(List.of(FileReference.Kind.PRE_SHARED_KEYS, FileReference.Kind.PRIVATE_KEY, FileReference.Kind.PEER_CERTIFICATE,
                FileReference.Kind.PEER_CERTIFICATE, FileReference.Kind.CA_CERTIFICATE),
                loaded.files().stream().map(FileReference::kind).toList());
        assertEquals("/etc/racoon/certs/mine.rsa", loaded.files().get(1).path());
    }

    @Test
    void sameWordMeansDifferentThingsInDifferentSections() throws Exception {
        RacoonConf conf = ConfigLoader.parse("""
                privsep { group "racoon"; }
                mode_cfg { split_network include 10.0.0.0/8; pfs_group 2; }
                remote anonymous {
                	mode_cfg on;
                	exchange_mode main;
                	proposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method xauth_psk_server; dh_group 2; }
                }
                sainfo anonymous group "racoon" {
                	pfs_group modp2048;
                	encryption_algorithm aes; authentication_algorithm hmac_sha1; compression_algorithm deflate;
                }
                """, "words.conf").config();
        assertEquals(Optional.of("racoon"), conf.privsep().orElseThrow().groupName());
        assertEquals(Optional.of(RacoonConf.ModeCfg.SplitType.INCLUDE), conf.modeCfg().orElseThrow().splitType());
        assertEquals(java.util.OptionalInt.of(2), conf.modeCfg().orElseThrow().pfsGroup());
        assertTrue(conf.remotes().get(0).modeCfg());
        assertEquals(Optional.of("racoon"), conf.sainfos().get(0).group());
        assertEquals(Optional.of(Algorithms.DhGroup.MODP2048), conf.sainfos().get(0).pfsGroup());
    }

    @Test
    void ipv6IsPrintedCompressed() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0db8:0:0:0:0:0:1").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("1:0:2::3", IpAddress.parse("1:0:2:0:0:0:0:3").toString());
        assertTrue(IpAddress.parse("::ffff:192.0.2.1").address() instanceof java.net.Inet6Address,
                "a mapped address keeps the family it was written in");
    }
}
