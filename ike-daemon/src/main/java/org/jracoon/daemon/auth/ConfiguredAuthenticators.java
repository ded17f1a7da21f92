package org.jracoon.daemon.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.jracoon.daemon.config.ConfigMapping.CertificateRemote;
import org.jracoon.ike.cert.CaStore;
import org.jracoon.ike.cert.CertException;
import org.jracoon.ike.cert.CertVerifier;
import org.jracoon.ike.cert.CredentialFileException;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.PeerAuthentication;
import org.jracoon.ike.cert.PemFiles;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.Phase1Authenticator;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.ike.policy.RemotePolicy;

/**
 * The authenticators a configuration provides: pre-shared keys from psk.txt, and for each remote
 * with {@code certificate_type x509} its certificate, key and CA checks, read at start-up so a
 * bad file stops the start rather than a negotiation.
 */
public final class ConfiguredAuthenticators implements Authenticators {

    private final Policies policies;
    private final Authenticators preSharedKeys;
    private final Map<RemotePolicy, CertificateAuthenticator> certificates;

    private ConfiguredAuthenticators(Policies policies, Authenticators preSharedKeys,
            Map<RemotePolicy, CertificateAuthenticator> certificates) {
        this.policies = policies;
        this.preSharedKeys = preSharedKeys;
        this.certificates = certificates;
    }

    /**
     * @param keys psk.txt, empty when the configuration names none
     * @param certificateDirectory {@code path certificate}: file names and hash links are found there
     * @throws IOException one line: a certificate or key that cannot be used, a DN that does not parse
     */
    public static ConfiguredAuthenticators load(Policies policies, Optional<PreSharedKeys> keys,
            List<CertificateRemote> remotes, Optional<Path> certificateDirectory) throws IOException {
        Map<RemotePolicy, CertificateAuthenticator> certificates = new HashMap<>();
        for (CertificateRemote r : remotes) {
            try {
                LocalCredentials own = LocalCredentials.load(certificateDirectory, r.certificateFile(),
                        r.privateKeyFile());
                Optional<Path> caFile = r.caCertificateFile().map(f -> PemFiles.resolve(certificateDirectory, f));
                PeerAuthentication peers = r.verifyCert()
                        ? PeerAuthentication.verifying(new CertVerifier(CaStore.of(certificateDirectory, caFile),
                                Clock.systemUTC()))
                        : PeerAuthentication.withoutCertificateCheck();
                X500Name ownDn = DistinguishedNames.myIdentifier(r.myDn(), Optional.of(own.certificate()));
                certificates.put(r.policy(), new CertificateAuthenticator(own, ownDn, peers,
                        r.peersDn().map(DnPattern::parse), r.sendCert(), r.sendCr()));
            } catch (CredentialFileException | CertException | IllegalArgumentException e) {
                throw new IOException(r.policy() + ": " + e.getMessage(), e);
            }
        }
        Authenticators psk = keys.map(Authenticators::preSharedKeys).orElse((method, peer) -> {
            throw new IsakmpProtocolException(NotifyType.AUTHENTICATION_FAILED, "no 'path pre_shared_key'");
        });
        return new ConfiguredAuthenticators(policies, psk, Map.copyOf(certificates));
    }

    @Override
    public Phase1Authenticator create(AuthMethod method, InetAddress peer) throws IsakmpProtocolException {
        if (method != AuthMethod.RSA_SIGNATURE) {
            return preSharedKeys.create(method, peer);
        }
        return policies.remote(peer).map(certificates::get).orElseThrow(() -> new IsakmpProtocolException(
                NotifyType.AUTHENTICATION_FAILED, "no certificate_type x509 for " + peer.getHostAddress()));
    }
}
