package org.jracoon.crypto.openssl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.crypto.Signer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No native memory is lost: 100 000 of each operation, and the native memory in use (glibc's
 * malloc counters, where libcrypto allocates) and the RSS before and after, printed. A warm-up
 * round first, so that lazily made tables and the JIT's own allocations are counted before.
 * Tagged "bench": it takes a few minutes, so it runs with
 * {@code mvn -B -q -Pbench -pl crypto-openssl -am test -Dtest=NativeMemoryTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class NativeMemoryTest {

    private static final int ROUNDS = 100_000;
    /**
     * The smallest object a round could leak, a BIGNUM with a 128-byte value, takes about 170
     * bytes of heap: 17 MB over the run. The JVM's own malloc traffic moved the count by up to
     * 2.5 MB either way in runs without any leak.
     */
    private static final long TOLERANCE = 8L << 20;

    private final OpenSslCryptoProvider openssl = OpenSslCryptoProvider.load();
    private final RandomSource random = new SecureRandomSource();

    @Test
    void keyPairsAndAgreements() throws IOException {
        ModpGroup group = ModpGroup.MODP_1024;
        byte[] peer = group.generateShortKeyPair(random).publicValue();
        check("DH key pair + g^xy, MODP-1024", () -> {
            DhKeyPair pair = group.generateShortKeyPair(random, openssl);
            pair.agree(peer);
        });
    }

    /** Signatures with one signer; a 1024-bit key keeps the run short, the calls are the same. */
    @Test
    void signatures() throws IOException, GeneralSecurityException {
        Signer signer = openssl.rsaSigner(rsaKey(1024));
        byte[] hash = new byte[20];
        check("RSA sign", () -> signer.sign(hash));
    }

    /** A signer made, used once and dropped each round: the cleaner frees each native key. */
    @Test
    void signersMadeAndDropped() throws IOException, GeneralSecurityException {
        PrivateKey key = rsaKey(1024);
        byte[] hash = new byte[20];
        check("RSA signer made, used, dropped", () -> openssl.rsaSigner(key).sign(hash));
    }

    private static PrivateKey rsaKey(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair().getPrivate();
    }

    private void check(String what, Runnable round) throws IOException {
        for (int i = 0; i < ROUNDS / 10; i++) {
            round.run();
        }
        Usage before = Usage.now();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        Usage after = Usage.now();
        long grown = after.mallocInUse - before.mallocInUse;
        System.out.printf("%s, %d rounds: malloc in use %d -> %d KiB (%+d B a round), RSS %d -> %d KiB%n", what,
                ROUNDS, before.mallocInUse >> 10, after.mallocInUse >> 10, grown / ROUNDS, before.rss >> 10,
                after.rss >> 10);
        assertTrue(grown < TOLERANCE, what + ": native memory in use grew by " + grown + " bytes");
    }

    /** Native memory in use after a full GC (which also runs the signers' cleaners), and the RSS. */
    private record Usage(long mallocInUse, long rss) {

        static Usage now() throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                try {
                    // the cleaner thread frees what the collection found unreachable
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            MallInfo2 info = LibC.mallinfo2();
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            long rss = status.stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) << 10).findFirst().orElse(-1);
            // uordblks: allocated from the heaps; hblkhd: allocated by mmap (large blocks)
            return new Usage(info.uordblks + info.hblkhd, rss);
        }
    }

    /** glibc's struct mallinfo2 (glibc 2.33 and later): every field a size_t. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    private static final class LibC {
        static {
            Native.register(LibC.class, "c");
        }

        static native MallInfo2 mallinfo2();
    }
}
