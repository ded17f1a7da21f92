package org.jracoon.parser.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input ends in one clear FILE:LINE:COL error, never in an exception escaping the loader. */
class RobustnessTest {

    private static List<String> errors(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    }

    @Test
    void binaryGarbage(@TempDir Path dir) throws IOException {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = 'l';
        garbage[1] = 'o';
        garbage[2] = (byte) 0xff;
        Path file = dir.resolve("garbage.conf");
        Files.write(file, garbage);
        assertEquals(List.of(file + ":1:3: not a text file: byte 0xff is not valid UTF-8"), errors(file));
    }

    @Test
    void controlBytesThatAreValidUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nul.conf");
        Files.write(file, new byte[] {'l', 'o', 'g', ' ', 0, ';'});
        assertEquals(List.of(file + ":1:5: not a text file: a NUL character (U+0000)"), errors(file));
    }

    @Test
    void nulInsideAStringNeverReachesAFileName(@TempDir Path dir) throws IOException {
        // found by ConfigLoaderFuzzTest: the include's name went to Path.of, which threw
        Path file = dir.resolve("include-nul.conf");
        Files.writeString(file, "path include \"/etc/racoon\";\ninclude \"@sys\0conf@/racoon\";\n");
        assertEquals(List.of(file + ":2:14: not a text file: a NUL character (U+0000)"), errors(file));
    }

    @Test
    void tenMegabyteFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.conf");
        byte[] tenMb = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMb, (byte) '#');
        Files.write(file, tenMb);
        assertEquals(List.of(file + ":1:1: file is 10485760 bytes, larger than the 8388608 bytes accepted for a configuration file"),
                errors(file));
    }

    @Test
    void includeLoopIsNamed(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.conf");
        Path b = dir.resolve("b.conf");
        Files.writeString(a, "path include \"" + dir + "\";\ninclude \"b.conf\";\n");
        Files.writeString(b, "log debug;\ninclude \"a.conf\";\n");
        assertEquals(List.of(b + ":2:9: include \"a.conf\": include loop, " + a + " is already being read"), errors(a));
    }

    @Test
    void includeNestingIsLimited(@TempDir Path dir) throws IOException {
        // distinct files, so this is depth and not a loop
        for (int i = 0; i < 12; i++) {
            Files.writeString(dir.resolve("n" + i + ".conf"), "include \"" + dir.resolve("n" + (i + 1) + ".conf") + "\";\n");
        }
        Files.writeString(dir.resolve("n12.conf"), "log debug;\n");
        assertEquals(List.of(dir.resolve("n9.conf") + ":1:9: include \"" + dir.resolve("n10.conf")
                + "\": includes nested deeper than 10 levels"), errors(dir.resolve("n0.conf")));
    }

    @Test
    void unterminatedStringAndBlock(@TempDir Path dir) throws IOException {
        Path string = dir.resolve("string.conf");
        Files.writeString(string, "path certificate \"/etc/cert;\nremote anonymous {\n");
        assertEquals(List.of(string + ":1:18: unterminated string: no closing '\"' before the end of the file"), errors(string));
        Path block = dir.resolve("block.conf");
        Files.writeString(block, "log info;\nsainfo anonymous {\n\tencryption_algorithm aes;\n");
        assertEquals(List.of(block + ":4:1: unexpected end of file: the 'sainfo' block opened at 2:1 is not closed (missing '}')"),
                errors(block));
    }

    @Test
    void errorInIncludedFileNamesThatFile(@TempDir Path dir) throws IOException {
        Path main = dir.resolve("racoon.conf");
        Path extra = dir.resolve("extra.conf");
        Files.writeString(main, "path include \"" + dir + "\";\ninclude \"extra.conf\";\n");
        Files.writeString(extra, "log verbose;\n");
        assertEquals(List.of(extra + ":1:5: unknown keyword 'verbose' at top level: expected 'error', 'warning', 'notify', 'info', 'debug' or 'debug2'"),
                errors(main));
    }

    @Test
    void globIncludeRelativeToPathIncludeInSortedOrder(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("peers"));
        Files.writeString(dir.resolve("peers/20-b.conf"), remote("10.0.0.2"));
        Files.writeString(dir.resolve("peers/10-a.conf"), remote("10.0.0.1"));
        Files.writeString(dir.resolve("peers/notes.txt"), "not a config");
        Path main = dir.resolve("racoon.conf");
        Files.writeString(main, "path include \"" + dir + "\";\ninclude \"peers/*.conf\";\n");
        RacoonConf conf = ConfigLoader.load(main).config();
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), conf.remotes().stream().map(Remote::label).toList());
        assertEquals(conf, ConfigLoader.parse(ConfigPrinter.print(conf), "dump").config(), "includes are expanded in the dump");
    }

    @Test
    void globMatchingNothingIsAnError(@TempDir Path dir) throws IOException {
        Path main = dir.resolve("racoon.conf");
        Files.writeString(main, "path include \"" + dir + "\";\ninclude \"peers/*.conf\";\n");
        List<String> errors = errors(main);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith(main + ":2:9: include \"peers/*.conf\": no file matches"), errors.get(0));
    }

    static String remote(String address) {
        return "remote " + address + " { exchange_mode main; proposal { encryption_algorithm aes; hash_algorithm sha1;"
                + " authentication_method pre_shared_key; dh_group 2; } }\n";
    }
}
