package org.jracoon.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** racoon --check-config over the corpus: what ipsec-tools accepts passes, the file it rejects fails precisely. */
class CorpusCheckConfigTest {

    private static final String REJECTED = "rdratlos_roadwarrior_server_racoon.conf";

    static Path corpus() {
        return Path.of(System.getProperty("jracoon.shared"), "corpus/racoon-samples");
    }

    static Stream<String> accepted() throws IOException {
        return Files.readAllLines(corpus().resolve("SOURCES.tsv")).stream().skip(1)
                .map(l -> l.split("\t"))
                .filter(cols -> cols[4].equals("racoon.conf") && !cols[0].equals(REJECTED))
                .map(cols -> cols[0]);
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptedFilePassesCheckConfig(String name) {
        Path file = corpus().resolve(name);
        RacoonMainTest.Run run = RacoonMainTest.run("--check-config", "-f", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith(file + ": configuration OK: "), run.out());
        // the samples name certificates and keys that are not on this machine: warnings only
        assertTrue(run.errLines().stream().allMatch(l -> l.startsWith(file + ":") && l.contains(": warning: ")), run.err());
    }

    @Test
    void numberedFilesAreASeriesNotTypos() {
        Path file = corpus().resolve("ipt082_racoon.conf.sample-plainrsa");
        RacoonMainTest.Run run = RacoonMainTest.run("--check-config", "-f", file.toString());
        assertEquals(List.of(file + ":22:29: warning: private key samples/privatekey.rsa does not exist",
                file + ":25:27: warning: peer certificate samples/pubkey1.rsa does not exist",
                file + ":26:27: warning: peer certificate samples/pubkey2.rsa does not exist"), run.errLines());
    }

    @Test
    void rejectedFileFailsWithOnePreciseLine() {
        Path file = corpus().resolve(REJECTED);
        RacoonMainTest.Run run = RacoonMainTest.run("--check-config", "-f", file.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of(file + ":226:1: unknown keyword 'ldap_cfg' at top level (did you mean 'ldapcfg'?)",
                "racoon: " + file + ": configuration rejected"), run.errLines());
    }
}
