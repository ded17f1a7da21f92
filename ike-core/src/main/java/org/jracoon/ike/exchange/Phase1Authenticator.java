package org.jracoon.ike.exchange;

import java.util.List;

import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.policy.AuthMethod;

/**
 * The part of Main Mode that depends on the authentication method (RFC 2409 section 5): how
 * SKEYID is formed, what proves our HASH_I/HASH_R in MM5/MM6, and how the peer's proof is
 * checked. Pre-shared keys are {@link PskAuthenticator}; signatures plug in the same way.
 */
public interface Phase1Authenticator {

    AuthMethod method();

    /** SKEYID from the nonce bodies and the DH shared secret. */
    Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy);

    /** The payloads that follow our ID payload in MM5/MM6 and prove {@code ownHash}. */
    List<Payload> proof(byte[] ownHash);

    /**
     * Checks the peer's proof of {@code peerHash} in its MM5/MM6 and marks the message
     * authentic on success.
     */
    void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException;
}
