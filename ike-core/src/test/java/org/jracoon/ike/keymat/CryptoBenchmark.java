package org.jracoon.ike.keymat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.keymat.MessageProtection.DecryptedMessage;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the expensive steps of a negotiation cost: DH key generation and agreement per group
 * (full-length and short private values),
 * and decrypting the recorded Quick Mode message 1 (3DES, 248-byte body). Run by
 * {@link CryptoBenchmarkTest}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmark {

    /** One group with a key pair of ours and a public value of a peer. */
    @State(Scope.Benchmark)
    public static class Group {

        @Param({"MODP_768", "MODP_1024", "MODP_1536", "MODP_2048"})
        public ModpGroup group;

        final RandomSource random = new SecureRandomSource();
        DhKeyPair mine;
        DhKeyPair mineShort;
        byte[] peerPublicValue;

        @Setup(Level.Trial)
        public void setUp() {
            mine = group.generateKeyPair(random);
            mineShort = group.generateShortKeyPair(random);
            peerPublicValue = group.generateKeyPair(random).publicValue();
        }
    }

    /** The recorded ISAKMP SA after Main Mode, ready to decrypt QM1 again and again. */
    @State(Scope.Benchmark)
    public static class RecordedSa {

        MessageProtection protection;
        byte[] qm1;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            KatRecord kat = KatRecord.load();
            var prf = HashAlgorithm.SHA1.hmac();
            var cipher = EncryptionAlgorithm.TRIPLE_DES_CBC.cipher(0);
            Secret skeyid = IsakmpKeys.skeyidForPreSharedKey(prf, Secret.copyOf(kat.hex("psk")), kat.hex("ni_b"),
                    kat.hex("nr_b"));
            IsakmpKeys keys = IsakmpKeys.derive(prf, skeyid, Secret.copyOf(kat.hex("g_xy")), kat.hex("cky_i"),
                    kat.hex("cky_r"), cipher.keyLength());
            protection = MessageProtection.forIsakmpSa(cipher, keys.encryptionKey(), HashAlgorithm.SHA1,
                    kat.hex("g_xi"), kat.hex("g_xr"), Padding.RACOON_DEFAULT, new SecureRandomSource());
            protection.confirm(protection.decrypt(kat.packet(5)));
            protection.confirm(protection.decrypt(kat.packet(6)));
            qm1 = kat.packet(7);
        }
    }

    @Benchmark
    public DhKeyPair dhKeyGeneration(Group state) {
        return state.group.generateKeyPair(state.random);
    }

    @Benchmark
    public Secret dhSharedSecret(Group state) {
        return state.mine.agree(state.peerPublicValue);
    }

    /** With the short private value of RFC 3526 section 8, as the daemon's key pool makes them. */
    @Benchmark
    public DhKeyPair dhShortKeyGeneration(Group state) {
        return state.group.generateShortKeyPair(state.random);
    }

    @Benchmark
    public Secret dhShortSharedSecret(Group state) {
        return state.mineShort.agree(state.peerPublicValue);
    }

    /** Unconfirmed, so every call decrypts with the same Quick Mode IV, as the first QM1 does. */
    @Benchmark
    public DecryptedMessage decryptQuickMode1(RecordedSa state) {
        return state.protection.decrypt(state.qm1);
    }

    /** What a responder does with an arriving QM1 before checking HASH(1): decrypt, then decode. */
    @Benchmark
    public IsakmpMessage decryptAndDecodeQuickMode1(RecordedSa state) throws IsakmpProtocolException {
        byte[] plain = state.protection.decrypt(state.qm1).message();
        IsakmpHeader header = IsakmpMessage.decodeHeader(plain);
        return IsakmpMessage.decodeBody(header, plain, IsakmpHeader.LENGTH, plain.length - IsakmpHeader.LENGTH);
    }
}
