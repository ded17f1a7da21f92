package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.Inbound;
import org.jracoon.ike.exchange.Phase1Authenticator;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.SignaturePayload;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.Test;

/**
 * The authentication extension point carries RSA signatures through Main Mode: a minimal
 * authenticator with fixed key pairs (no certificates, which are another package's business)
 * negotiates between two engines, and a wrong key is refused.
 */
class SignatureExtensionTest {

    private static final Phase1Proposal RSA = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1,
            AuthMethod.RSA_SIGNATURE, ModpGroup.MODP_1024, 28800);

    /** SKEYID = prf(Ni_b | Nr_b, g^xy), the proof a SIG payload over HASH_I/HASH_R (RFC 2409 section 5.1). */
    private record KeyPairAuthenticator(KeyPair mine, PublicKey peers, String name) implements Phase1Authenticator {

        @Override
        public Optional<IdPayload> ownIdentity() {
            return Optional.of(IdPayload.ofFqdn(name));
        }

        @Override
        public Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
            return IsakmpKeys.skeyidForSignatures(prf, niB, nrB, gxy);
        }

        @Override
        public List<Payload> proof(byte[] ownHash) {
            return List.of(new SignaturePayload(Octets.of(RsaPkcs1.signer(mine.getPrivate()).sign(ownHash))));
        }

        @Override
        public void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException {
            SignaturePayload sig = in.message().first(SignaturePayload.class).orElseThrow(
                    () -> new IsakmpProtocolException(NotifyType.AUTHENTICATION_FAILED, "no SIG payload"));
            if (!RsaPkcs1.verifier(peers).verify(peerHash, sig.data().toByteArray())) {
                throw new IsakmpProtocolException(NotifyType.INVALID_SIGNATURE, "signature does not verify");
            }
            in.markAuthenticated();
        }
    }

    @Test
    void rsaSignaturesThroughTheAuthenticatorInterface() throws Exception {
        KeyPair a = rsa();
        KeyPair b = rsa();
        EnginePair pair = pair(authenticators(a, b.getPublic(), "a.example.org"),
                authenticators(b, a.getPublic(), "b.example.org"));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        KeyPair a = rsa();
        KeyPair b = rsa();
        KeyPair stranger = rsa();
        EnginePair pair = pair(authenticators(stranger, b.getPublic(), "a.example.org"),
                authenticators(b, a.getPublic(), "b.example.org"));
        try (LogCapture log = new LogCapture()) {
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            List<String> refusal = log.warnings("192.168.1.11[500]");
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("INVALID-SIGNATURE"), refusal.get(0));
            // B waits for a valid MM5 until its phase-1 timeout, without a second warning
            pair.runTimersOut();
            assertEquals(refusal, log.warnings("192.168.1.11[500]"));
            assertTrue(pair.b.engine.isakmpSas().isEmpty());
            assertTrue(pair.b.kernel.installed().isEmpty());
        }
    }

    private static EnginePair pair(Authenticators forA, Authenticators forB) {
        Policies a = EnginePair.policies(EnginePair.ADDRESS_B, RSA, EnginePair.sainfo(EnginePair.NET_A,
                EnginePair.NET_B));
        Policies b = EnginePair.policies(EnginePair.ADDRESS_A, RSA, EnginePair.sainfo(EnginePair.NET_B,
                EnginePair.NET_A));
        return new EnginePair(a, forA, b, forB);
    }

    private static Authenticators authenticators(KeyPair mine, PublicKey peers, String name) {
        return (method, peer) -> {
            if (method != AuthMethod.RSA_SIGNATURE) {
                throw new IsakmpProtocolException(NotifyType.AUTHENTICATION_FAILED, method + " not configured");
            }
            return new KeyPairAuthenticator(mine, peers, name);
        };
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair();
    }
}
