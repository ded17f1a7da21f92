package org.jracoon.ike.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.cert.CaStore;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.TestPki;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.RsaPkcs1;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.CertEncoding;
import org.jracoon.ike.payload.CertPayload;
import org.jracoon.ike.payload.CertRequestPayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.SignaturePayload;
import org.jracoon.ike.policy.AuthMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payloads the RSA-signature authenticator adds to Main Mode and how it reads the peer's. */
class RsaSignatureAuthenticatorTest {

    private static final byte[] HASH = HashAlgorithm.SHA1.digest("HASH_R".getBytes(StandardCharsets.US_ASCII));
    private static final DnPattern PEERS = DnPattern.parse("C=CH, O=IKEv1 Test, CN=*");

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
    void asn1dnIdentityIsTheCertificateSubject() {
        IdPayload id = authenticator(moon, true, true).ownIdentity().orElseThrow();
        assertEquals(IdType.DER_ASN1_DN, id.idType());
        assertEquals(TestPki.MOON_DN, DistinguishedNames.format(DistinguishedNames.fromId(id.data().toByteArray())));
        assertArrayEquals(DistinguishedNames.toId(moon.subject()), id.data().toByteArray());
        assertEquals("ID_DER_ASN1_DN \"" + TestPki.MOON_DN + "\"", Ids.describe(id));
    }

    @Test
    void certificateRequestNamesOurCaWhenSendCrIsOn() {
        List<Payload> ke = authenticator(moon, true, true).keyExchangePayloads();
        assertEquals(1, ke.size());
        CertRequestPayload cr = (CertRequestPayload) ke.get(0);
        assertEquals(CertEncoding.X509_SIGNATURE, cr.certType());
        assertEquals(TestPki.CA_DN, DistinguishedNames.format(DistinguishedNames.fromId(cr.authority().toByteArray())));
        assertEquals(List.of(), authenticator(moon, true, false).keyExchangePayloads());
    }

    @Test
    void proofIsCertificateThenSignatureOrTheSignatureAlone() {
        List<Payload> proof = authenticator(moon, true, true).proof(HASH);
        assertEquals(2, proof.size());
        CertPayload cert = (CertPayload) proof.get(0);
        assertEquals(CertEncoding.X509_SIGNATURE, cert.encoding());
        assertArrayEquals(moon.certificateData(), cert.certificate().toByteArray());
        assertArrayEquals(moon.sign(HASH), ((SignaturePayload) proof.get(1)).data().toByteArray());

        List<Payload> bare = authenticator(moon, false, true).proof(HASH);
        assertEquals(1, bare.size());
        assertArrayEquals(moon.sign(HASH), ((SignaturePayload) bare.get(0)).data().toByteArray());
    }

    @Test
    void aRequestOurCertificateAnswersNeedsNoRemark() {
        RsaSignatureAuthenticator ours = authenticator(moon, true, true);
        Payload forOurCa = authenticator(sun, true, true).keyExchangePayloads().get(0);
        assertEquals(List.of(), ours.peerKeyExchange(message(forOurCa)));
        assertEquals(List.of(), ours.peerKeyExchange(message(new CertRequestPayload(CertEncoding.X509_SIGNATURE,
                Octets.EMPTY))));
    }

    @Test
    void requestsOurCertificateCannotAnswerAreRemarked() {
        RsaSignatureAuthenticator ours = authenticator(moon, true, true);
        byte[] otherCa = DistinguishedNames.toId(DistinguishedNames.parse("C=CH, O=Elsewhere, CN=Other CA"));
        assertEquals(List.of("peer asked for a X.509 Signature certificate under \"C=CH, O=Elsewhere, CN=Other CA\";"
                + " ours is issued by \"" + TestPki.CA_DN + "\""),
                ours.peerKeyExchange(message(new CertRequestPayload(CertEncoding.X509_SIGNATURE, Octets.of(otherCa)))));
        assertEquals(List.of("peer asked for a PGP certificate; we have an X.509 one"),
                ours.peerKeyExchange(message(new CertRequestPayload(CertEncoding.PGP, Octets.EMPTY))));
        List<String> garbled = ours.peerKeyExchange(message(new CertRequestPayload(CertEncoding.X509_SIGNATURE,
                Octets.of(new byte[] {1, 2, 3}))));
        assertEquals(1, garbled.size());
        assertTrue(garbled.get(0).startsWith("peer's certificate request ignored: CR certificate authority of 3 bytes"),
                garbled.get(0));
        assertEquals(List.of("peer asked for a X.509 Signature certificate; send_cert off sends none"),
                authenticator(moon, false, true).peerKeyExchange(message(new CertRequestPayload(
                        CertEncoding.X509_SIGNATURE, Octets.EMPTY))));
    }

