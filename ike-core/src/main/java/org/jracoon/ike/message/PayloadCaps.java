package org.jracoon.ike.message;

import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.PayloadChain;
import org.jracoon.ike.payload.PayloadType;

/**
 * Upper bounds on repeated payloads in any one message, whatever the exchange, with
 * strongSwan's values (libcharon encoding/message.c): 20 notifications, deletions, vendor IDs
 * and certificate requests, 8 certificates, 10 NAT-D payloads. They bound the work a single
 * datagram can cause before its exchange is even known.
 */
final class PayloadCaps implements PayloadChain.Admission {

    static final int MAX_NOTIFY = 20;
    static final int MAX_DELETE = 20;
    static final int MAX_VENDOR_ID = 20;
    static final int MAX_CERT_REQUEST = 20;
    static final int MAX_CERT = 8;
    static final int MAX_NAT_D = 10;

    private final int[] seen = new int[256];

    static int cap(int type) {
        return switch (type) {
            case PayloadType.NOTIFY -> MAX_NOTIFY;
            case PayloadType.DELETE -> MAX_DELETE;
            case PayloadType.VENDOR_ID -> MAX_VENDOR_ID;
            case PayloadType.CR -> MAX_CERT_REQUEST;
            case PayloadType.CERT -> MAX_CERT;
            case PayloadType.NAT_D, PayloadType.NAT_D_DRAFT -> MAX_NAT_D;
            default -> Integer.MAX_VALUE;
        };
    }

    @Override
    public void admit(int type) throws IsakmpProtocolException {
        if (++seen[type] > cap(type)) {
            throw new IsakmpProtocolException(NotifyType.PAYLOAD_MALFORMED, "more than " + cap(type) + " "
                    + PayloadType.name(type) + " payloads");
        }
    }
}
