package org.jracoon.parser.conf;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Randomly damaged corpus files (fixed seed): every outcome is a model or a ConfigException whose
 * errors are FILE:LINE:COL lines; no other exception may escape the loader.
 */
class MutationTest {

    private static final int MUTANTS_PER_FILE = 300;
    private static final String[] INSERTS = {"{", "}", ";", "\"", "#", "/", "[", "]", ",", "-", " ", "\n", "remote",
        "sainfo", "proposal", "anonymous", "inherit", "on", "yes", "0", "99999999999", "10.0.0.1", "::", "aes 999",
        "include \"x\";", "\u0000", "\u00e9"};

    @Test
    void damagedCorpusFilesNeverEscapeAsOtherExceptions() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Shared.corpus())) {
            files = s.filter(p -> p.getFileName().toString().contains("racoon.conf")).sorted().toList();
        }
        Random random = new Random(20260226);
        int rejected = 0;
        int total = 0;
        for (Path file : files) {
            String original = Files.readString(file);
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                String mutant = mutate(original, random);
                total++;
                try {
                    ConfigLoader.parse(mutant, "mutant.conf");
                } catch (ConfigException e) {
                    rejected++;
                    assertTrue(e.diagnostics().stream().anyMatch(Diagnostic::isError));
                    for (Diagnostic d : e.diagnostics()) {
                        assertEquals("mutant.conf", d.file(), d.toString());
                        assertTrue(d.line() >= 1 && d.column() >= 1, d.toString());
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    fail("mutant of " + file.getFileName() + " escaped as " + e + ":\n" + mutant, e);
                }
            }
        }
        assertTrue(rejected > total / 2, "most mutants are rejected: " + rejected + " of " + total);
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(20)));
                case 1 -> b.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                default -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString();
    }
}
