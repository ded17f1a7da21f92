package org.jracoon.testbeds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jracoon.crypto.openssl.CryptoProviders;
import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.daemon.config.UnsupportedConfigException;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.parser.conf.ConfigException;
import org.jracoon.parser.conf.ConfigLoader;
import org.jracoon.parser.psk.PskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's warm-up in its own process: the bench's PSK pair of configs completes Main Modes. */
class SelfWarmupTest {

    @TempDir
    Path dir;

    @Test
    void thePskInitiatorAndResponderOfTheBenchCompleteEveryMainMode()
            throws IOException, ConfigException, UnsupportedConfigException, PskException {
        Path psk = dir.resolve("psk.txt");
        Files.writeString(psk, "192.168.7.1\tkey-0123456789\n192.168.7.2\tkey-0123456789\n");
        Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-------"));
        CryptoProvider crypto = CryptoProviders.auto();
        NegotiatorConfig initiator = config("initiator", crypto);
        NegotiatorConfig responder = config("responder", crypto);
        SecureRandomSource random = new SecureRandomSource();
        SelfWarmup warmup = new SelfWarmup(initiator, responder, InetAddress.getByName("192.168.7.1"),
                InetAddress.getByName("192.168.7.2"), random, LoadGenerator.reused(crypto));
        assertEquals(5, warmup.run(5));
    }

    private NegotiatorConfig config(String side, CryptoProvider crypto)
            throws IOException, ConfigException, UnsupportedConfigException, PskException {
        Path conf = dir.resolve(side + ".conf");
        Files.writeString(conf, Files.readString(Path.of("bench-conf/psk/" + side + ".conf"))
                .replace("@DIR@", dir.toString()));
        return NegotiatorConfig.load(ConfigLoader.load(conf), conf, crypto);
    }
}
