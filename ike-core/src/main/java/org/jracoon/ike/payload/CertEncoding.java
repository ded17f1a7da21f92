package org.jracoon.ike.payload;

/** Certificate Encoding values of CERT and CR payloads, RFC 2408 section 3.9. */
public final class CertEncoding {

    public static final int PKCS7 = 1;
    public static final int PGP = 2;
    public static final int DNS_SIGNED_KEY = 3;
    public static final int X509_SIGNATURE = 4;
    public static final int X509_KEY_EXCHANGE = 5;
    public static final int KERBEROS_TOKENS = 6;
    public static final int CRL = 7;
    public static final int ARL = 8;
    public static final int SPKI = 9;
    public static final int X509_ATTRIBUTE = 10;

    private CertEncoding() {
    }

    public static String name(int encoding) {
        return switch (encoding) {
            case PKCS7 -> "PKCS #7";
            case PGP -> "PGP";
            case DNS_SIGNED_KEY -> "DNS Signed Key";
            case X509_SIGNATURE -> "X.509 Signature";
            case X509_KEY_EXCHANGE -> "X.509 Key Exchange";
            case KERBEROS_TOKENS -> "Kerberos Tokens";
            case CRL -> "CRL";
            case ARL -> "ARL";
            case SPKI -> "SPKI";
            case X509_ATTRIBUTE -> "X.509 Attribute";
            default -> "CERT-" + encoding;
        };
    }
}
