package org.jracoon.daemon.auth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.ike.cert.CertException;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.PeerAuthentication;
import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Inbound;
import org.jracoon.ike.exchange.Phase1Authenticator;
import org.jracoon.ike.keymat.IsakmpKeys;
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
 * RSA-signature authentication with X.509 certificates (RFC 2409 section 5.1), as racoon does
 * it for {@code certificate_type x509}: SKEYID from the nonces and g^xy, our ID the subject
 * DN ({@code my_identifier asn1dn}), our certificate sent in MM5/MM6 ({@code send_cert}), a
 * certificate request in MM3/MM4 ({@code send_cr}), and the peer checked by
 * {@link PeerAuthentication} and, with {@code verify_identifier}, against {@code peers_identifier asn1dn}.
 */
final class CertificateAuthenticator implements Phase1Authenticator {

    private final LocalCredentials own;
    private final X500Name ownIdentity;
    private final PeerAuthentication peerAuthentication;
    private final Optional<DnPattern> peersIdentifier;
    private final boolean sendCert;
    private final boolean sendCr;

    CertificateAuthenticator(LocalCredentials own, X500Name ownIdentity, PeerAuthentication peerAuthentication,
            Optional<DnPattern> peersIdentifier, boolean sendCert, boolean sendCr) {
        this.own = own;
        this.ownIdentity = ownIdentity;
        this.peerAuthentication = peerAuthentication;
        this.peersIdentifier = peersIdentifier;
        this.sendCert = sendCert;
        this.sendCr = sendCr;
    }

    @Override
    public Optional<IdPayload> ownIdentity() {
        return Optional.of(new IdPayload(IdType.DER_ASN1_DN, 0, 0, Octets.of(DistinguishedNames.toId(ownIdentity))));
    }

    /** An empty authority: any CA the peer trusts (racoon sends its CA's name only with ca_type). */
    @Override
    public List<Payload> keyExchangePayloads() {
        return sendCr ? List.of(new CertRequestPayload(CertEncoding.X509_SIGNATURE, Octets.of(new byte[0])))
                : List.of();
    }

    @Override
    public Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
        return IsakmpKeys.skeyidForSignatures(prf, niB, nrB, gxy);
    }

    @Override
    public List<Payload> proof(byte[] ownHash) {
        List<Payload> out = new ArrayList<>();
        if (sendCert) {
            out.add(new CertPayload(CertEncoding.X509_SIGNATURE, Octets.of(own.certificateData())));
        }
        out.add(new SignaturePayload(Octets.of(own.sign(ownHash))));
        return out;
    }

    @Override
    public void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException {
        IdPayload id = in.message().first(IdPayload.class).orElseThrow(() -> new IsakmpProtocolException(
                NotifyType.INVALID_ID_INFORMATION, "no ID payload"));
        SignaturePayload sig = in.message().first(SignaturePayload.class).orElseThrow(
                () -> new IsakmpProtocolException(NotifyType.AUTHENTICATION_FAILED, "no SIG payload"));
        List<byte[]> certificates = in.message().payloads(CertPayload.class).stream()
                .filter(c -> c.encoding() == CertEncoding.X509_SIGNATURE)
                .map(c -> c.certificate().toByteArray()).toList();
        X509Certificate peer;
        try {
            peer = peerAuthentication.authenticate(certificates, id.idType(), id.data().toByteArray(), peerHash,
                    sig.data().toByteArray());
        } catch (CertException e) {
            throw new IsakmpProtocolException(e.notifyType(), e.getMessage());
        }
        if (peersIdentifier.isPresent()) {
            X500Name subject = DistinguishedNames.subject(peer);
            if (!peersIdentifier.get().matches(subject)) {
                throw new IsakmpProtocolException(NotifyType.INVALID_ID_INFORMATION, "certificate subject "
                        + DistinguishedNames.format(subject) + " is not peers_identifier " + peersIdentifier.get());
            }
        }
        in.markAuthenticated();
    }
}
