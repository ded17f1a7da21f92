package org.jracoon.ike.exchange;

import java.net.InetAddress;

import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.PreSharedKeys;

/**
 * Makes the {@link Phase1Authenticator} for a negotiated method and peer. The engine is given
 * one; {@link #preSharedKeys} serves PSK, and a certificate-aware implementation can handle
 * RSA signatures and hand PSK on to it.
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
}