    @Test
    void verifiesThePeersCertificateIdAndSignature() throws IsakmpProtocolException {
        RsaSignatureAuthenticator ours = authenticator(moon, true, true);
        Inbound good = inbound(authenticator(sun, true, true));
        ours.verify(good, HASH);
        assertTrue(good.authenticated());

        byte[] otherHash = HASH.clone();
        otherHash[0] ^= 1;
        Inbound replayed = inbound(authenticator(sun, true, true));
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, () -> ours.verify(replayed, otherHash));
        assertEquals(NotifyType.INVALID_SIGNATURE, e.notifyType());
        assertFalse(replayed.authenticated());
    }

    @Test
    void withoutVerifyCertOnlyTheSignatureCounts() throws IsakmpProtocolException {
        // a self-made certificate for sun's name, trusted by nobody
        X509Certificate selfMade = TestPki.issue(TestPki.SUN_DN).build();
        LocalCredentials stranger = new LocalCredentials(selfMade, RsaPkcs1.signer(TestPki.keyPair().getPrivate()),
                Optional.empty());
        Inbound fromStranger = inbound(authenticator(stranger, true, true));
        IsakmpProtocolException refused = assertThrows(IsakmpProtocolException.class,
                () -> authenticator(moon, true, true).verify(fromStranger, HASH));
        assertEquals(NotifyType.INVALID_CERT_AUTHORITY, refused.notifyType());

        Inbound again = inbound(authenticator(stranger, true, true));
        withoutVerifyCert().verify(again, HASH);
        assertTrue(again.authenticated());
    }

    @Test
    void anIdOfAnotherKindFailsAnAsn1dnPeersIdentifier() {
        List<Payload> payloads = new ArrayList<>(List.of(IdPayload.ofFqdn("sun.test")));
        payloads.addAll(authenticator(sun, true, true).proof(HASH));
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, () -> withoutVerifyCert().verify(
                new Inbound(message(payloads.toArray(Payload[]::new)), new byte[0]), HASH));
        assertEquals(NotifyType.INVALID_ID_INFORMATION, e.notifyType());
        assertEquals("peer's identity is ID_FQDN, peers_identifier asks for asn1dn \"C=CH, O=IKEv1 Test, CN=*\"",
                e.getMessage());
    }

    @Test
    void authenticatorsHandSignaturesToTheRemotesSettingsAndPreSharedKeysOn() throws Exception {
        InetAddress peer = InetAddress.getByName("192.0.2.1");
        Authenticators withoutCertificate = Authenticators.withCertificates(
                address -> Optional.of(Secret.copyOf(new byte[] {1})), address -> Optional.empty());
        assertTrue(withoutCertificate.create(AuthMethod.PRE_SHARED_KEY, peer) instanceof PskAuthenticator);
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class,
                () -> withoutCertificate.create(AuthMethod.RSA_SIGNATURE, peer));
        assertEquals(NotifyType.AUTHENTICATION_FAILED, e.notifyType());
        assertEquals("no certificate configured for 192.0.2.1", e.getMessage());

        Authenticators withCertificate = Authenticators.withCertificates(address -> Optional.empty(),
                address -> Optional.of(new RsaSignatureAuthenticator.Settings(moon, cas, true, Optional.empty(),
                        Optional.empty(), true, true, TestPki.CLOCK)));
        Phase1Authenticator rsa = withCertificate.create(AuthMethod.RSA_SIGNATURE, peer);
        assertTrue(rsa.ownIdentity().isEmpty(), "my_identifier of another kind is the remote policy's");
        assertEquals(2, rsa.proof(HASH).size());
    }

    /** verify_cert on, peers_identifier any CN of the test organisation. */
    private RsaSignatureAuthenticator authenticator(LocalCredentials own, boolean sendCert, boolean sendCr) {
        return new RsaSignatureAuthenticator(new RsaSignatureAuthenticator.Settings(own, cas, true,
                Optional.of(own.subject()), Optional.of(PEERS), sendCert, sendCr, TestPki.CLOCK));
    }

    /** moon with verify_cert off: the signature alone authenticates, peers_identifier still applies. */
    private RsaSignatureAuthenticator withoutVerifyCert() {
        return new RsaSignatureAuthenticator(new RsaSignatureAuthenticator.Settings(moon, cas, false,
                Optional.of(moon.subject()), Optional.of(PEERS), true, true, TestPki.CLOCK));
    }

    /** The MM6 {@code peer} would send for {@link #HASH}: its ID and proof. */
    private static Inbound inbound(RsaSignatureAuthenticator peer) {
        List<Payload> payloads = new ArrayList<>();
        payloads.add(peer.ownIdentity().orElseThrow());
        payloads.addAll(peer.proof(HASH));
        return new Inbound(message(payloads.toArray(Payload[]::new)), new byte[0]);
    }

    private static IsakmpMessage message(Payload... payloads) {
        return new IsakmpMessage(IsakmpHeader.of(1, 2, ExchangeType.IDENTITY_PROTECTION, 0, 0), List.of(payloads));
    }
}
