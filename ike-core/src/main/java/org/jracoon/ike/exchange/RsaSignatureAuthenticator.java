package org.jracoon.ike.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.cert.CaStore;
import org.jracoon.ike.cert.CertException;
import org.jracoon.ike.cert.CertVerifier;
import org.jracoon.ike.cert.CertificateRequests;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.PeerAuthentication;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.CertEncoding;
import org.jracoon.ike.payload.CertPayload;
import org.jracoon.ike.payload.CertRequestPayload;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IdType;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.SignaturePayload;

/**
 * RSA-signature authentication with X.509 certificates (RFC 2409 section 5.1) as racoon's
 * {@code authentication_method rsasig; certificate_type x509 ...} does it:
 * <pre>
 *   MM3 KE, Ni, [CR] ->                   <- MM4 KE, Nr, [CR]
 *   MM5 *IDii, [CERT], SIG_I ->           <- MM6 *IDir, [CERT], SIG_R
 * </pre>
 * SKEYID = prf(Ni_b | Nr_b, g^xy). CR payloads (send_cr) ask for an X.509 signature certificate
 * under our certificate's issuer; our CERT (send_cert) is sent whatever the peer asked, as racoon
 * does, with a log line when its CR named a CA ours is not under. The peer's MM5/MM6 is checked
 * by {@link PeerAuthentication} (chain, validity, ID against certificate, SIG) and its asn1dn ID
 * against {@code peers_identifier}. One instance serves one phase-1 negotiation.
 */
public final class RsaSignatureAuthenticator implements Phase1Authenticator {

    /** racoon fills the phase-1 ID's protocol and port with UDP/500 (see {@code Identifier}). */
    private static final int UDP = 17;
    private static final int IKE_PORT = 500;

    /**
     * What a racoon.conf {@code remote} says about certificates; one value serves every
     * negotiation with that remote.
     *
     * @param credentials {@code certificate_type x509 "cert" "key"}
     * @param cas the CAs of {@code path certificate} (hash links) and {@code ca_type x509}
     * @param verifyCert {@code verify_cert}: check the peer's certificate chain and that it
     *     names the peer's ID; off checks the signature only
     * @param myIdentifier the DN of {@code my_identifier asn1dn} ({@link
     *     DistinguishedNames#myIdentifier}), empty when {@code my_identifier} is another kind,
     *     which the remote policy then sends
     * @param peersIdentifier {@code peers_identifier asn1dn} under {@code verify_identifier on};
     *     empty accepts any DN (other kinds stay the remote policy's)
     * @param sendCert {@code send_cert}: our certificate in MM5/MM6
     * @param sendCr {@code send_cr}: a certificate request in MM3/MM4
     * @param clock the time certificate validity is checked at
     */
    public record Settings(LocalCredentials credentials, CaStore cas, boolean verifyCert,
            Optional<X500Name> myIdentifier, Optional<DnPattern> peersIdentifier, boolean sendCert, boolean sendCr,
            Clock clock) {

        public Settings {
            Objects.requireNonNull(credentials);
            Objects.requireNonNull(cas);
            Objects.requireNonNull(myIdentifier);
            Objects.requireNonNull(peersIdentifier);
            Objects.requireNonNull(clock);
        }
    }

    private final Settings settings;
    private final PeerAuthentication peerCheck;

    /** The authenticator for one negotiation under {@code settings}. */
    public RsaSignatureAuthenticator(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.peerCheck = settings.verifyCert()
                ? PeerAuthentication.verifying(new CertVerifier(settings.cas(), settings.clock()))
                : PeerAuthentication.withoutCertificateCheck();
    }

    @Override
    public Optional<IdPayload> ownIdentity() {
        return settings.myIdentifier().map(dn -> new IdPayload(IdType.DER_ASN1_DN, UDP, IKE_PORT,
                Octets.of(DistinguishedNames.toId(dn))));
    }

    @Override
    public List<Payload> keyExchangePayloads() {
        if (!settings.sendCr()) {
            return List.of();
        }
        X500Name ca = DistinguishedNames.issuer(settings.credentials().certificate());
        return List.of(new CertRequestPayload(CertEncoding.X509_SIGNATURE, Octets.of(DistinguishedNames.toId(ca))));
    }

