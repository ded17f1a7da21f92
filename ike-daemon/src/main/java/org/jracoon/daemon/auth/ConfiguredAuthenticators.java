package org.jracoon.daemon.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jracoon.daemon.config.ConfigMapping.CertificateRemote;
import org.jracoon.ike.cert.CaStore;
import org.jracoon.ike.cert.CertException;
import org.jracoon.ike.cert.CredentialFileException;
import org.jracoon.ike.cert.DistinguishedNames;
import org.jracoon.ike.cert.DnPattern;
import org.jracoon.ike.cert.LocalCredentials;
import org.jracoon.ike.cert.PemFiles;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.exchange.RsaSignatureAuthenticator;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.ike.policy.RemotePolicy;

/**
 * The authenticators a configuration provides: pre-shared keys from psk.txt, and for each remote
 * with {@code certificate_type x509} its certificate, key and CA checks, read at start-up so a
 * bad file stops the start rather than a negotiation.
 */
public final class ConfiguredAuthenticators {

    private ConfiguredAuthenticators() {
    }

    /**
     * @param keys psk.txt, empty when the configuration names none
     * @param certificateDirectory {@code path certificate}: file names and hash links are found there
     * @param crypto signs with the remotes' private keys
     * @throws IOException one line: a certificate or key that cannot be used, a DN that does not parse
     */
    public static Authenticators load(Policies policies, Optional<PreSharedKeys> keys,
            List<CertificateRemote> remotes, Optional<Path> certificateDirectory, CryptoProvider crypto)
            throws IOException {
        Map<RemotePolicy, RsaSignatureAuthenticator.Settings> certificates = new HashMap<>();
        for (CertificateRemote r : remotes) {
            try {
                LocalCredentials own = LocalCredentials.load(certificateDirectory, r.certificateFile(),
                        r.privateKeyFile(), crypto);
                Optional<Path> caFile = r.caCertificateFile().map(f -> PemFiles.resolve(certificateDirectory, f));
                certificates.put(r.policy(), new RsaSignatureAuthenticator.Settings(own,
                        CaStore.of(certificateDirectory, caFile), r.verifyCert(),
                        Optional.of(DistinguishedNames.myIdentifier(r.myDn(), Optional.of(own.certificate()))),
                        r.peersDn().map(DnPattern::parse), r.sendCert(), r.sendCr(), Clock.systemUTC()));
            } catch (CredentialFileException | CertException | IllegalArgumentException e) {
                throw new IOException(r.policy() + ": " + e.getMessage(), e);
            }
        }
        // Without psk.txt every pre-shared-key negotiation is refused as "no pre-shared key for PEER".
        return Authenticators.withCertificates(keys.orElse(peer -> Optional.empty()),
                peer -> policies.remote(peer).map(certificates::get));
    }
}
