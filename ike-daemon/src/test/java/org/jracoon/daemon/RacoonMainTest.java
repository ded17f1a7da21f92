package org.jracoon.daemon;

import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.conf.RacoonConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** racoon's command line: --check-config, --dump-config, racoon(8)'s flags, and no stack traces. */
class RacoonMainTest {

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RacoonMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        Run run = new Run(exit, out.toString(), err.toString());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace: " + run.err());
        return run;
    }

    /** A psk.txt in {@code dir} with these contents and permissions ("rw-------"). */
    static Path pskFile(Path dir, String content, String permissions) throws IOException {
        Path psk = dir.resolve("psk.txt");
        Files.writeString(psk, content);
        Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString(permissions));
        return psk;
    }

    static Path example(String name) {
        return Path.of(System.getProperty("jracoon.root"), "examples", name, "racoon.conf");
    }

    @Test
    void guideGatewayChecksWithTheKeyFileTypoAsWarning() {
        Path conf = example("gw-hq");
        Run run = run("--check-config", "-f", conf.toString());
        assertEquals(0, run.exit());
        assertEquals(conf + ": configuration OK: 1 remote (1 anonymous), 1 proposal, 1 sainfo; 2 warnings\n", run.out());
        assertEquals(List.of(
                conf + ":12:25: warning: certificate /etc/cert/ipsec_gwhq_cert.pem does not exist",
                conf + ":12:47: warning: private key /etc/cert/ipsec_gqhq_key.pem does not exist"
                        + " (its name has 'gqhq' where certificate ipsec_gwhq_cert.pem has 'gwhq': a typo?)"),
                run.errLines());
    }

    @Test
    void keyFileTypoIsNamedWhenTheDirectoryHasTheRightFile(@TempDir Path dir) throws IOException {
        for (String f : List.of("ipsec_gwhq_cert.pem", "ipsec_gwhq_key.pem")) {
            Files.writeString(dir.resolve(f), "x");
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-------"));
        }
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, Files.readString(example("gw-hq")).replace("\"/etc/cert\"", "\"" + dir + "\""));
        Run run = run("--check-config", "-f", conf.toString());
        assertEquals(0, run.exit());
        assertEquals(List.of(conf + ":12:47: warning: private key " + dir + "/ipsec_gqhq_key.pem does not exist"
                + " (did you mean ipsec_gwhq_key.pem?)"), run.errLines());
    }

    @Test
    void guideRoamingHostChecksClean() {
        Run run = run("--check-config", "-f", example("astro").toString());
        assertEquals(0, run.exit());
        assertTrue(run.out().endsWith("configuration OK: 1 remote (1 anonymous), 1 proposal, 1 sainfo; 2 warnings\n"), run.out());
    }

    @Test
    void dumpConfigParsesBackToTheSameModel() throws Exception {
        Path conf = example("gw-hq");
        Run run = run("--dump-config", "-f", conf.toString());
        assertEquals(0, run.exit());
        RacoonConf dumped = ConfigLoader.parse(run.out(), "dump").config();
        assertEquals(ConfigLoader.load(conf).config(), dumped);
        assertTrue(run.out().contains("\tgenerate_policy require;\n"), run.out());
        assertEquals(run.out(), run("-C", "-f", conf.toString()).out(), "-C is racoon's spelling of --dump-config");
    }

    @Test
    void invalidFileExitsOneWithOneLinePerProblem(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, """
                remote anonymous {
                	exchange_mode main;
                	passive yes;
                	lifetime byte 10 MB;
                	proposal { encryption_algorithm 3des; hash_algorithm sha1; authentication_method pre_shared_key; dh_group 2; }
                }
                sainfo anonymous {
                	encryption_algorithm aes;
                	authentication_algorithm hmac_sha1;
                }
                """);
        Run run = run("--check-config", "-f", conf.toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of(
                conf + ":3:10: 'yes' is not a switch value: racoon takes 'on' or 'off' (did you mean 'on'?)",
                conf + ":4:11: byte lifetime support is deprecated in Phase1: use 'lifetime time N unit;'",
                conf + ":7:1: no compression_algorithm in sainfo anonymous (racoon requires one even without IPComp: add 'compression_algorithm deflate;')",
                "racoon: " + conf + ": configuration rejected"), run.errLines());
    }

    @Test
    void unsafePskFileIsAWarning(@TempDir Path dir) throws IOException {
        Path psk = pskFile(dir, "10.0.0.1 secret\n", "rw-r--r--");
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, "path pre_shared_key \"" + psk + "\";\n");
        Run run = run("--check-config", "-f", conf.toString());
        assertEquals(0, run.exit());
        assertEquals(List.of(conf + ":1:21: warning: " + psk + ": pre-shared key file refused: it is readable by"
                + " group and others (mode 0644; fix: chmod 600 " + psk + ")"), run.errLines());
    }

    @Test
    void theDaemonRefusesAnUnsafePskFileWithRacoonsReason(@TempDir Path dir) throws IOException {
        Path psk = pskFile(dir, "10.0.0.1 secret\n", "rw-r-----");
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, "path pre_shared_key \"" + psk + "\";\n");
        Run run = run("--dry-run", "-f", conf.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of(conf + ":1:21: warning: " + psk + ": pre-shared key file refused: it is readable by"
                        + " group (mode 0640; fix: chmod 600 " + psk + ")",
                "racoon: " + psk + ": pre-shared key file refused: it is readable by group (mode 0640; fix: chmod 600 "
                        + psk + ")",
                "racoon: " + conf + ": not started"), run.errLines());
    }

    @Test
    void privateKeyReadableByOthersIsAWarning(@TempDir Path dir) throws IOException {
        Path cert = dir.resolve("gw.pem");
        Path key = dir.resolve("gw.key");
        Files.writeString(cert, "x");
        Files.writeString(key, "x");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
        Path conf = dir.resolve("racoon.conf");
        Files.writeString(conf, "path certificate \"" + dir + "\";\nremote anonymous {\n\texchange_mode main;\n"
                + "\tcertificate_type x509 \"gw.pem\" \"gw.key\";\n\tmy_identifier asn1dn;\n"
                + "\tproposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method rsasig; dh_group 14; }\n}\n");
        Run run = run("--check-config", "-f", conf.toString());
        assertEquals(0, run.exit());
        assertEquals(List.of(conf + ":4:33: warning: private key " + key + " is unsafe: it is readable by others"
                + " (mode 0604; fix: chmod 600 " + key + ")"), run.errLines());
    }

    @Test
    void missingConfigFileIsOneLine() {
        Run run = run("--check-config", "-f", "/nonexistent/racoon.conf");
        assertEquals(1, run.exit());
        assertEquals(List.of("/nonexistent/racoon.conf:1:1: cannot read the file: it does not exist",
                "racoon: /nonexistent/racoon.conf: configuration rejected"), run.errLines());
    }

    @Test
    void racoonFlagsAreAccepted() {
        Run run = run("-F", "-d", "-d", "-v", "-L", "-4", "-p", "500", "-P", "4500", "-l", "/tmp/racoon.log",
                "--check-config", "-f", example("astro").toString());
        assertEquals(0, run.exit());
    }

    @Test
    void theGuideCertificateConfigDoesNotStartWithoutItsCertificate() {
        Path conf = example("astro");
        Run run = run("--dry-run", "-f", conf.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of("racoon: remote anonymous: /etc/cert/ipsec_astro_cert.pem: no such file",
                "racoon: " + conf + ": not started"), run.errLines().subList(2, 4));
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertEquals(2, run("--bogus").exit());
        Run port = run("-p", "99999", "--check-config");
        assertEquals(2, port.exit());
        assertTrue(port.err().startsWith("-p: port 99999 is out of range (1 to 65535)"), port.err());
        assertEquals(2, run("-4", "-6", "--check-config").exit());
        assertEquals(2, run("-p", "abc").exit());
        Run kernel = run("--kernel", "netkey", "--check-config", "-f", example("astro").toString());
        assertEquals(2, kernel.exit());
        assertTrue(kernel.err().startsWith("--kernel: unknown kernel interface 'netkey' (auto, pfkey or xfrm)\n"),
                kernel.err());
        Run crypto = run("--crypto", "gnutls", "--check-config", "-f", example("astro").toString());
        assertEquals(2, crypto.exit());
        assertTrue(crypto.err().startsWith("--crypto: 'gnutls' is not one of java|openssl|auto\n"), crypto.err());
        // the message and where to look, not the whole usage burying it
        assertEquals(List.of("--crypto: 'gnutls' is not one of java|openssl|auto", "(racoon -h lists the options)"),
                crypto.errLines());
    }

    @Test
    void theCryptoProviderIsChosenOnTheCommandLine() {
        assertEquals(0, run("--crypto", "java", "--check-config", "-f", example("astro").toString()).exit());
        assertEquals(0, run("--crypto", "openssl", "--check-config", "-f", example("astro").toString()).exit());
        assertTrue(run("--help").out().contains("--crypto=java|openssl|auto"), run("--help").out());
    }

    @Test
    void theKernelInterfaceIsChosenOnTheCommandLine() {
        assertEquals(0, run("--kernel", "xfrm", "--check-config", "-f", example("astro").toString()).exit());
        assertEquals(0, run("--kernel", "pfkey", "--check-config", "-f", example("astro").toString()).exit());
        assertTrue(run("--help").out().contains("--kernel=auto|pfkey|xfrm"), run("--help").out());
    }

    @Test
    void versionFlag() {
        Run run = run("-V");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("jracoon "), run.out());
    }
}
