package org.jracoon.parser.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every racoon.conf of the corpus (SOURCES.tsv kind "racoon.conf"): the ones ipsec-tools accepts
 * load, print and load back to an equal model; the one it rejects fails at its exact position.
 */
class CorpusTest {

    private static final String REJECTED = "rdratlos_roadwarrior_server_racoon.conf";

    static Stream<String> racoonConfs() throws IOException {
        List<String> names = Files.readAllLines(Shared.corpus().resolve("SOURCES.tsv")).stream()
                .skip(1)
                .map(l -> l.split("\t"))
                .filter(cols -> cols[4].equals("racoon.conf"))
                .map(cols -> cols[0])
                .toList();
        assertEquals(12, names.size(), "SOURCES.tsv lists 12 racoon.conf files");
        return names.stream();
    }

    static Stream<String> accepted() throws IOException {
        return racoonConfs().filter(n -> !n.equals(REJECTED));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptedFileLoadsAndRoundTrips(String name) throws Exception {
        Path file = Shared.corpus().resolve(name);
        RacoonConf first = ConfigLoader.load(file).config();
        String dumped = ConfigPrinter.print(first);
        RacoonConf again = ConfigLoader.parse(dumped, name + " (dumped)").config();
        assertEquals(first, again, () -> "dump of " + name + " does not parse back to the same model:\n" + dumped);
        assertEquals(dumped, ConfigPrinter.print(again), "printing is stable");
    }

    @Test
    void rejectedFileFailsAtTheMisspeltKeyword() {
        Path file = Shared.corpus().resolve(REJECTED);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(file + ":226:1: unknown keyword 'ldap_cfg' at top level (did you mean 'ldapcfg'?)"),
                e.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void sampleInheritResolvesParentsAndAppendsProposals() throws Exception {
        RacoonConf conf = ConfigLoader.load(Shared.corpus().resolve("ipt082_racoon.conf.sample-inherit")).config();
        assertEquals(3, conf.remotes().size());
        Remote child = conf.remotes().get(1);
        Remote grandchild = conf.remotes().get(2);
        assertEquals(List.of(Remote.ExchangeMode.AGGRESSIVE), child.exchangeModes());
        assertEquals(Remote.Level.FORCE, child.natTraversal());
        assertEquals(child.certificate(), conf.remotes().get(0).certificate(), "inherited from anonymous");
        assertEquals(8000, ((Remote.Selector.Address) grandchild.selector()).endpoint().port());
        assertEquals(60, grandchild.lifetimeSeconds());
        // racoon inserts the child's proposal into the parent's list: rsasig first, then the new psk one
        assertEquals(List.of(Algorithms.AuthMethod.RSASIG, Algorithms.AuthMethod.PRE_SHARED_KEY),
                grandchild.proposals().stream().map(Proposal::authMethod).toList());
        assertTrue(grandchild.proposals().stream().allMatch(p -> p.lifetimeSeconds() == 60),
                "proposals without a lifetime take the remote's");
    }

    @Test
    void confInKeepsIpv6SainfoAndPfsGroupThree() throws Exception {
        RacoonConf conf = ConfigLoader.load(Shared.corpus().resolve("ipt082_racoon.conf.in")).config();
        Sainfo v6 = conf.sainfos().get(2);
        SainfoId.Address local = (SainfoId.Address) v6.local();
        assertEquals("::1", local.address().toString());
        assertEquals(128, local.prefix());
        assertEquals(58, local.protocol());
        assertEquals(Algorithms.DhGroup.EC2N155, v6.pfsGroup().orElseThrow());
        assertEquals(List.of(Algorithms.IpsecCipher.TRIPLE_DES, Algorithms.IpsecCipher.BLOWFISH, Algorithms.IpsecCipher.AES),
                v6.encryption().stream().map(Sainfo.Cipher::algorithm).toList());
        assertEquals(30, conf.timers().phase1Seconds());
        assertEquals(15, conf.timers().phase2Seconds());
        assertEquals(20, conf.timers().intervalSeconds());
        assertFalse(conf.padding().randomize());
    }
}
