package org.jracoon.ike.exchange;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Function;

import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.PreSharedKeys;

/**
 * Makes the {@link Phase1Authenticator} for a negotiated method and peer. The engine is given
 * one; {@link #preSharedKeys} serves PSK, {@link #withCertificates} RSA signatures as well.
 */
@FunctionalInterface
public interface Authenticators {

    /**
     * @throws IsakmpProtocolException AUTHENTICATION-FAILED if this method cannot be used with
     *                                 this peer (no key, no certificate)
     */
    Phase1Authenticator create(AuthMethod method, InetAddress peer) throws IsakmpProtocolException;

    /** Pre-shared keys looked up by the peer's address; other methods are refused. */
    static Authenticators preSharedKeys(PreSharedKeys keys) {
        return (method, peer) -> {
            if (method != AuthMethod.PRE_SHARED_KEY) {
                throw new IsakmpProtocolException(NotifyType.AUTHENTICATION_FAILED, method + " is not available");
            }
            return new PskAuthenticator(keys.forAddress(peer).orElseThrow(() -> new IsakmpProtocolException(
                    NotifyType.AUTHENTICATION_FAILED, "no pre-shared key for " + peer.getHostAddress())));
        };
    }

    /**
     * RSA signatures with the certificate settings of the peer's remote (empty where that remote
     * has no {@code certificate_type x509}), a fresh {@link RsaSignatureAuthenticator} per
     * negotiation; pre-shared keys as {@link #preSharedKeys}.
     */
    static Authenticators withCertificates(PreSharedKeys keys,
            Function<InetAddress, Optional<RsaSignatureAuthenticator.Settings>> certificates) {
        Authenticators preShared = preSharedKeys(keys);
        return (method, peer) -> {
            if (method != AuthMethod.RSA_SIGNATURE) {
                return preShared.create(method, peer);
            }
            return new RsaSignatureAuthenticator(certificates.apply(peer).orElseThrow(() -> new IsakmpProtocolException(
                    NotifyType.AUTHENTICATION_FAILED, "no certificate configured for " + peer.getHostAddress())));
        };
    }
}
