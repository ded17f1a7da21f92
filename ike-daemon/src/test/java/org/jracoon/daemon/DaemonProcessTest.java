package org.jracoon.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * racoon as a process: a dry run starts, says which crypto provider it runs with (by default
 * libcrypto, which this machine has), serves, and ends with status 0 on SIGTERM and on SIGINT.
 */
class DaemonProcessTest {

    @Test
    void dryRunStopsCleanlyOnSigtermAndSigint(@TempDir Path dir) throws Exception {
        Path psk = RacoonMainTest.pskFile(dir, "127.0.0.8\tsecret\n", "rw-------");
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, "path pre_shared_key \"" + psk + "\";\n"
                + "listen { isakmp 127.0.0.7 [50500]; }\n"
                + "remote 127.0.0.8 { exchange_mode main; proposal { encryption_algorithm aes;"
                + " hash_algorithm sha1; authentication_method pre_shared_key; dh_group modp1024; } }\n");
        for (String signal : List.of("TERM", "INT")) {
            Path log = dir.resolve("racoon-" + signal + ".log");
            Process p = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                    RacoonMain.class.getName(), "-F", "-f", conf.toString(), "--dry-run", "-l", log.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out-" + signal).toFile()).start();
            for (int i = 0; i < 300 && !(Files.exists(log) && Files.readString(log).contains("racoon started"));
                    i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log).contains("listening on [/127.0.0.7:50500]"), Files.readString(log));
            assertTrue(Files.readString(log).contains("crypto: openssl (OpenSSL 3."), Files.readString(log));
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "racoon did not stop on SIG" + signal);
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out-" + signal)));
            assertTrue(Files.readString(log).contains("racoon stopping"), Files.readString(log));
        }
    }
}
