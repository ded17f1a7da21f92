package org.jracoon.ike.sa;

import java.util.HexFormat;

/**
 * The two cookies that name an ISAKMP SA (RFC 2408 section 3.1); the responder's is 0 until
 * the responder has answered. Shown as 16 hex digits each, {@code i:r}, in every log line.
 */
public record Cookies(long initiator, long responder) {

    public Cookies withResponder(long cookie) {
        return new Cookies(initiator, cookie);
    }

    private static final HexFormat HEX = HexFormat.of();

    /** HexFormat, not String.format: this runs for every log line of every negotiation. */
    @Override
    public String toString() {
        return HEX.toHexDigits(initiator) + ":" + HEX.toHexDigits(responder);
    }
}
