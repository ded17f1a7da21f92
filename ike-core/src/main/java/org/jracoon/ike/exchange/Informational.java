package org.jracoon.ike.exchange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.DeletePayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.HashPayload;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadChain;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.sa.Cookies;

/**
 * Informational exchanges (RFC 2408 section 4.8, RFC 2409 section 5.7): one message each,
 * protected by HASH(1) and encryption once the ISAKMP SA has keys, in the clear only before
 * (RFC 2408 section 5.5 lets a notification go unprotected when no SA exists yet).
 */
final class Informational {

    private Informational() {
    }

    /** What a protected Informational carried, once its HASH(1) proved it authentic. */
    record Received(List<NotifyPayload> notifications, List<DeletePayload> deletions) {
    }

    /** {@code HASH | rest} with the hash computed over rest as encoded (Quick Mode and Informational). */
    static IsakmpMessage withLeadingHash(IsakmpHeader header, List<Payload> rest, UnaryOperator<byte[]> hashOfRest) {
        ByteBuffer out = ByteBuffer.allocate(PayloadChain.length(rest));
        PayloadChain.encode(rest, out);
        List<Payload> payloads = new ArrayList<>();
        payloads.add(new HashPayload(Octets.of(hashOfRest.apply(out.array()))));
        payloads.addAll(rest);
        return new IsakmpMessage(header, payloads);
    }

    /** A protected Informational carrying {@code payloads} (notifications or deletions). */
    static IsakmpMessage protectedMessage(Cookies cookies, IsakmpKeys keys, int messageId, List<Payload> payloads) {
        IsakmpHeader header = IsakmpHeader.of(cookies.initiator(), cookies.responder(), ExchangeType.INFORMATIONAL,
                IsakmpHeader.FLAG_ENCRYPTION, messageId);
        return withLeadingHash(header, payloads, rest -> keys.hash1(messageId, rest));
    }

    /** A notification about the ISAKMP SA itself: protocol ISAKMP, the cookies as SPI (RFC 2408 section 3.14). */
    static NotifyPayload aboutIsakmpSa(Cookies cookies, int notifyType) {
        return aboutIsakmpSa(cookies, notifyType, Octets.EMPTY);
    }

    static NotifyPayload aboutIsakmpSa(Cookies cookies, int notifyType, Octets data) {
        return NotifyPayload.of(ProtocolId.ISAKMP, cookieSpi(cookies), notifyType, data);
    }

    /** The DELETE of an ISAKMP SA (RFC 2408 section 3.15). */
    static DeletePayload deleteIsakmpSa(Cookies cookies) {
        return DeletePayload.of(ProtocolId.ISAKMP, List.of(cookieSpi(cookies)));
    }

    /** An unprotected notification answering a message that created no SA. */
    static IsakmpMessage unprotectedNotify(Cookies cookies, int messageId, int notifyType) {
        IsakmpHeader header = IsakmpHeader.of(cookies.initiator(), cookies.responder(), ExchangeType.INFORMATIONAL, 0,
                messageId);
        return new IsakmpMessage(header, List.of(aboutIsakmpSa(cookies, notifyType)));
    }

    /** Checks HASH(1) of a protected Informational and hands out what it carried. */
    static Received process(Inbound in, IsakmpKeys keys) throws IsakmpProtocolException {
        int messageId = in.message().header().messageId();
        in.checkHash(keys.hash1(messageId, in.afterLeadingHash()), NotifyType.INVALID_HASH_INFORMATION,
                "Informational HASH(1)");
        return new Received(in.message().payloads(NotifyPayload.class), in.message().payloads(DeletePayload.class));
    }

    static Octets cookieSpi(Cookies cookies) {
        return Octets.of(ByteBuffer.allocate(16).putLong(cookies.initiator()).putLong(cookies.responder()).array());
    }
}
