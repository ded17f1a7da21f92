package org.jracoon.ike.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadChain;
import org.jracoon.ike.payload.PayloadType;

/**
 * An ISAKMP message: the header and its chain of payloads (RFC 2408 section 3).
 *
 * <p>Plain messages go through {@link #decode(byte[])} and {@link #encode()}. Encrypted ones
 * (E flag) are split at the header so the cipher sits between the two halves:
 * <pre>
 *   receive: header = decodeHeader(datagram); body = decrypt(datagram[28..]);
 *            message = decodeBody(header, body)           // padding after the chain allowed
 *   send:    body = pad(message.encodeBody()); datagram = header.encodeWith(encrypt(body))
 * </pre>
 * The header's Next Payload always names the first payload of the chain.
 */
public record IsakmpMessage(IsakmpHeader header, List<Payload> payloads) {

    public IsakmpMessage {
        payloads = List.copyOf(payloads);
        header = header.withNextPayload(payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type());
    }

    /** Decodes and checks the header of a datagram; see {@link IsakmpHeader#decode(byte[])}. */
    public static IsakmpHeader decodeHeader(byte[] datagram) throws IsakmpProtocolException {
        return IsakmpHeader.decode(datagram);
    }

    /**
     * Decodes an unencrypted datagram in one pass: header checks, then every payload's length
     * against what is left, the repeated-payload caps, and each body.
     *
     * @throws IsakmpProtocolException also (INVALID-FLAGS) if the E flag is set: an encrypted
     *                                 body must be decrypted and given to {@link #decodeBody}
     */
    public static IsakmpMessage decode(byte[] datagram) throws IsakmpProtocolException {
        IsakmpHeader header = IsakmpHeader.decode(datagram);
        if (header.encrypted()) {
            throw new IsakmpProtocolException(NotifyType.INVALID_FLAGS, "encrypted message where plaintext expected");
        }
        return decodeBody(header, datagram, IsakmpHeader.LENGTH, datagram.length - IsakmpHeader.LENGTH);
    }

    /** {@link #decodeBody(IsakmpHeader, byte[], int, int)} over the whole array. */
    public static IsakmpMessage decodeBody(IsakmpHeader header, byte[] body) throws IsakmpProtocolException {
        return decodeBody(header, body, 0, body.length);
    }

    /**
     * Decodes the payload chain that follows {@code header}. For an encrypted header the body
     * is the decrypted plaintext and octets after the last payload are its padding (RFC 2409
     * appendix B lets their number and values vary); for a plain one they are an error.
     */
    public static IsakmpMessage decodeBody(IsakmpHeader header, byte[] body, int offset, int length)
            throws IsakmpProtocolException {
        List<Payload> payloads = PayloadChain.decode(body, offset, length, header.nextPayload(), header.encrypted(),
                new PayloadCaps());
        return new IsakmpMessage(header, payloads);
    }

    /** The payload chain without header or padding. */
    public byte[] encodeBody() {
        ByteBuffer out = ByteBuffer.allocate(PayloadChain.length(payloads));
        PayloadChain.encode(payloads, out);
        return out.array();
    }

    /** Header and payload chain, unpadded and unencrypted, with the Length field set. */
    public byte[] encode() {
        int bodyLength = PayloadChain.length(payloads);
        ByteBuffer out = ByteBuffer.allocate(IsakmpHeader.LENGTH + bodyLength);
        header.encode(out, bodyLength);
        PayloadChain.encode(payloads, out);
        return out.array();
    }

    /** The payloads of one class, in message order. */
    public <P extends Payload> List<P> payloads(Class<P> kind) {
        List<P> found = new ArrayList<>();
        for (Payload p : payloads) {
            if (kind.isInstance(p)) {
                found.add(kind.cast(p));
            }
        }
        return found;
    }

    /** The first payload of one class. */
    public <P extends Payload> Optional<P> first(Class<P> kind) {
        for (Payload p : payloads) {
            if (kind.isInstance(p)) {
                return Optional.of(kind.cast(p));
            }
        }
        return Optional.empty();
    }

    /** One line for logs, e.g. "2683532ec5433389:0000000000000000 Main Mode mid=0 [SA VID VID]". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(header.toString()).append(" [");
        for (int i = 0; i < payloads.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(PayloadType.name(payloads.get(i).type()));
        }
        return sb.append(']').toString();
    }
}
