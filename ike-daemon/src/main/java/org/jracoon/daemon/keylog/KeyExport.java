package org.jracoon.daemon.keylog;

import java.io.IOException;
import java.io.Writer;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.sa.Cookies;
import org.jracoon.ike.sa.IsakmpSa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends SA keys to a file in Wireshark's user-table formats, one line per key, each line a
 * complete {@code tshark -o} argument (so {@code tshark $(sed 's/^/-o /' FILE) ...} decrypts):
 * <pre>
 *   uat:ikev1_decryption_table:CKY-I,Ka
 *   uat:esp_sa:"IPv4","SRC","DST","0xSPI","ENCRYPTION","0xKEY","AUTHENTICATION","0xKEY"
 * </pre>
 * CKY-I is the initiator cookie and Ka the ISAKMP SA's encryption key (RFC 2409 appendix B),
 * both in hex; the esp_sa fields are those of Wireshark's ESP preferences. For Wireshark
 * itself, the part after the second colon is the line its {@code ikev1_decryption_table} or
 * {@code esp_sa} file takes. The file is created readable by its owner only: it holds keys.
 */
public final class KeyExport implements AutoCloseable {

    private static final Logger CTL = LoggerFactory.getLogger("ike.ctl");
    private static final HexFormat HEX = HexFormat.of();
    /** Wireshark's names (packet-esp.c); an algorithm it cannot decrypt is exported as it is not. */
    private static final Map<SaEncryption, String> ENCRYPTION = Map.of(SaEncryption.NULL, "NULL",
            SaEncryption.DES_CBC, "DES-CBC [RFC2405]", SaEncryption.DES3_CBC, "TripleDES-CBC [RFC2451]",
            SaEncryption.AES_CBC, "AES-CBC [RFC3602]", SaEncryption.AES_CTR, "AES-CTR [RFC3686]",
            SaEncryption.CAST128_CBC, "CAST5-CBC [RFC2144]", SaEncryption.BLOWFISH_CBC, "BLOWFISH-CBC [RFC2451]");
    private static final Map<SaIntegrity, String> INTEGRITY = Map.of(SaIntegrity.NONE, "NULL",
            SaIntegrity.NULL, "NULL", SaIntegrity.HMAC_MD5, "HMAC-MD5-96 [RFC2403]",
            SaIntegrity.HMAC_SHA1, "HMAC-SHA-1-96 [RFC2404]", SaIntegrity.HMAC_SHA2_256, "HMAC-SHA-256-128 [RFC4868]",
            SaIntegrity.HMAC_SHA2_384, "HMAC-SHA-384-192 [RFC4868]",
            SaIntegrity.HMAC_SHA2_512, "HMAC-SHA-512-256 [RFC4868]");

    private final Path file;
    private final Writer out;

    private KeyExport(Path file, Writer out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it with mode 0600. */
    public static KeyExport open(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return new KeyExport(file, Files.newBufferedWriter(file, StandardCharsets.US_ASCII,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new IOException("--export-keys " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exports each ISAKMP SA's keys as soon as it is established; the engine is asked on its own
     * thread (the listener runs there).
     */
    public void follow(Daemon daemon) {
        daemon.addEventListener(event -> {
            if (event instanceof EngineEvent.Phase1Established up) {
                try {
                    daemon.onEngine(engine -> engine.isakmpSas().stream()
                            .filter(sa -> sa.cookies().equals(up.cookies())).findFirst().flatMap(IsakmpSa::keys))
                            .ifPresent(k -> isakmp(up.cookies(), k.encryptionKey().extract()));
                } catch (IOException e) {
                    CTL.warn("--export-keys: {}", e.getMessage());
                }
            }
        });
    }

    /** The keys of an ISAKMP SA once established. */
    public void isakmp(Cookies cookies, byte[] encryptionKey) {
        write(String.format("uat:ikev1_decryption_table:%016x,%s", cookies.initiator(), HEX.formatHex(encryptionKey)));
    }

    /** The keys of an ESP SA as installed; AH carries nothing to decrypt. */
    public void sa(SaSpec sa) {
        if (sa.id().protocol() != IpsecProtocol.ESP) {
            return;
        }
        Optional<String> encryption = Optional.ofNullable(ENCRYPTION.get(sa.encryption()));
        Optional<String> integrity = Optional.ofNullable(INTEGRITY.get(sa.integrity()));
        if (encryption.isEmpty() || integrity.isEmpty()) {
            CTL.info("--export-keys: {} uses {}/{}, which Wireshark does not decrypt; not exported", sa.id(),
                    sa.encryption(), sa.integrity());
            return;
        }
        write(String.format("uat:esp_sa:\"%s\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"%s\",\"%s\",\"%s\"",
                sa.id().source() instanceof Inet4Address ? "IPv4" : "IPv6", sa.id().source().getHostAddress(),
                sa.id().destination().getHostAddress(), sa.id().spi(), encryption.get(), hexKey(sa.encryptionKey().bytes()),
                integrity.get(), hexKey(sa.integrityKey().bytes())));
    }

    private static String hexKey(byte[] key) {
        return key.length == 0 ? "" : "0x" + HEX.formatHex(key);
    }

    private synchronized void write(String line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            CTL.warn("--export-keys {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            CTL.warn("--export-keys {}: {}", file, e.getMessage());
        }
    }
}
