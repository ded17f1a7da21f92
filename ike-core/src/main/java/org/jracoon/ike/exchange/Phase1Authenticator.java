package org.jracoon.ike.exchange;

import java.util.List;
import java.util.Optional;

import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.payload.IdPayload;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.Payload;

/**
 * The part of Main Mode that depends on the authentication method (RFC 2409 section 5): how
 * SKEYID is formed, what proves our HASH_I/HASH_R in MM5/MM6, and how the peer's proof is
 * checked. Pre-shared keys are {@link PskAuthenticator}; signatures plug in the same way.
 */
public interface Phase1Authenticator {

    /**
     * Our ID payload for MM5/MM6 when the method decides it (a certificate's subject for
     * {@code my_identifier asn1dn}); empty to use the remote policy's {@code my_identifier}.
     */
    default Optional<IdPayload> ownIdentity() {
        return Optional.empty();
    }

    /** Payloads this side adds to its KE message, MM3 or MM4 (certificate requests). */
    default List<Payload> keyExchangePayloads() {
        return List.of();
    }

    /** SKEYID from the nonce bodies and the DH shared secret. */
    Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy);

    /** The payloads that follow our ID payload in MM5/MM6 and prove {@code ownHash}. */
    List<Payload> proof(byte[] ownHash);

    /**
     * Checks the peer's proof of {@code peerHash} in its MM5/MM6 (with its ID and any
     * certificates there) and marks the message authentic on success.
     */
    void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException;
}
