package org.jracoon.parser.psk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PskFileTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A private copy with racoon's required mode: the corpus files are world-readable. */
    private static Path privateCopy(Path source, Path dir) throws IOException {
        Path copy = dir.resolve(source.getFileName());
        Files.copy(source, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        return copy;
    }

    @Test
    void everyCorpusPskFileLoads(@TempDir Path dir) throws Exception {
        Path corpus = Path.of(System.getProperty("jracoon.shared"), "corpus/racoon-samples");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.getFileName().toString().contains("psk.txt")).sorted().toList();
        }
        assertEquals(3, files.size());
        for (Path f : files) {
            PskFile psk = PskFile.load(privateCopy(f, dir));
            if (f.getFileName().toString().equals("ipt082_psk.txt.sample")) {
                assertEquals(7, psk.entries().size());
                assertArrayEquals(new byte[] {0x12, 0x34, 0x56, 0x78}, psk.lookup("172.16.1.133").orElseThrow());
                assertArrayEquals(bytes("hoge"), psk.lookup("foo.kame.net").orElseThrow());
                assertArrayEquals(bytes("mekmitasdigoat"),
                        psk.lookup(InetAddress.getByName("3ffe:501:410:ffff:200:86ff:fe05:80fa")).orElseThrow());
            }
            if (f.getFileName().toString().equals("ipt082_psk.txt.in")) {
                assertArrayEquals(bytes("hoge"), psk.lookup("kame").orElseThrow(), "several tabs before the key");
            }
            if (f.getFileName().toString().equals("rdratlos_psk.txt.example")) {
                assertEquals(0, psk.entries().size(), "every example line is commented out");
            }
        }
    }

    @Test
    void keyIsEverythingAfterTheFirstWhiteSpace() throws Exception {
        PskFile psk = PskFile.parse(bytes("# comment\nalice@example.com \t correct horse  battery \r\n\nbob\n"), "psk.txt");
        assertArrayEquals(bytes("correct horse  battery \r"), psk.lookup("alice@example.com").orElseThrow());
        assertTrue(psk.lookup("bob").isEmpty(), "a line without a key is skipped, as racoon does");
        assertTrue(psk.lookup("Alice@example.com").isEmpty(), "no case folding");
    }

    @Test
    void wildcardMatchesAnyPeerInFileOrder() throws Exception {
        PskFile psk = PskFile.parse(bytes("10.0.0.1 first\n* everyone\n10.0.0.2 never\n"), "psk.txt");
        assertArrayEquals(bytes("first"), psk.lookup(InetAddress.getByName("10.0.0.1")).orElseThrow());
        assertArrayEquals(bytes("everyone"), psk.lookup(InetAddress.getByName("10.0.0.2")).orElseThrow());
        assertArrayEquals(bytes("everyone"), psk.lookup("roadwarrior@example.com").orElseThrow());
    }

    @Test
    void badHexKeyNamesTheLine() {
        PskException e = assertThrows(PskException.class, () -> PskFile.parse(bytes("a b\nhost 0x12345\n"), "psk.txt"));
        assertEquals("psk.txt:2:6: key starts with 0x but is not an even number of hex digits", e.getMessage());
    }

    @Test
    void overlongLineIsRefused() {
        PskException e = assertThrows(PskException.class, () -> PskFile.parse(bytes("host " + "k".repeat(1100) + "\n"), "psk.txt"));
        assertEquals("psk.txt:1:1: line is longer than 1023 bytes", e.getMessage());
    }

    @Test
    void fileReadableByOthersIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path psk = dir.resolve("psk.txt");
        Files.writeString(psk, "10.0.0.1 secret\n");
        Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-r-----"));
        PskException e = assertThrows(PskException.class, () -> PskFile.load(psk));
        assertEquals(psk + ": pre-shared key file refused: it is readable by group (mode 0640; fix: chmod 600 " + psk + ")",
                e.getMessage());
    }

    @Test
    void fileOwnedByAnotherUserIsRefused(@TempDir Path dir) throws Exception {
        Path psk = dir.resolve("psk.txt");
        Files.writeString(psk, "10.0.0.1 secret\n");
        Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-------"));
        java.nio.file.attribute.UserPrincipal nobody;
        try {
            nobody = psk.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(psk, nobody);
        } catch (IOException notRoot) {
            org.junit.jupiter.api.Assumptions.abort("changing a file's owner needs root: " + notRoot.getMessage());
            return;
        }
        PskException e = assertThrows(PskException.class, () -> PskFile.load(psk));
        assertTrue(e.getMessage().startsWith(psk + ": pre-shared key file refused: it is owned by nobody, not by root or "),
                e.getMessage());
    }
}
