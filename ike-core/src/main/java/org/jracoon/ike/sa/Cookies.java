package org.jracoon.ike.sa;

/**
 * The two cookies that name an ISAKMP SA (RFC 2408 section 3.1); the responder's is 0 until
 * the responder has answered. Shown as 16 hex digits each, {@code i:r}, in every log line.
 */
public record Cookies(long initiator, long responder) {

    public Cookies withResponder(long cookie) {
        return new Cookies(initiator, cookie);
    }

    @Override
    public String toString() {
        return String.format("%016x:%016x", initiator, responder);
    }
}