    /** Answers the peer's CRs: each that our certificate does not satisfy gets a remark. */
    @Override
    public List<String> peerKeyExchange(IsakmpMessage message) {
        List<String> remarks = new ArrayList<>();
        for (CertRequestPayload cr : message.payloads(CertRequestPayload.class)) {
            CertificateRequests.Answer answer;
            try {
                answer = CertificateRequests.answer(cr.certType(), cr.authority().toByteArray(),
                        settings.credentials().certificate(), settings.cas());
            } catch (CertException e) {
                remarks.add("peer's certificate request ignored: " + e.getMessage());
                continue;
            }
            String asked = CertEncoding.name(cr.certType()) + " certificate"
                    + (cr.authority().isEmpty() ? "" : " under " + authority(cr));
            switch (answer) {
                case ISSUED_UNDER, ANY_CA -> {
                    if (!settings.sendCert()) {
                        remarks.add("peer asked for a " + asked + "; send_cert off sends none");
                    }
                }
                case OTHER_CA -> remarks.add("peer asked for a " + asked + "; ours is issued by \""
                        + DistinguishedNames.format(DistinguishedNames.issuer(settings.credentials().certificate()))
                        + "\"");
                case UNSUPPORTED_TYPE -> remarks.add("peer asked for a " + asked + "; we have an X.509 one");
            }
        }
        return remarks;
    }

    @Override
    public Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
        return IsakmpKeys.skeyidForSignatures(prf, niB, nrB, gxy);
    }

    @Override
    public List<Payload> proof(byte[] ownHash) {
        SignaturePayload signature = new SignaturePayload(Octets.of(settings.credentials().sign(ownHash)));
        if (!settings.sendCert()) {
            return List.of(signature);
        }
        byte[] certificate = settings.credentials().certificateData();
        return List.of(new CertPayload(CertEncoding.X509_SIGNATURE, Octets.of(certificate)), signature);
    }

    @Override
    public void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException {
        IsakmpMessage message = in.message();
        SignaturePayload signature = message.first(SignaturePayload.class).orElseThrow(
                () -> new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, "SIG payload missing"));
        IdPayload id = message.first(IdPayload.class).orElseThrow();
        // the peer's own certificate first, then any intermediates, as they arrived
        List<byte[]> certificates = message.payloads(CertPayload.class).stream()
                .filter(cert -> cert.encoding() == CertEncoding.X509_SIGNATURE)
                .map(cert -> cert.certificate().toByteArray())
                .toList();
        try {
            peerCheck.authenticate(certificates, id.idType(), id.data().toByteArray(), peerHash,
                    signature.data().toByteArray());
        } catch (CertException e) {
            throw new IsakmpProtocolException(e.notifyType(), e.getMessage());
        }
        in.markAuthenticated();
        if (settings.peersIdentifier().isPresent()) {
            checkPeersIdentifier(id, settings.peersIdentifier().get());
        }
    }

    /** racoon's verify_identifier for asn1dn: the peer's ID must be a DN the pattern matches. */
    private static void checkPeersIdentifier(IdPayload id, DnPattern pattern) throws IsakmpProtocolException {
        if (id.idType() != IdType.DER_ASN1_DN) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION,
                    "peer's identity is " + IdType.name(id.idType()) + ", peers_identifier asks for asn1dn \""
                            + pattern + "\"");
        }
        X500Name dn;
        try {
            dn = DistinguishedNames.fromId(id.data().toByteArray());
        } catch (CertException e) {
            throw new IsakmpProtocolException(e.notifyType(), e.getMessage());
        }
        if (!pattern.matches(dn)) {
            throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "peer's identity \""
                    + DistinguishedNames.format(dn) + "\" does not match peers_identifier asn1dn \"" + pattern + "\"");
        }
    }

    private static String authority(CertRequestPayload cr) {
        try {
            return "\"" + DistinguishedNames.format(DistinguishedNames.fromId(cr.authority().toByteArray())) + "\"";
        } catch (CertException e) {
            return cr.authority().length() + " octets";
        }
    }
}
