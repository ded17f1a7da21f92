package org.jracoon.ike.payload;

/**
 * Protocol identifiers of the IPsec DOI (RFC 2407 section 4.4.1), used in Proposal, Notify and
 * Delete payloads, with the SPI sizes each one allows on the wire.
 */
public final class ProtocolId {

    public static final int ISAKMP = 1;
    public static final int AH = 2;
    public static final int ESP = 3;
    public static final int IPCOMP = 4;

    private ProtocolId() {
    }

    /**
     * Whether an SPI of {@code size} octets fits {@code protocol}: ISAKMP SAs are named by the
     * cookie pair (16) or not at all in proposals (0); AH/ESP SPIs are 4 octets; IPComp CPIs are
     * 2 octets, or 4 as some stacks send them (RFC 2407 section 4.4.1 and racoon's workaround).
     *
     * @param allowEmpty whether a zero-length SPI is legal where it appears (proposals and
     *                   notifications, but not deletions)
     */
    public static boolean validSpiSize(int protocol, int size, boolean allowEmpty) {
        if (size == 0) {
            return allowEmpty;
        }
        return switch (protocol) {
            case ISAKMP -> size == 16;
            case AH, ESP -> size == 4;
            case IPCOMP -> size == 2 || size == 4;
            default -> false;
        };
    }

    public static String name(int protocol) {
        return switch (protocol) {
            case ISAKMP -> "ISAKMP";
            case AH -> "AH";
            case ESP -> "ESP";
            case IPCOMP -> "IPCOMP";
            default -> "PROTO-" + protocol;
        };
    }
}
