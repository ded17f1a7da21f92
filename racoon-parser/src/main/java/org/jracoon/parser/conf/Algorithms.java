package org.jracoon.parser.conf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The algorithm vocabularies of racoon.conf, with the key-length rules of racoon's algorithm.c:
 * an algorithm with a default key length takes an optional length in a range, one without
 * refuses any ("keylen not allowed"). DH groups carry their IANA number (RFC 2409 / RFC 3526).
 */
public final class Algorithms {

    private Algorithms() {
    }

    /** Key-length rule: default 0 means the algorithm has a fixed key and takes no length. */
    record KeyLength(int defaultBits, int min, int max, int[] only) {
        static final KeyLength FIXED = new KeyLength(0, 0, 0, null);

        static KeyLength range(int defaultBits, int min, int max) {
            return new KeyLength(defaultBits, min, max, null);
        }

        static KeyLength oneOf(int defaultBits, int... only) {
            return new KeyLength(defaultBits, 0, 0, only);
        }

        /** The effective length for a written one (0 = none written), or a message why it is wrong. */
        int resolve(int written, String name) {
            if (defaultBits == 0) {
                if (written != 0) {
                    throw new IllegalArgumentException("'" + name + "' has a fixed key length: remove the key length " + written);
                }
                return 0;
            }
            if (written == 0) {
                return defaultBits;
            }
            boolean ok = only != null ? Arrays.stream(only).anyMatch(b -> b == written) : written >= min && written <= max;
            if (!ok) {
                String allowed = only != null
                        ? Arrays.stream(only).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                        : min + " to " + max;
                throw new IllegalArgumentException("invalid key length " + written + " for '" + name + "' (allowed: " + allowed + ")");
            }
            return written;
        }
    }

    private static final KeyLength AES_LIKE = KeyLength.oneOf(128, 128, 192, 256);

    /** Phase-1 (ISAKMP SA) ciphers, OAKLEY_ATTR_ENC_ALG_*. */
    public enum Phase1Cipher implements Keyword {
        DES(KeyLength.FIXED), TRIPLE_DES(KeyLength.FIXED) {
            @Override
            public String keyword() {
                return "3des";
            }
        },
        BLOWFISH(KeyLength.range(448, 40, 448)), CAST128(KeyLength.range(128, 40, 128)), AES(AES_LIKE), CAMELLIA(AES_LIKE),
        IDEA(KeyLength.FIXED), RC5(KeyLength.range(128, 40, 2040));

        final KeyLength keyLength;

        Phase1Cipher(KeyLength keyLength) {
            this.keyLength = keyLength;
        }
    }

    /** Phase-1 hash (OAKLEY_ATTR_HASH_ALG_*). */
    public enum Hash implements Keyword {
        MD5, SHA1, SHA256, SHA384, SHA512
    }

    /** Phase-1 authentication method (OAKLEY_ATTR_AUTH_METHOD_*, hybrid/xauth from draft-ietf-ipsec-isakmp-xauth). */
    public enum AuthMethod implements Keyword {
        PRE_SHARED_KEY, RSASIG, DSSSIG, RSAENC, RSAREV, GSSAPI_KRB, HYBRID_RSA_SERVER, HYBRID_RSA_CLIENT,
        HYBRID_DSS_SERVER, HYBRID_DSS_CLIENT, XAUTH_PSK_SERVER, XAUTH_PSK_CLIENT, XAUTH_RSA_SERVER, XAUTH_RSA_CLIENT,
        XAUTH_DSS_SERVER, XAUTH_DSS_CLIENT
    }

    /** Diffie-Hellman groups with their IANA numbers (racoon's num2dhgroup table). */
    public enum DhGroup implements Keyword {
        MODP768(1), MODP1024(2), EC2N155(3), EC2N185(4), MODP1536(5), MODP2048(14), MODP3072(15), MODP4096(16),
        MODP6144(17), MODP8192(18);

        private final int number;

        DhGroup(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        /** The name racoon accepts, or the number for the EC2N groups, which have no keyword. */
        @Override
        public String keyword() {
            return name().startsWith("EC2N") ? Integer.toString(number) : Keyword.super.keyword();
        }

        public static Optional<DhGroup> byNumber(long number) {
            return Arrays.stream(values()).filter(g -> g.number == number).findFirst();
        }
    }

    /** Phase-2 (IPsec SA) ciphers, IPSECDOI_ESP_*. */
    public enum IpsecCipher implements Keyword {
        DES(KeyLength.FIXED), TRIPLE_DES(KeyLength.FIXED) {
            @Override
            public String keyword() {
                return "3des";
            }
        },
        DES_IV64(KeyLength.FIXED), DES_IV32(KeyLength.FIXED),
        RC5(KeyLength.range(128, 40, 2040)), RC4(KeyLength.range(128, 40, 2048)), IDEA(KeyLength.FIXED),
        TRIPLE_IDEA(KeyLength.FIXED) {
            @Override
            public String keyword() {
                return "3idea";
            }
        }, CAST128(KeyLength.range(128, 40, 128)),
        BLOWFISH(KeyLength.range(448, 40, 448)), NULL_ENC(KeyLength.FIXED), TWOFISH(KeyLength.range(128, 0, 256)),
        AES(AES_LIKE), CAMELLIA(AES_LIKE);

        final KeyLength keyLength;

        IpsecCipher(KeyLength keyLength) {
            this.keyLength = keyLength;
        }
    }

    /** Phase-2 integrity algorithms (IPSECDOI_ATTR_AUTH_*). */
    public enum IpsecAuth implements Keyword {
        HMAC_MD5, HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512, NON_AUTH
    }

    /** IPComp algorithms (IPSECDOI_IPCOMP_*). */
    public enum Compression implements Keyword {
        DEFLATE, LZS, OUI
    }

    /** Names of every constant of a vocabulary, for "expected one of" messages. */
    static <E extends Enum<E> & Keyword> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyword::keyword).collect(Collectors.joining(", "));
    }
}
