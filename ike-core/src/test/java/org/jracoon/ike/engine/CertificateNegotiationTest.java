package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.cert.CaStore;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.TestPki;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.RsaSignatureAuthenticator;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.CertEncoding;
import org.jracoon.ike.payload.CertRequestPayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.KePayload;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main Mode with RSA signatures and X.509 certificates between two engines, with the strongSwan
 * rsa case's real PKI: A is moon, B is sun, each trusting the CA through a hash-link folder,
 * {@code my_identifier asn1dn} and {@code peers_identifier asn1dn} naming the other. Refusals by
 * the responder B leave one warning line on its side and no SA, and B then serves a good A.
 */
class CertificateNegotiationTest {

    private static final String A = "192.168.1.11[500]";
    private static final String B = "192.168.1.12[500]";
    private static final Phase1Proposal RSASIG = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 128,
            HashAlgorithm.SHA2_256, AuthMethod.RSA_SIGNATURE, ModpGroup.MODP_2048, 28800);

    @TempDir
    Path certificateFolder;

    private CaStore cas;
    private final LocalCredentials moon = TestPki.credentials("moon");
    private final LocalCredentials sun = TestPki.credentials("sun");

    @BeforeEach
    void linkCa() {
        cas = TestPki.hashLinkedCa(certificateFolder);
    }

    @Test
    void moonInitiates() throws IsakmpProtocolException {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = pair(settings(moon, TestPki.SUN_DN), settings(sun, TestPki.MOON_DN));
            List<Datagram> wire = watch(pair);
            TwoEngineNegotiationTest.negotiate(pair, pair.a, pair.b);
            assertEquals(List.of(), log.warnings(""));
            // MM3 and MM4, the only Main Mode messages in the clear with a KE, each ask for our CA
            List<IsakmpMessage> keyExchanges = keyExchanges(wire);
            assertEquals(2, keyExchanges.size());
            for (IsakmpMessage ke : keyExchanges) {
                List<CertRequestPayload> crs = ke.payloads(CertRequestPayload.class);
                assertEquals(1, crs.size(), ke.toString());
                assertEquals(CertEncoding.X509_SIGNATURE, crs.get(0).certType());
                assertEquals(TestPki.CA_DN, DistinguishedNames.format(
                        DistinguishedNames.fromId(crs.get(0).authority().toByteArray())));
            }
        }
    }

    @Test
    void sunInitiatesAndTheWildcardAcceptsMoon() {
        EnginePair pair = pair(settings(moon, TestPki.SUN_DN), settings(sun, "C=CH, O=IKEv1 Test, CN=*"));
        TwoEngineNegotiationTest.negotiate(pair, pair.b, pair.a);
    }

    @Test
    void withoutCertificateRequestsEitherWay() throws IsakmpProtocolException {
        EnginePair pair = pair(settings(moon, TestPki.SUN_DN, true, false),
                settings(sun, TestPki.MOON_DN, true, false));
        List<Datagram> wire = watch(pair);
        TwoEngineNegotiationTest.negotiate(pair, pair.a, pair.b);
        List<IsakmpMessage> keyExchanges = keyExchanges(wire);
        assertEquals(2, keyExchanges.size());
        for (IsakmpMessage ke : keyExchanges) {
            assertEquals(List.of(), ke.payloads(CertRequestPayload.class));
        }
    }

    @Test
    void certificateFromAnUnknownCa() {
        X509Certificate otherCa = TestPki.issue("C=CH, O=Elsewhere, CN=Other CA").ca(true).build();
        X509Certificate moonByOtherCa = TestPki.issue(TestPki.MOON_DN).by(otherCa, TestPki.keyPair().getPrivate())
                .build();
        LocalCredentials forged = new LocalCredentials(moonByOtherCa,
                RsaPkcs1.signer(TestPki.keyPair().getPrivate()), Optional.empty());
        refusedByB(settings(forged, TestPki.SUN_DN), "INVALID-CERT-AUTHORITY", "no CA certificate for issuer \"C=CH, "
                + "O=Elsewhere, CN=Other CA\"");
    }

    @Test
    void certificateWhoseDnDoesNotMatchPeersIdentifier() {
        // sun's own, valid certificate and key, but B expects moon
        refusedByB(settings(sun, TestPki.SUN_DN), "INVALID-ID-INFORMATION",
                "peer's identity \"" + TestPki.SUN_DN + "\" does not match peers_identifier asn1dn \"" + TestPki.MOON_DN
                        + "\"");
    }

    @Test
    void expiredCertificate() {
        refusedOutsideValidity(TestPki.NOW.minus(400, ChronoUnit.DAYS), TestPki.NOW.minus(35, ChronoUnit.DAYS),
                "expired at ");
    }

    @Test
    void certificateNotYetValid() {
        refusedOutsideValidity(TestPki.NOW.plus(1, ChronoUnit.DAYS), TestPki.NOW.plus(400, ChronoUnit.DAYS),
                "is not valid before ");
    }

    /** moon's certificate from the trusted CA, valid only from {@code from} to {@code to}: B refuses it. */
    private void refusedOutsideValidity(Instant from, Instant to, String reason) {
        X509Certificate certificate = TestPki.issue(TestPki.MOON_DN)
                .by(TestPki.certificate("ca.pem"), TestPki.key("ca.key")).validity(from, to).build();
        LocalCredentials credentials = new LocalCredentials(certificate,
                RsaPkcs1.signer(TestPki.keyPair().getPrivate()), Optional.empty());
        refusedByB(settings(credentials, TestPki.SUN_DN), "INVALID-CERTIFICATE",
                "certificate \"" + TestPki.MOON_DN + "\" " + reason);
    }

    @Test
    void certificateOfAnotherIdentity() {
        // A claims to be moon but holds (and signs with) sun's valid certificate and key
        RsaSignatureAuthenticator.Settings claimsMoon = new RsaSignatureAuthenticator.Settings(sun, cas, true,
                Optional.of(DistinguishedNames.parse(TestPki.MOON_DN)), Optional.of(DnPattern.parse(TestPki.SUN_DN)),
                true, true, TestPki.CLOCK);
        refusedByB(claimsMoon, "INVALID-ID-INFORMATION", "ID asn1dn \"" + TestPki.MOON_DN
                + "\" does not match the certificate subject \"" + TestPki.SUN_DN + "\"");
    }

    @Test
    void forgedSignature() {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = pair(settings(moon, TestPki.SUN_DN), settings(sun, TestPki.MOON_DN));
            List<Datagram> mm5 = pair.holdBack(d -> EnginePair.sent(d, pair.a, ExchangeType.IDENTITY_PROTECTION)
                    && EnginePair.encrypted(d));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            assertEquals(1, mm5.size());
            byte[] genuine = mm5.get(0).data();
            // SIG (256 bytes) ends MM5, followed by at most one AES block of padding: the fourth block
            // from the end and the one after it, which a flipped bit garbles, are signature bytes
            pair.inject(pair.a, pair.b, EnginePair.flipped(genuine, genuine.length - 4 * 16));
            refusedOnce(log, A, "SIG payload does not verify with the key of \"" + TestPki.MOON_DN + "\"",
                    "INVALID-SIGNATURE");
            assertEquals(new FakeKernel(0).state(), pair.b.kernel.state(), "B's kernel untouched");

            // the forgery did not end B's phase 1: the genuine MM5 completes it, and phase 2 follows
            pair.lose = d -> false;
            pair.inject(pair.a, pair.b, genuine);
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
            TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
            assertEquals(1, log.warnings("").size(), log.warnings("").toString());
        }
    }

    @Test
    void signatureByAKeyThatIsNotTheCertificates() {
        KeyPair other = TestPki.keyPair();
        LocalCredentials mismatched = new LocalCredentials(moon.certificate(), RsaPkcs1.signer(other.getPrivate()),
                Optional.empty());
        refusedByB(settings(mismatched, TestPki.SUN_DN), "INVALID-SIGNATURE",
                "SIG payload does not verify with the key of \"" + TestPki.MOON_DN + "\"");
    }

    @Test
    void noCertificateSentWhileVerifyCertIsOn() {
        refusedByB(settings(moon, TestPki.SUN_DN, false, true), "CERTIFICATE-UNAVAILABLE",
                "the peer sent no certificate");
    }

    @Test
    void theInitiatorRefusesAResponderFromAnUnknownCa() throws Exception {
        // A trusts no CA at all: sun's MM6 is refused on A's side, and nothing is installed
        Path empty = Files.createDirectory(certificateFolder.resolve("empty"));
        RsaSignatureAuthenticator.Settings trustsNothing = new RsaSignatureAuthenticator.Settings(moon,
                CaStore.of(Optional.of(empty), Optional.empty()), true, Optional.of(moon.subject()),
                Optional.of(DnPattern.parse(TestPki.SUN_DN)), true, true, TestPki.CLOCK);
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = pair(trustsNothing, settings(sun, TestPki.MOON_DN));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();
            refusedOnce(log, B, "no CA certificate for issuer", "INVALID-CERT-AUTHORITY");
            // an MM6 that does not prove itself may be a forgery: A resends MM5 until it gives up
            assertEquals(1, pair.a.engine.isakmpSas().size());
            pair.runTimersOut();
            assertEquals(1, log.warnings(B).size(), log.warnings(B).toString());
            assertTrue(pair.a.engine.isakmpSas().isEmpty());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Failed.class).size());
            assertTrue(pair.a.kernel.installed().isEmpty());
            assertTrue(pair.b.kernel.installed().isEmpty());
        }
    }

    /** A (moon's address) authenticates with {@code forA}; B refuses its MM5, then serves a good A. */
    private void refusedByB(RsaSignatureAuthenticator.Settings forA, String notify, String reason) {
        try (LogCapture log = new LogCapture()) {
            EnginePair pair = pair(forA, settings(sun, TestPki.MOON_DN));
            pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
            pair.pump();

            refusedOnce(log, A, reason, notify);
            // A hears nothing (an MM5 refusal earns no answer) and gives up on its timers; B ends phase 1
            // at once if the MM5 proved itself (an identity refused), else at its timeout (it may be a forgery)
            pair.runTimersOut();
            assertEquals(1, log.warnings(A).size(), log.warnings(A).toString());
            assertTrue(pair.b.engine.isakmpSas().isEmpty());
            assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Failed.class).size());
            assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Failed.class).size());
            assertTrue(pair.a.kernel.installed().isEmpty());
            assertEquals(new FakeKernel(0).state(), pair.b.kernel.state(), "B's kernel untouched");
            servesAGoodMoon(pair, log);
        }
    }

    /** B, after a refusal, negotiates with moon at A's address (a new engine there) without a warning. */
    private void servesAGoodMoon(EnginePair pair, LogCapture log) {
        log.clear();
        pair.lose = d -> false;
        pair.replaceA(policiesTowards(pair.b.address), authenticators(settings(moon, TestPki.SUN_DN)));
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase2Established.class).size());
        assertEquals(1, pair.b.sink.events(EngineEvent.Phase2Established.class).size());
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
        TwoEngineNegotiationTest.sameSa(pair.b.kernel.added.get(0), pair.a.kernel.updated.get(0));
        assertEquals(List.of(), log.warnings(""));
    }

    /** Every datagram the pair carries from now on, in order. */
    private static List<Datagram> watch(EnginePair pair) {
        List<Datagram> wire = new ArrayList<>();
        pair.lose = d -> !wire.add(d);
        return wire;
    }

    /** The Main Mode messages with a KE payload (MM3, MM4) among {@code wire}, decoded. */
    private static List<IsakmpMessage> keyExchanges(List<Datagram> wire) throws IsakmpProtocolException {
        List<IsakmpMessage> found = new ArrayList<>();
        for (Datagram d : wire) {
            IsakmpHeader header = IsakmpHeader.decode(d.data());
            if (header.exchangeType() == ExchangeType.IDENTITY_PROTECTION && !header.encrypted()) {
                IsakmpMessage m = IsakmpMessage.decode(d.data());
                if (!m.payloads(KePayload.class).isEmpty()) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** One warning line: phase 1 with {@code peer} refused for {@code reason}, answered with {@code notify}. */
    private static void refusedOnce(LogCapture log, String peer, String reason, String notify) {
        List<String> refusal = log.warnings(peer);
        assertEquals(1, refusal.size(), refusal.toString());
        assertTrue(refusal.get(0).contains("phase 1 with " + peer + " refused: " + reason), refusal.get(0));
        assertTrue(refusal.get(0).contains("(" + notify + ")"), refusal.get(0));
    }

    private RsaSignatureAuthenticator.Settings settings(LocalCredentials own, String peersIdentifier) {
        return settings(own, peersIdentifier, true, true);
    }

    /** racoon.conf: my_identifier asn1dn; peers_identifier asn1dn "..."; verify_cert on; send_cert; send_cr. */
    private RsaSignatureAuthenticator.Settings settings(LocalCredentials own, String peersIdentifier, boolean sendCert,
            boolean sendCr) {
        return new RsaSignatureAuthenticator.Settings(own, cas, true,
                Optional.of(DistinguishedNames.myIdentifier(Optional.empty(), Optional.of(own.certificate()))),
                Optional.of(DnPattern.parse(peersIdentifier)), sendCert, sendCr, TestPki.CLOCK);
    }

    private static EnginePair pair(RsaSignatureAuthenticator.Settings forA, RsaSignatureAuthenticator.Settings forB) {
        return new EnginePair(policiesTowards(EnginePair.ADDRESS_B), authenticators(forA),
                EnginePair.policies(EnginePair.ADDRESS_A, RSASIG,
                        EnginePair.sainfo(EnginePair.NET_B, EnginePair.NET_A)),
                authenticators(forB));
    }

    /** A's policies: rsasig towards {@code peer}, an sainfo from A's network to B's. */
    private static Policies policiesTowards(InetAddress peer) {
        return EnginePair.policies(peer, RSASIG, EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B));
    }

    /** What the daemon gives the engine: rsasig with these settings, no pre-shared key. */
    private static Authenticators authenticators(RsaSignatureAuthenticator.Settings settings) {
        return Authenticators.withCertificates(peer -> Optional.empty(), peer -> Optional.of(settings));
    }
}
