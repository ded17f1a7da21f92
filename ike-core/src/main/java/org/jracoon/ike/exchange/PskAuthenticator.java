package org.jracoon.ike.exchange;

import java.util.List;
import java.util.Objects;

import org.jracoon.ike.crypto.Prf;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;

/** Pre-shared key authentication: SKEYID = prf(key, Ni_b | Nr_b), the proof a HASH payload. */
public final class PskAuthenticator implements Phase1Authenticator {

    private final Secret key;

    public PskAuthenticator(Secret key) {
        this.key = Objects.requireNonNull(key);
    }

    @Override
    public Secret skeyid(Prf prf, byte[] niB, byte[] nrB, Secret gxy) {
        return IsakmpKeys.skeyidForPreSharedKey(prf, key, niB, nrB);
    }

    @Override
    public List<Payload> proof(byte[] ownHash) {
        return List.of(new HashPayload(Octets.of(ownHash)));
    }

    @Override
    public void verify(Inbound in, byte[] peerHash) throws IsakmpProtocolException {
        // racoon (oakley_validate_auth) answers a wrong HASH_I/HASH_R with INVALID-HASH-INFORMATION
        in.checkHash(peerHash, NotifyType.INVALID_HASH_INFORMATION, "HASH of the peer");
    }
}
