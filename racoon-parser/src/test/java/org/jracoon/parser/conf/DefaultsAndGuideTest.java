package org.jracoon.parser.conf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** racoon's code defaults, and the two racoon.conf files of the IPsec guide. */
class DefaultsAndGuideTest {

    @Test
    void emptyFileHasRacoonsCodeDefaults() throws Exception {
        RacoonConf conf = ConfigLoader.parse("", "empty.conf").config();
        assertEquals(RacoonConf.LogLevel.INFO, conf.logLevel());
        assertEquals(new RacoonConf.Timers(5, 10, 1, 30, 30, 20), conf.timers(), "phase1/phase2 30 s, not the man page's 15/10");
        assertTrue(conf.complexBundle(), "complex_bundle on in code, off in the man page");
        assertEquals(RacoonConf.AdminSocket.DEFAULT, conf.listen().adminSocket());
        assertTrue(conf.remotes().isEmpty());
    }

    @Test
    void remoteAndSainfoDefaults() throws Exception {
        RacoonConf conf = ConfigLoader.parse(RobustnessTest.remote("192.0.2.1")
                + "sainfo anonymous { encryption_algorithm aes; authentication_algorithm hmac_sha1; compression_algorithm deflate; }\n",
                "defaults.conf").config();
        Remote r = conf.remotes().get(0);
        assertEquals(Remote.ProposalCheck.STRICT, r.proposalCheck());
        assertEquals(28800, r.lifetimeSeconds());
        assertEquals(16, r.nonceSize());
        assertTrue(r.initialContact() && r.verifyCert() && r.sendCert() && r.sendCr());
        assertFalse(r.matchEmptyCr(), "match_empty_cr off in code, on in the man page");
        assertEquals(Identifier.OWN_ADDRESS, r.myIdentifier());
        assertEquals(Remote.Dpd.DEFAULT, r.dpd());
        Proposal p = r.proposals().get(0);
        assertEquals(128, p.keyLength(), "aes takes its default key length");
        assertEquals(28800, p.lifetimeSeconds());
        Sainfo s = conf.sainfos().get(0);
        assertEquals(28800, s.lifetimeSeconds());
        assertEquals(List.of(new Sainfo.Cipher(Algorithms.IpsecCipher.AES, 128)), s.encryption());
        assertEquals(Optional.empty(), s.pfsGroup());
    }

    /** The racoon.conf printed after "#  Configuration for NAME" in the guide. */
    static String guideConfig(String name) throws IOException {
        List<String> lines = Files.readAllLines(Shared.dir().resolve("guide/ipsec-guide.txt"));
        int start = 0;
        while (!lines.get(start).startsWith("#  Configuration for " + name)) {
            start++;
        }
        start--;
        int sainfo = start;
        while (!lines.get(sainfo).startsWith("sainfo anonymous")) {
            sainfo++;
        }
        int end = lines.subList(sainfo, lines.size()).indexOf("}") + sainfo;
        return String.join("\n", lines.subList(start, end + 1)) + "\n";
    }

    @Test
    void guideGatewayGwHq() throws Exception {
        LoadedConfig loaded = ConfigLoader.parse(guideConfig("GW-HQ"), "gw-hq.conf");
        Remote r = loaded.config().remotes().get(0);
        assertEquals(new Remote.Selector.Anonymous(500), r.selector());
        assertTrue(r.passive());
        assertEquals(Remote.GeneratePolicy.REQUIRE, r.generatePolicy());
        assertEquals(600, r.lifetimeSeconds());
        assertEquals(new Proposal(Algorithms.Phase1Cipher.TRIPLE_DES, 0, Algorithms.Hash.SHA1, Algorithms.AuthMethod.RSASIG,
                Algorithms.DhGroup.MODP1024, 600, Optional.empty()), r.proposals().get(0));
        assertEquals(Optional.of(new Remote.Certificate.X509("ipsec_gwhq_cert.pem", "ipsec_gqhq_key.pem")), r.certificate());
        // the guide's typo: racoon will look for this key file, which --check-config reports
        assertEquals(List.of(new FileReference(FileReference.Kind.CERTIFICATE, "/etc/cert/ipsec_gwhq_cert.pem",
                        new SourceLocation("gw-hq.conf", 12, 25)),
                new FileReference(FileReference.Kind.PRIVATE_KEY, "/etc/cert/ipsec_gqhq_key.pem",
                        new SourceLocation("gw-hq.conf", 12, 47))), loaded.files());
        Sainfo s = loaded.config().sainfos().get(0);
        assertEquals(Optional.of(Algorithms.DhGroup.MODP768), s.pfsGroup());
        assertEquals(List.of(Algorithms.IpsecAuth.HMAC_MD5), s.authentication());
    }

    @Test
    void guideRoamingHostAstro() throws Exception {
        RacoonConf astro = ConfigLoader.parse(guideConfig("Astro"), "astro.conf").config();
        Remote r = astro.remotes().get(0);
        assertFalse(r.passive(), "commented out in the guide");
        assertEquals(Remote.GeneratePolicy.OFF, r.generatePolicy());
        assertEquals(List.of(new Identifier(Identifier.Type.ASN1DN, Optional.empty(), Optional.empty())), r.peersIdentifiers());
        assertEquals(astro, ConfigLoader.parse(ConfigPrinter.print(astro), "dump").config());
    }
}
