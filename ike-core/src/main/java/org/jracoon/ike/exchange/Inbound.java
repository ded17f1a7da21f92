package org.jracoon.ike.exchange;

import java.security.MessageDigest;
import java.util.Arrays;

import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.PayloadChain;
import org.jracoon.ike.payload.PayloadType;

/**
 * A received message on its way through an exchange: the decoded payloads, the plaintext they
 * came from (for hashes over payloads as received), and whether the exchange has proved it
 * authentic yet. Only an authenticated message moves the IV chain or earns an encrypted
 * notification in answer (RFC 2409 section 5, RFC 2408 section 5.5).
 */
public final class Inbound {

    private final IsakmpMessage message;
    private final byte[] plaintext;
    private boolean authenticated;

    /** @param plaintext header and payload chain as received (decrypted when the E flag was set) */
    public Inbound(IsakmpMessage message, byte[] plaintext) {
        this.message = message;
        this.plaintext = plaintext;
    }

    public IsakmpMessage message() {
        return message;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Marks the message as proved authentic by a check outside this class (a signature). */
    public void markAuthenticated() {
        authenticated = true;
    }

    /**
     * The payloads after the leading HASH payload as they arrived, padding excluded: the
     * "rest" Quick Mode and Informational hashes cover (RFC 2409 sections 5.5 and 5.7).
     */
    public byte[] afterLeadingHash() throws IsakmpProtocolException {
        if (message.payloads().isEmpty() || message.payloads().get(0).type() != PayloadType.HASH) {
            throw new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, "message does not start with HASH");
        }
        int start = IsakmpHeader.LENGTH + PayloadChain.HEADER_LENGTH + message.payloads().get(0).bodyLength();
        int end = IsakmpHeader.LENGTH + PayloadChain.length(message.payloads());
        return Arrays.copyOfRange(plaintext, start, end);
    }

    /**
     * Compares the message's HASH payload with what it must be, in constant time, and marks
     * the message authentic when they agree.
     *
     * @param what names the hash in the error, e.g. "HASH(1)"
     * @throws IsakmpProtocolException with {@code notifyType} if the hash is absent or differs
     */
    public void checkHash(byte[] expected, int notifyType, String what) throws IsakmpProtocolException {
        HashPayload hash = message.first(HashPayload.class).orElseThrow(
                () -> new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, what + " missing"));
        if (!MessageDigest.isEqual(expected, hash.data().toByteArray())) {
            throw new IsakmpProtocolException(notifyType, what + " mismatch");
        }
        authenticated = true;
    }
}
