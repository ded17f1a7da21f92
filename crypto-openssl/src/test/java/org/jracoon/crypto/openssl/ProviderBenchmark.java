package org.jracoon.crypto.openssl;

import java.math.BigInteger;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.TestPki;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhKeyPair;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RandomSource;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.crypto.Signer;
import org.jracoon.ike.crypto.Verifier;
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
 * What a responder's Main Mode costs in big-number work, per provider: the DH key pair and
 * g^xy with the short private values the daemon's key pool makes, and the RSA-2048 signature
 * (moon's key of the strongSwan test PKI). Beside them, two figures behind decisions: verifying
 * the peer's RSA signature, which stays with Bouncy Castle, and Bouncy Castle's subgroup test
 * on a peer's DH value, which was dropped. Run by {@link ProviderBenchmarkTest}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderBenchmark {

    /** A provider with a group, a key pair of ours and a peer's public value. */
    @State(Scope.Benchmark)
    public static class Dh {

        @Param({"java", "openssl"})
        public String provider;

        @Param({"MODP_1024", "MODP_2048"})
        public ModpGroup group;

        final RandomSource random = new SecureRandomSource();
        CryptoProvider crypto;
        DhKeyPair mine;
        byte[] peerPublicValue;

        @Setup(Level.Trial)
        public void setUp() {
            crypto = provider(provider);
            mine = group.generateShortKeyPair(random, crypto);
            peerPublicValue = group.generateShortKeyPair(random).publicValue();
        }
    }

    /** A provider's signer for moon's RSA-2048 key, and a SHA-1 HASH_R to sign. */
    @State(Scope.Benchmark)
    public static class Rsa {

        @Param({"java", "openssl"})
        public String provider;

        Signer signer;
        final byte[] hash = HashAlgorithm.SHA1.digest("HASH_R".getBytes());

        @Setup(Level.Trial)
        public void setUp() {
            signer = TestPki.credentials("moon", provider(provider)).signer();
        }
    }

    /** What the responder checks: the initiator's signature with the key of its certificate. */
    @State(Scope.Benchmark)
    public static class PeerSignature {

        PublicKey key;
        final byte[] hash = HashAlgorithm.SHA1.digest("HASH_I".getBytes());
        byte[] signature;

        @Setup(Level.Trial)
        public void setUp() {
            LocalCredentials moon = TestPki.credentials("moon");
            key = moon.certificate().getPublicKey();
            signature = moon.sign(hash);
        }
    }

    /** A peer's MODP-1024 public value, for Bouncy Castle's subgroup test. */
    @State(Scope.Benchmark)
    public static class PeerValue {

        final DHParameters parameters = DHStandardGroups.rfc2409_1024;
        BigInteger y;

        @Setup(Level.Trial)
        public void setUp() {
            y = new BigInteger(1, ModpGroup.MODP_1024.generateKeyPair(new SecureRandomSource()).publicValue());
        }
    }

    static CryptoProvider provider(String name) {
        return name.equals("openssl") ? OpenSslCryptoProvider.load() : CryptoProvider.JAVA;
    }

    @Benchmark
    public DhKeyPair dhShortKeyPair(Dh state) {
        return state.group.generateShortKeyPair(state.random, state.crypto);
    }

    @Benchmark
    public Secret dhShortSharedSecret(Dh state) {
        return state.mine.agree(state.peerPublicValue);
    }

    @Benchmark
    public byte[] rsa2048Sign(Rsa state) {
        return state.signer.sign(state.hash);
    }

    /** As {@code RsaSignatures.verify} does it per negotiation: the verifier made from the key, then used once. */
    @Benchmark
    public boolean rsa2048VerifyJava(PeerSignature state) {
        Verifier verifier = RsaPkcs1.verifier(state.key);
        return verifier.verify(state.hash, state.signature);
    }

    /** The test {@code ModpKeyPair.agree} no longer makes (y in the order-q subgroup, by Legendre symbol). */
    @Benchmark
    public DHPublicKeyParameters modp1024SubgroupTestBc(PeerValue state) {
        return new DHPublicKeyParameters(state.y, state.parameters);
    }
}
