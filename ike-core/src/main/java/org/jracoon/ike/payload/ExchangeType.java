package org.jracoon.ike.payload;

/** Exchange Types of RFC 2408 section 3.1 and the IKE (RFC 2409) DOI-specific ones. */
public final class ExchangeType {

    public static final int BASE = 1;
    /** Main Mode in RFC 2409 terms. */
    public static final int IDENTITY_PROTECTION = 2;
    public static final int AUTHENTICATION_ONLY = 3;
    public static final int AGGRESSIVE = 4;
    public static final int INFORMATIONAL = 5;
    /** ISAKMP Configuration Method (Mode Config / XAUTH). */
    public static final int TRANSACTION = 6;
    public static final int QUICK_MODE = 32;
    public static final int NEW_GROUP_MODE = 33;

    private ExchangeType() {
    }

    public static String name(int type) {
        return switch (type) {
            case BASE -> "Base";
            case IDENTITY_PROTECTION -> "Main Mode";
            case AUTHENTICATION_ONLY -> "Authentication Only";
            case AGGRESSIVE -> "Aggressive Mode";
            case INFORMATIONAL -> "Informational";
            case TRANSACTION -> "Transaction";
            case QUICK_MODE -> "Quick Mode";
            case NEW_GROUP_MODE -> "New Group Mode";
            default -> "EXCHANGE-" + type;
        };
    }
}
